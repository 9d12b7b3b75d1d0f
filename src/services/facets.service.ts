import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ElementFilter } from '../store/repositories/element.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import type { Actor } from '../domain/policy.js';

export interface Facets {
  /** Elements per kind, under every filter except `kind`. */
  byKind: Record<string, number>;
  /** Elements per OPD code, under every filter except `org`; elements without an OPD are counted under `none`. */
  byOrg: Record<string, number>;
  /** Elements matching every filter. */
  total: number;
}

/** Counts for the filter sidebars of element tables: two GROUP BY queries, both limited to what the actor may see. */
export class FacetService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: Pick<Repositories, 'elements' | 'orgUnits'>,
  ) {}

  async elementFacets(actor: Actor, filter: ElementFilter): Promise<Facets> {
    const [{ byKind, byOrg }, orgUnits] = await Promise.all([
      this.repos.elements.facets(this.db, actor, filter),
      this.repos.orgUnits.list(this.db, actor.instansiId),
    ]);
    const codeOf = new Map(orgUnits.map((o) => [o.id, o.code]));
    const kinds: Record<string, number> = {};
    for (const r of byKind.sort((a, b) => a.kind.localeCompare(b.kind))) kinds[r.kind] = r.n;
    const orgs: Record<string, number> = {};
    for (const r of byOrg) {
      const key = r.orgUnitId === null ? 'none' : (codeOf.get(r.orgUnitId) ?? r.orgUnitId);
      orgs[key] = (orgs[key] ?? 0) + r.n;
    }
    const total = filter.kinds?.length ? filter.kinds.reduce((sum, k) => sum + (kinds[k] ?? 0), 0) : byKind.reduce((sum, r) => sum + r.n, 0);
    return { byKind: kinds, byOrg: Object.fromEntries(Object.entries(orgs).sort(([a], [b]) => a.localeCompare(b))), total };
  }
}
