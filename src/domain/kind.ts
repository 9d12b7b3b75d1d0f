/**
 * The shape of a kind declaration. Kinds are data: one declaration drives
 * validation, the API's JSON Schema, forms, tables, import templates and exports.
 */
export interface Label {
  id: string;
  en: string;
}

export const DOMAINS = [
  'strategy',
  'business',
  'service',
  'data',
  'application',
  'infrastructure',
  'security',
  'planning',
] as const;
export type DomainId = (typeof DOMAINS)[number];

export const DOMAIN_LABELS: Record<DomainId, Label> = {
  strategy: { id: 'Strategi', en: 'Strategy' },
  business: { id: 'Proses Bisnis', en: 'Business Process' },
  service: { id: 'Layanan', en: 'Service' },
  data: { id: 'Data dan Informasi', en: 'Data and Information' },
  application: { id: 'Aplikasi', en: 'Application' },
  infrastructure: { id: 'Infrastruktur', en: 'Infrastructure' },
  security: { id: 'Keamanan', en: 'Security' },
  planning: { id: 'Gap dan Peta Rencana', en: 'Gaps and Roadmap' },
};

export const REFERENCE_MODELS = ['RAB', 'RAL', 'RAD', 'RAA', 'RAI', 'RAK'] as const;
export type ReferenceModelId = (typeof REFERENCE_MODELS)[number];

export const CLASSIFICATIONS = ['terbuka', 'terbatas', 'rahasia'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const LIFECYCLES = ['as-is', 'to-be', 'retired'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export type FieldType =
  | 'string' // one line
  | 'text' // several lines
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date' // ISO 8601 date
  | 'url'
  | 'enum' // one of options
  | 'enum[]' // several of options
  | 'string[]';

export interface FieldOption {
  value: string;
  label?: Label;
}

export interface AttributeField {
  /** camelCase key used in the API and in data files. */
  key: string;
  label: Label;
  type: FieldType;
  required?: boolean;
  options?: readonly FieldOption[];
  /** Unit shown beside the value, e.g. "GB", "Rp". */
  unit?: string;
  /** Extra explanation shown in forms, taken from the source table's "Keterangan". */
  help?: Label;
  min?: number;
  max?: number;
}

export interface AllowedRelation {
  type: RelationTypeId;
  /** Kinds this kind may point to with this relation type. */
  targets: readonly string[];
}

export interface KindDefinition {
  id: string;
  domain: DomainId;
  label: Label;
  description?: Label;
  referenceModel?: ReferenceModelId;
  /** Regular expression (source text) the local code should match, if the kind has a pattern. */
  codePattern?: string;
  defaultClassification: Classification;
  attributes: readonly AttributeField[];
  /** Outgoing relations this kind may have. Incoming ones are declared by their source kind. */
  relations: readonly AllowedRelation[];
  /** Where the attribute list comes from, e.g. "Tabel 5.8". */
  source: string;
}

export const RELATION_TYPES = {
  composes: { id: 'terdiri atas', en: 'composes' },
  aggregates: { id: 'mengelompokkan', en: 'aggregates' },
  serves: { id: 'melayani', en: 'serves' },
  realizes: { id: 'mewujudkan', en: 'realizes' },
  supports: { id: 'mendukung', en: 'supports' },
  uses: { id: 'menggunakan', en: 'uses' },
  accesses: { id: 'mengakses', en: 'accesses' },
  produces: { id: 'menghasilkan', en: 'produces' },
  hosts: { id: 'menampung', en: 'hosts' },
  connects: { id: 'menghubungkan', en: 'connects' },
  integrates: { id: 'terintegrasi dengan', en: 'integrates with' },
  protects: { id: 'melindungi', en: 'protects' },
  concerns: { id: 'terkait', en: 'concerns' },
  closes: { id: 'menutup', en: 'closes' },
  delivers: { id: 'menghasilkan target', en: 'delivers' },
} as const satisfies Record<string, Label>;
export type RelationTypeId = keyof typeof RELATION_TYPES;

export function defineKind<const K extends KindDefinition>(kind: K): K {
  return kind;
}

/** Options shared by several kinds (e.g. status kepemilikan) are declared once. */
export function options(...values: string[]): FieldOption[] {
  return values.map((value) => ({ value }));
}
