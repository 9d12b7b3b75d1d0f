import type { Element } from '../../store/repositories/element.repository.js';
import type { OrgUnit } from '../../store/repositories/org-unit.repository.js';

/**
 * Satu Data catalogue in the shapes of the CKAN Action API (2.9+) and DCAT.
 * Pure functions of the open datasets; which datasets are open is decided
 * by the service (anonymous reader, kind 'data', classification terbuka).
 */

export interface CkanOrganization {
  id: string;
  name: string;
  title: string;
  display_name: string;
  type: 'organization';
  description: string;
  image_url: string;
  image_display_url: string;
  created: string;
  is_organization: true;
  approval_status: 'approved';
  state: 'active';
  package_count: number;
  num_followers: number;
  extras: { key: string; value: string }[];
  tags: never[];
  groups: never[];
  users: never[];
  packages?: CkanPackage[];
}

/** The organization as embedded in a package (CKAN's short form). */
export interface PackageOrganization {
  id: string;
  name: string;
  title: string;
  type: 'organization';
  description: string;
  image_url: string;
  created: string;
  is_organization: true;
  approval_status: 'approved';
  state: 'active';
}

export interface CkanResource {
  id: string;
  package_id: string;
  name: string;
  description: string;
  format: string;
  url: string;
  mimetype: string | null;
  created: string;
  last_modified: string;
  state: 'active';
  position: number;
  url_type: null;
}

export interface CkanPackage {
  id: string;
  name: string;
  title: string;
  notes: string | null;
  type: 'dataset';
  state: 'active';
  private: false;
  url: string;
  version: string | null;
  author: string | null;
  author_email: string | null;
  maintainer: string | null;
  maintainer_email: string | null;
  license_id: string;
  license_title: string;
  isopen: boolean;
  metadata_created: string;
  metadata_modified: string;
  owner_org: string | null;
  organization: PackageOrganization | null;
  tags: { id: string; name: string; display_name: string; state: 'active'; vocabulary_id: null }[];
  groups: never[];
  resources: CkanResource[];
  num_resources: number;
  num_tags: number;
  extras: { key: string; value: string }[];
  relationships_as_subject: never[];
  relationships_as_object: never[];
}

/** CKAN names: lowercase letters, digits, "-" and "_", 2–100 characters. */
export function ckanSlug(s: string, max = 100): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return (slug.length >= 2 ? slug : `x-${slug}`).slice(0, max).replace(/-$/, '');
}

/** A stable, unique package name: the title's slug and the end of the id. */
export function packageName(e: Element): string {
  return `${ckanSlug(e.name, 80)}-${e.id.replace(/-/g, '').slice(-8)}`;
}

export function organizationName(o: OrgUnit): string {
  return ckanSlug(o.code);
}

const MIME: Record<string, string> = {
  CSV: 'text/csv',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  JSON: 'application/json',
  XML: 'application/xml',
  PDF: 'application/pdf',
  GeoJSON: 'application/geo+json',
  SHP: 'application/x-shapefile',
};

export function toOrganization(o: OrgUnit, packageCount: number, created: string): CkanOrganization {
  return {
    id: o.id,
    name: organizationName(o),
    title: o.name,
    display_name: o.name,
    type: 'organization',
    description: o.aliases.length ? `Juga disebut: ${o.aliases.join('; ')}` : '',
    image_url: '',
    image_display_url: '',
    created,
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
    package_count: packageCount,
    num_followers: 0,
    extras: [{ key: 'kode', value: o.code }],
    tags: [],
    groups: [],
    users: [],
  };
}

function str(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return v.join('; ');
  if (typeof v === 'boolean') return v ? 'Ya' : 'Tidak';
  return String(v);
}

