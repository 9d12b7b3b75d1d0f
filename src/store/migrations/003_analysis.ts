import type { Kysely } from 'kysely';

/** Analysis: per-instansi switches of the consistency rules. */
export async function up(db: Kysely<any>): Promise<void> {
  // A row means "this rule is off for this instansi"; rules are on unless switched off.
  await db.schema
    .createTable('lint_disabled_rules')
    .addColumn('instansi_id', 'text', (c) => c.notNull().references('instansi.id'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text', (c) => c.notNull())
    .addColumn('disabled_by', 'text')
    .addPrimaryKeyConstraint('lint_disabled_rules_pk', ['instansi_id', 'rule_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lint_disabled_rules').execute();
}
