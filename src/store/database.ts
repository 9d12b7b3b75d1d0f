import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, type Migration } from 'kysely';
import type { Database } from './schema.js';
import type { DialectHelper } from './dialects/index.js';
import { sqliteHelper } from './dialects/sqlite.js';
import { postgresHelper } from './dialects/postgres.js';
import * as m001 from './migrations/001_initial.js';
import * as m002 from './migrations/002_evaluation.js';
import * as m003 from './migrations/003_analysis.js';
import * as m004 from './migrations/004_performance.js';

const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_evaluation': m002,
  '003_analysis': m003,
  '004_performance': m004,
};

export interface Store {
  db: Kysely<Database>;
  dialect: DialectHelper;
  close(): Promise<void>;
}

export interface StoreConfig {
  /** postgres://… selects PostgreSQL; otherwise SQLite under dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  /** PostgreSQL schema (search_path), used by tests to isolate runs. */
  pgSchema?: string;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return { databaseUrl: env.ATLAS_DATABASE_URL || undefined, dataDir: env.ATLAS_DATA_DIR || './data', pgSchema: env.ATLAS_PG_SCHEMA || undefined };
}

export async function openStore(config: StoreConfig): Promise<Store> {
  let dialect: DialectHelper;
  if (config.databaseUrl?.startsWith('postgres')) {
    dialect = postgresHelper(config.databaseUrl, config.pgSchema);
  } else {
    const dir = config.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    dialect = sqliteHelper(join(dir, 'atlas.sqlite'));
  }
  const db = new Kysely<Database>({ dialect: dialect.dialect });
  await migrate(db, config.databaseUrl?.startsWith('postgres') ? config.pgSchema : undefined);
  return { db, dialect, close: () => db.destroy() };
}

/** `schema` keeps Kysely's bookkeeping tables beside ours when PostgreSQL runs in a schema of its own. */
export async function migrate(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
