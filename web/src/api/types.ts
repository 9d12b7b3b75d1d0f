/** Shapes of the Atlas SPBE HTTP API (base /api/v1), as the web app uses them. */
export interface Label {
  id: string;
  en: string;
}

export type Role = 'admin' | 'operator' | 'reviewer' | 'auditor' | 'viewer';
export type Lifecycle = 'as-is' | 'to-be' | 'retired';
export type Classification = 'terbuka' | 'terbatas' | 'rahasia';

export const LIFECYCLES: Lifecycle[] = ['as-is', 'to-be', 'retired'];
export const CLASSIFICATIONS: Classification[] = ['terbuka', 'terbatas', 'rahasia'];
export const DOMAIN_IDS = [
  'strategy',
  'business',
  'service',
  'data',
  'application',
  'infrastructure',
  'security',
  'planning',
] as const;
export type DomainId = (typeof DOMAIN_IDS)[number];

export interface Instansi {
  id: string;
  code: string;
  name: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitIds: string[];
  totpEnabled?: boolean;
  instansi: Instansi;
}

export interface Session {
  user: User;
  csrfToken: string | null;
  /** 'totp-enrolment' when an admin must set up a second factor first. */
  stage?: string;
}

/** What POST/PATCH/DELETE answer (202) when an operator's change needs review. */
export interface ChangeRequest {
  id: string;
  action: 'create' | 'update' | 'delete';
  elementId: string | null;
  status: string;
  summary: string;
}

export type FieldType =
  | 'string'
  | 'text'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'url'
  | 'enum'
  | 'enum[]'
  | 'string[]';

export interface FieldOption {
  value: string;
  label?: Label;
}

export interface AttributeField {
  key: string;
  label: Label;
  type: FieldType;
  required?: boolean;
  options?: FieldOption[];
  unit?: string;
  help?: Label;
  min?: number;
  max?: number;
}

export interface Kind {
  id: string;
  domain: string;
  label: Label;
  description?: Label;
  referenceModel?: string;
  codePattern?: string;
  defaultClassification: Classification;
  source: string;
  attributes: AttributeField[];
  relations: { type: string; targets: string[] }[];
  schema?: unknown;
}

export interface KindsResponse {
  domains: { id: string; label: Label }[];
  relationTypes: { id: string; label: Label }[];
  items: Kind[];
}

export interface Element {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  description: string | null;
  orgUnitId: string | null;
  refCode: string | null;
  lifecycle: Lifecycle;
  classification: Classification;
  attributes: Record<string, unknown>;
  provenance: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface ElementRef {
  id: string;
  kind: string;
  code: string | null;
  name: string;
}

export interface Relation {
  id: string;
  type: string;
  sourceId: string;
  targetId: string;
  source: ElementRef;
  target: ElementRef;
  attributes?: Record<string, unknown> | null;
  provenance?: unknown;
}

export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  aliases: string[];
  type: string | null;
  parentId: string | null;
}

export interface ReferenceNode {
  id: string;
  code: string;
  name: string;
  description?: string | null;
  level: number;
  children?: ReferenceNode[];
}

export interface ReferenceModel {
  model: string;
  name: string;
  items: ReferenceNode[];
}

export interface AuditEvent {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ProblemFieldError {
  field: string;
  rule?: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemFieldError[];
  currentVersion?: number;
  /** Set on a 401 from /auth/login when the account needs its authenticator code. */
  totpRequired?: boolean;
}