export function toPackage(e: Element, org: OrgUnit | null, orgCreated: string): CkanPackage {
  const a = e.attributes;
  const formats = Array.isArray(a.format) ? (a.format as string[]) : [];
  const url = typeof a.accessUrl === 'string' ? a.accessUrl : '';
  const resources: CkanResource[] = url
    ? (formats.length ? formats : ['']).map((format, i) => ({
        id: `${e.id}-${i + 1}`,
        package_id: e.id,
        name: format ? `${e.name} (${format})` : e.name,
        description: '',
        format,
        url,
        mimetype: MIME[format] ?? null,
        created: e.createdAt,
        last_modified: e.updatedAt,
        state: 'active',
        position: i,
        url_type: null,
      }))
    : [];
  const tagNames = [...new Set([a.dataType, ...formats, a.masterData === true ? 'data induk' : null].filter((t): t is string => typeof t === 'string' && !!t))];
  const tags = tagNames.map((t) => ({ id: ckanSlug(t), name: t, display_name: t, state: 'active' as const, vocabulary_id: null }));
  const extras = (
    [
      ['kode', e.code],
      ['tujuan', str(a.purpose)],
      ['sifat_data', str(a.dataNature)],
      ['jenis_data', str(a.dataType)],
      ['validitas_data', str(a.validity)],
      ['produsen_data', str(a.producer)],
      ['walidata', str(a.custodian)],
      ['informasi_terkait', str(a.relatedInformation)],
      ['interoperabilitas', str(a.interoperable)],
      ['standar_data', str(a.dataStandard)],
      ['data_induk', str(a.masterData)],
      ['model_referensi', e.refCode],
      ['id_metadata_terkait', str(a.relatedMetadataId)],
      ['kondisi', e.lifecycle],
      ['sumber', e.provenance],
    ] as [string, string | null][]
  )
    .filter(([, v]) => v !== null)
    .map(([key, value]) => ({ key, value: value! }));
  return {
    id: e.id,
    name: packageName(e),
    title: e.name,
    notes: e.description,
    type: 'dataset',
    state: 'active',
    private: false,
    url: url,
    version: null,
    author: str(a.producer) ?? org?.name ?? null,
    author_email: null,
    maintainer: str(a.custodian),
    maintainer_email: null,
    license_id: 'notspecified',
    license_title: 'License not specified',
    isopen: false,
    metadata_created: e.createdAt,
    metadata_modified: e.updatedAt,
    owner_org: org?.id ?? null,
    organization: org
      ? {
          id: org.id,
          name: organizationName(org),
          title: org.name,
          type: 'organization',
          description: '',
          image_url: '',
          created: orgCreated,
          is_organization: true,
          approval_status: 'approved',
          state: 'active',
        }
      : null,
    tags,
    groups: [],
    resources,
    num_resources: resources.length,
    num_tags: tags.length,
    extras,
    relationships_as_subject: [],
    relationships_as_object: [],
  };
}

const PERIODICITY: Record<string, string> = {
  Realtime: 'http://purl.org/cld/freq/continuous',
  Harian: 'http://purl.org/cld/freq/daily',
  Mingguan: 'http://purl.org/cld/freq/weekly',
  Bulanan: 'http://purl.org/cld/freq/monthly',
  'Tiga Bulanan': 'http://purl.org/cld/freq/quarterly',
  'Enam Bulanan': 'http://purl.org/cld/freq/semiannual',
  Tahunan: 'http://purl.org/cld/freq/annual',
  'Dua Tahunan': 'http://purl.org/cld/freq/biennial',
  'Tiga Tahunan': 'http://purl.org/cld/freq/triennial',
};

/** The open datasets as a DCAT catalogue in JSON-LD. */
export function dcatCatalog(base: string, instansi: { code: string; name: string }, packages: CkanPackage[]) {
  const modified = packages.reduce((m, p) => (p.metadata_modified > m ? p.metadata_modified : m), '');
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${base}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': `Katalog Data ${instansi.name}`,
    'dct:description': `Data dan informasi terbuka ${instansi.name} (Satu Data Indonesia), dari Atlas SPBE.`,
    'dct:language': 'id',
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': instansi.name },
    ...(modified ? { 'dct:modified': { '@value': modified, '@type': 'xsd:dateTime' } } : {}),
    'dcat:dataset': packages.map((p) => {
      const extra = (k: string) => p.extras.find((x) => x.key === k)?.value;
      const periodicity = extra('validitas_data');
      return {
        '@id': `${base}/api/3/action/package_show?id=${p.name}`,
        '@type': 'dcat:Dataset',
        'dct:identifier': p.id,
        'dct:title': p.title,
        ...(p.notes ? { 'dct:description': p.notes } : {}),
        'dcat:keyword': p.tags.map((t) => t.name),
        'dct:issued': { '@value': p.metadata_created, '@type': 'xsd:dateTime' },
        'dct:modified': { '@value': p.metadata_modified, '@type': 'xsd:dateTime' },
        'dct:accessRights': 'public',
        ...(p.organization ? { 'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': p.organization.title } } : {}),
        ...(p.maintainer ? { 'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': p.maintainer } } : {}),
        ...(periodicity ? { 'dct:accrualPeriodicity': PERIODICITY[periodicity] ? { '@id': PERIODICITY[periodicity] } : periodicity } : {}),
        ...(extra('jenis_data') ? { 'dcat:theme': extra('jenis_data') } : {}),
        'dcat:distribution': p.resources.map((r) => ({
          '@type': 'dcat:Distribution',
          'dct:title': r.name,
          'dcat:accessURL': { '@id': r.url },
          ...(r.format ? { 'dct:format': r.format } : {}),
          ...(r.mimetype ? { 'dcat:mediaType': r.mimetype } : {}),
        })),
      };
    }),
  };
}
