import type { Kysely } from 'kysely';

/**
 * Evaluation: versioned frameworks (and crosswalks) as JSON, assessments per
 * instansi/framework/year, their indicator values with stage values, and
 * content-addressed evidence linked to indicators and optionally to elements.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'national' for shipped files, an instansi id for files an administrator loaded
    .addColumn('scope', 'text', (c) => c.notNull())
    // 'framework' or 'crosswalk'
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('frameworks_scope_id_version', ['scope', 'framework_id', 'version'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('framework_version', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // full precision, recomputed in the same transaction as every level change; null until something is assessed
    .addColumn('index_value', 'double precision')
    .addColumn('published', 'text') // JSON: values printed in a source document, for comparison
    .addColumn('provenance', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('assessments_instansi_framework_year', ['instansi_id', 'framework_id', 'year'])
    .execute();

  await db.schema
    .createTable('assessment_indicators')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('indicator_no', 'integer', (c) => c.notNull())
    // the level that counts: verified_level if set, else self_level
    .addColumn('level', 'integer')
    .addColumn('self_level', 'integer')
    .addColumn('verified_level', 'integer')
    .addColumn('note', 'text')
    .addColumn('verification_note', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('assessment_indicators_pk', ['assessment_id', 'indicator_no'])
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    // relative to the data directory, derived from sha256 only
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('evidence_instansi_sha256', ['instansi_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('evidence_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('indicator_no', 'integer', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.references('elements.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('evidence_links_unique', ['evidence_id', 'assessment_id', 'indicator_no'])
    .execute();
  await db.schema.createIndex('evidence_links_assessment').on('evidence_links').columns(['assessment_id', 'indicator_no']).execute();
  await db.schema.createIndex('evidence_links_element').on('evidence_links').columns(['element_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['evidence_links', 'evidence', 'assessment_indicators', 'assessments', 'frameworks']) {
    await db.schema.dropTable(t).execute();
  }
}
