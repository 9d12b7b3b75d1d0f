import type { Generated } from 'kysely';

/** Row types. Timestamps are ISO 8601 text and JSON is text on both databases, so rows read the same everywhere. */
export interface InstansiTable {
  id: string;
  code: string;
  name: string;
  type: string;
  created_at: string;
}

export interface OrgUnitTable {
  id: string;
  instansi_id: string;
  code: string;
  name: string;
  aliases: string; // JSON array
  type: string;
  parent_id: string | null;
  provenance: string | null;
}

export interface ReferenceNodeTable {
  id: string;
  /** 'national' or an instansi id for local levels. */
  scope: string;
  model: string;
  code: string;
  name: string;
  description: string | null;
  level: number;
  parent_code: string | null;
  provenance: string | null;
}

export interface ElementTable {
  id: string;
  instansi_id: string;
  kind: string;
  domain: string;
  code: string | null;
  name: string;
  description: string | null;
  org_unit_id: string | null;
  ref_model: string | null;
  ref_code: string | null;
  lifecycle: string;
  classification: string;
  attributes: string; // JSON object
  provenance: string | null;
  source_key: string | null;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
}

export interface RelationTable {
  id: string;
  instansi_id: string;
  type: string;
  source_id: string;
  target_id: string;
  attributes: string; // JSON object
  provenance: string | null;
  created_at: string;
  created_by: string | null;
}

export interface UserTable {
  id: string;
  instansi_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  org_unit_ids: string; // JSON array of org unit ids
  created_at: string;
  disabled_at: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** Last TOTP time step accepted, so a code cannot be replayed. */
  totp_last_step: number | null;
}

export interface SessionTable {
  id: string; // sha256 of the cookie value
  user_id: string;
  csrf_token: string;
  /** 'full', or 'totp-enrolment' while an admin must first set up a second factor. */
  stage: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string; // JSON array: read, write
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventTable {
  id: string; // UUIDv7: time ordered
  instansi_id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null; // JSON
  after: string | null; // JSON
  /** Position in the instansi's chain, from 1. */
  seq: number;
  prev_hash: string;
  /** sha256 of prev_hash and the canonical event: editing or removing any event breaks the chain. */
  hash: string;
}

export interface AuditHeadTable {
  instansi_id: string;
  seq: number;
  hash: string;
}

export interface LoginFailureTable {
  key: string; // 'user:<name>' or 'ip:<address>'
  count: number;
  window_start: string;
  locked_until: string | null;
}

export interface InstansiSettingTable {
  instansi_id: string;
  key: string;
  value: string; // JSON
}

export interface ChangeRequestTable {
  id: string;
  instansi_id: string;
  action: string; // create | update | delete
  element_id: string | null;
  base_version: number | null;
  org_unit_id: string | null;
  payload: string; // JSON: the element input or patch
  summary: string;
  status: string; // draft | submitted | approved | rejected | applied
  created_by: string;
  created_at: string;
  updated_at: string;
  reviewed_by: string | null;
  review_note: string | null;
  applied_element_id: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  instansi: InstansiTable;
  org_units: OrgUnitTable;
  reference_nodes: ReferenceNodeTable;
  elements: ElementTable;
  relations: RelationTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  audit_heads: AuditHeadTable;
  atlas_meta: MetaTable;
  change_requests: ChangeRequestTable;
  login_failures: LoginFailureTable;
  instansi_settings: InstansiSettingTable;
}

export type Unused = Generated<never>;

/* Evaluation (migration 002). Declared as a second `Database` block, which TypeScript merges with the one above. */
export interface FrameworkTable {
  id: string;
  scope: string; // 'national' or an instansi id
  type: string; // 'framework' | 'crosswalk'
  framework_id: string;
  version: number;
  name: string;
  definition: string; // JSON, the file as loaded
  sha256: string;
  created_at: string;
  created_by: string | null;
}

export interface AssessmentTable {
  id: string;
  instansi_id: string;
  framework_id: string;
  framework_version: number;
  year: number;
  status: string;
  index_value: number | null;
  published: string | null; // JSON
  provenance: string | null;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
}

export interface AssessmentIndicatorTable {
  assessment_id: string;
  indicator_no: number;
  level: number | null;
  self_level: number | null;
  verified_level: number | null;
  note: string | null;
  verification_note: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

export interface EvidenceTable {
  id: string;
  instansi_id: string;
  sha256: string;
  media_type: string;
  size: number;
  original_name: string;
  storage_path: string;
  created_at: string;
  created_by: string | null;
}

export interface EvidenceLinkTable {
  id: string;
  evidence_id: string;
  assessment_id: string;
  indicator_no: number;
  element_id: string | null;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  frameworks: FrameworkTable;
  assessments: AssessmentTable;
  assessment_indicators: AssessmentIndicatorTable;
  evidence: EvidenceTable;
  evidence_links: EvidenceLinkTable;
}

/* Analysis (migration 003). A third `Database` block, merged with the ones above. */
export interface LintDisabledRuleTable {
  instansi_id: string;
  rule_id: string;
  disabled_at: string;
  disabled_by: string | null;
}

export interface Database {
  lint_disabled_rules: LintDisabledRuleTable;
}
