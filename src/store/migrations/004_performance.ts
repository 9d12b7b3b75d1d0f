import type { Kysely } from 'kysely';

/**
 * Indexes found by the benchmark (docs/performance.md).
 *
 * relations(instansi_id, id): every read of "all relations of one instansi"
 * (ArchiMate and spreadsheet exports, GET /relations without an element, the
 * consistency checks' graph) filtered relations by instansi_id with no index
 * leading with it — a full scan of every instansi's relations (120 ms at 600
 * instansi on PostgreSQL, growing with the deployment). With it, such a read
 * touches only the instansi's own rows, already in id order for keyset pages.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('relations_instansi').on('relations').columns(['instansi_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('relations_instansi').execute();
}
