import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instansi')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('provenance', 'text')
    .addUniqueConstraint('org_units_instansi_code', ['instansi_id', 'code'])
    .execute();

  await db.schema
    .createTable('reference_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('provenance', 'text')
    .addUniqueConstraint('reference_nodes_scope_model_code', ['scope', 'model', 'code'])
    .execute();

  await db.schema
    .createTable('elements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('org_unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('ref_model', 'text')
    .addColumn('ref_code', 'text')
    .addColumn('lifecycle', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('provenance', 'text')
    .addColumn('source_key', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('elements_instansi_source_key', ['instansi_id', 'source_key'])
    .execute();
  await db.schema.createIndex('elements_kind_name').on('elements').columns(['instansi_id', 'kind', 'name', 'id']).execute();
  await db.schema.createIndex('elements_domain_name').on('elements').columns(['instansi_id', 'domain', 'name', 'id']).execute();
  await db.schema.createIndex('elements_org_kind').on('elements').columns(['instansi_id', 'org_unit_id', 'kind']).execute();
  await db.schema.createIndex('elements_ref').on('elements').columns(['instansi_id', 'ref_model', 'ref_code']).execute();
  await db.schema.createIndex('elements_name').on('elements').columns(['instansi_id', 'name', 'id']).execute();

  await db.schema
    .createTable('relations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('elements.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('elements.id').onDelete('cascade'))
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('provenance', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('relations_unique', ['source_id', 'type', 'target_id'])
    .execute();
  await db.schema.createIndex('relations_target').on('relations').columns(['target_id', 'type']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'text')
    .addColumn('totp_last_step', 'integer')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('["read","write"]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_instansi_seq', ['instansi_id', 'seq'])
    .execute();
  // The head of each instansi's hash chain; updating it serialises appends.
  await db.schema
    .createTable('audit_heads')
    .addColumn('instansi_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_events').columns(['entity_id', 'id']).execute();
  await db.schema.createIndex('audit_instansi').on('audit_events').columns(['instansi_id', 'id']).execute();

  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  // Failed logins per account and per address, shared by every app server.
  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('instansi_settings')
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('instansi_settings_pk', ['instansi_id', 'key'])
    .execute();

  // An operator's proposed change, reviewed by the Tim Koordinasi SPBE before it is applied.
  await db.schema
    .createTable('change_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text')
    .addColumn('base_version', 'integer')
    .addColumn('org_unit_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('review_note', 'text')
    .addColumn('applied_element_id', 'text')
    .execute();
  await db.schema.createIndex('change_requests_status').on('change_requests').columns(['instansi_id', 'status', 'id']).execute();

  await db.schema
    .createTable('atlas_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['atlas_meta', 'change_requests', 'instansi_settings', 'login_failures', 'audit_heads', 'audit_events', 'api_tokens', 'sessions', 'users', 'relations', 'elements', 'reference_nodes', 'org_units', 'instansi']) {
    await db.schema.dropTable(t).execute();
  }
}
