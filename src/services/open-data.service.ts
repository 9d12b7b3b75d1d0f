import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Element } from '../store/repositories/element.repository.js';
import type { OrgUnit } from '../store/repositories/org-unit.repository.js';
import type { Actor } from '../domain/policy.js';
import { visibleElements, type InteropRepos } from '../interop/store.js';
import { dcatCatalog, organizationName, packageName, toOrganization, toPackage, type CkanPackage } from '../interop/ckan/ckan.js';

/** A CKAN action error: its __type, HTTP status and the fields it names. */
export class CkanError extends Error {
  constructor(
    readonly type: 'Not Found Error' | 'Validation Error' | 'Search Query Error' | 'Bad Request' | 'Authorization Error',
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

/** Sifat data that keep a data set out of the open catalogue even when its catalogue entry is terbuka. */
const CLOSED_NATURE = new Set(['Terbatas', 'Tertutup']);

export interface SearchParams {
  q?: string;
  fq?: string;
  rows?: number;
  start?: number;
  sort?: string;
  facetFields?: string[];
  facetLimit?: number;
}

interface Catalogue {
  packages: CkanPackage[];
  orgs: Map<string, OrgUnit>;
  counts: Map<string, number>;
  instansi: { code: string; name: string; createdAt: string };
}

const SEARCH_FIELDS = ['organization', 'tags', 'res_format', 'name', 'id', 'license_id', 'title', 'owner_org', 'groups', 'type', 'state'] as const;

function fieldValues(p: CkanPackage, field: string): string[] {
  switch (field) {
    case 'organization':
      return p.organization ? [p.organization.name] : [];
    case 'owner_org':
      return p.owner_org ? [p.owner_org] : [];
    case 'tags':
      return p.tags.map((t) => t.name);
    case 'res_format':
      return p.resources.map((r) => r.format).filter(Boolean);
    case 'groups':
      return [];
    case 'name':
      return [p.name];
    case 'id':
      return [p.id];
    case 'license_id':
      return [p.license_id];
    case 'title':
      return [p.title];
    case 'type':
      return [p.type];
    case 'state':
      return [p.state];
    default: {
      const v = field.startsWith('extras_') ? p.extras.find((x) => x.key === field.slice(7))?.value : undefined;
      return v ? [v] : [];
    }
  }
}

function checkField(field: string): void {
  if (!(SEARCH_FIELDS as readonly string[]).includes(field) && !field.startsWith('extras_')) {
    throw new CkanError('Search Query Error', 409, `Search error: unknown field "${field}"`);
  }
}

/** Solr-like terms: field:value, field:"quoted value", +/- prefixes, bare words. */
function terms(s: string): { field: string | null; value: string; negate: boolean }[] {
  const out: { field: string | null; value: string; negate: boolean }[] = [];
  const re = /([+-]?)(?:([A-Za-z_][A-Za-z0-9_.]*):)?(?:"([^"]*)"|(\S+))/g;
  for (const m of s.matchAll(re)) {
    const value = m[3] ?? m[4] ?? '';
    if (!m[2] && (value === 'AND' || value === 'OR')) continue;
    out.push({ field: m[2] ?? null, value, negate: m[1] === '-' });
  }
  return out;
}

function matches(p: CkanPackage, t: { field: string | null; value: string }): boolean {
  if (t.value === '*') return t.field ? fieldValues(p, t.field).length > 0 : true;
  if (t.field) {
    const want = t.value.toLowerCase();
    return fieldValues(p, t.field).some((v) => v.toLowerCase() === want || (t.field === 'title' && v.toLowerCase().includes(want)));
  }
  const hay = [p.name, p.title, p.notes ?? '', p.organization?.title ?? '', ...p.tags.map((x) => x.name), ...p.extras.map((x) => x.value)].join(' ').toLowerCase();
  return hay.includes(t.value.toLowerCase());
}

/**
 * Satu Data publication: the open data sets (kind 'data', classification
 * terbuka, sifat data not Terbatas/Tertutup) as seen by an anonymous
 * visitor, whoever asks — so nothing terbatas or rahasia can leak through.
 */
export class OpenDataService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: InteropRepos,
  ) {}

  private async catalogue(instansiId: string): Promise<Catalogue> {
    const anonymous: Actor = { instansiId, user: null };
    const instansi = await this.repos.instansi.findById(this.db, instansiId);
    const elements = (await visibleElements(this.db, this.repos, anonymous, { kinds: ['data'], classification: 'terbuka' })).filter(isOpen);
    const orgList = await this.repos.orgUnits.list(this.db, instansiId);
    const orgById = new Map(orgList.map((o) => [o.id, o]));
    const created = instansi?.createdAt ?? new Date(0).toISOString();
    const packages = elements.map((e) => toPackage(e, e.orgUnitId ? (orgById.get(e.orgUnitId) ?? null) : null, created));
    const counts = new Map<string, number>();
    for (const p of packages) if (p.owner_org) counts.set(p.owner_org, (counts.get(p.owner_org) ?? 0) + 1);
    // Only OPDs that own at least one open dataset are organizations.
    const orgs = new Map(orgList.filter((o) => counts.has(o.id)).map((o) => [o.id, o]));
    return { packages, orgs, counts, instansi: { code: instansi?.code ?? '', name: instansi?.name ?? '', createdAt: created } };
  }

  async packageList(instansiId: string, limit?: number, offset = 0): Promise<string[]> {
    const names = (await this.catalogue(instansiId)).packages.map((p) => p.name).sort();
    return names.slice(offset, limit === undefined ? undefined : offset + limit);
  }

  async packageShow(instansiId: string, id: string): Promise<CkanPackage> {
    const p = (await this.catalogue(instansiId)).packages.find((x) => x.id === id || x.name === id);
    if (!p) throw new CkanError('Not Found Error', 404, 'Not found');
    return p;
  }

  async packageSearch(instansiId: string, params: SearchParams) {
    const c = await this.catalogue(instansiId);
    const rows = Math.min(params.rows ?? 10, 1000);
    const start = params.start ?? 0;
    const q = params.q?.trim() ?? '';
    const qTerms = q && q !== '*:*' ? terms(q) : [];
    const fqTerms = params.fq?.trim() ? terms(params.fq) : [];
    for (const t of [...qTerms, ...fqTerms]) if (t.field) checkField(t.field);
    for (const field of params.facetFields ?? []) checkField(field);
    const hits = c.packages.filter((p) => [...qTerms, ...fqTerms].every((t) => matches(p, t) !== t.negate));
    const sort = params.sort?.trim() || 'score desc, metadata_modified desc';
    const [key, dir] = sort.split(',')[0].trim().split(/\s+/);
    const by: Record<string, (p: CkanPackage) => string> = {
      score: (p) => p.metadata_modified,
      metadata_modified: (p) => p.metadata_modified,
      metadata_created: (p) => p.metadata_created,
      name: (p) => p.name,
      title_string: (p) => p.title.toLowerCase(),
      title: (p) => p.title.toLowerCase(),
    };
    const f = by[key];
    if (!f) throw new CkanError('Search Query Error', 409, `Search error: cannot sort by "${key}"`);
    const descending = (dir ?? 'asc').toLowerCase() === 'desc' || key === 'score';
    hits.sort((a, b) => (descending ? f(b).localeCompare(f(a)) : f(a).localeCompare(f(b))) || a.name.localeCompare(b.name));
    const facets: Record<string, Record<string, number>> = {};
    const searchFacets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
    for (const field of params.facetFields ?? []) {
      const counts: Record<string, number> = {};
      for (const p of hits) for (const v of new Set(fieldValues(p, field))) counts[v] = (counts[v] ?? 0) + 1;
      facets[field] = counts;
      const display = (v: string) => (field === 'organization' ? ([...c.orgs.values()].find((o) => organizationName(o) === v)?.name ?? v) : v);
      searchFacets[field] = {
        title: field,
        items: Object.entries(counts)
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, params.facetLimit ?? 50)
          .map(([name, count]) => ({ name, display_name: display(name), count })),
      };
    }
    return { count: hits.length, facets, results: hits.slice(start, start + rows), sort, search_facets: searchFacets };
  }

  async organizationList(instansiId: string, opts: { allFields?: boolean; sort?: string; limit?: number; offset?: number; includeDatasetCount?: boolean }) {
    const c = await this.catalogue(instansiId);
    let list = [...c.orgs.values()].map((o) => toOrganization(o, c.counts.get(o.id) ?? 0, c.instansi.createdAt));
    const [key, dir] = (opts.sort ?? 'name asc').trim().split(/\s+/);
    const by: Record<string, (o: (typeof list)[number]) => string | number> = { name: (o) => o.name, title: (o) => o.title, package_count: (o) => o.package_count };
    const f = by[key];
    if (!f) throw new CkanError('Validation Error', 409, `Cannot sort by ${key}`, { sort: [`Cannot sort by field \`${key}\``] });
    list.sort((a, b) => {
      const x = f(a);
      const y = f(b);
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (dir ?? 'asc').toLowerCase() === 'desc' ? -cmp : cmp;
    });
    const offset = opts.offset ?? 0;
    list = list.slice(offset, opts.limit === undefined ? undefined : offset + opts.limit);
    if (!opts.allFields) return list.map((o) => o.name);
    return list.map((o) => (opts.includeDatasetCount === false ? { ...o, package_count: undefined } : o));
  }

  async organizationShow(instansiId: string, id: string, includeDatasets: boolean) {
    const c = await this.catalogue(instansiId);
    const o = [...c.orgs.values()].find((x) => x.id === id || organizationName(x) === id || x.code === id);
    if (!o) throw new CkanError('Not Found Error', 404, 'Not found');
    const org = toOrganization(o, c.counts.get(o.id) ?? 0, c.instansi.createdAt);
    if (includeDatasets) org.packages = c.packages.filter((p) => p.owner_org === o.id).slice(0, 1000);
    return org;
  }

  async dcat(instansiId: string, base: string) {
    const c = await this.catalogue(instansiId);
    return dcatCatalog(base, c.instansi, c.packages);
  }
}

export function isOpen(e: Element): boolean {
  return e.kind === 'data' && e.classification === 'terbuka' && !CLOSED_NATURE.has(String(e.attributes.dataNature ?? ''));
}

export { packageName, SEARCH_FIELDS };
