import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import { containsWithEscape, type DialectHelper } from './index.js';

export function postgresHelper(url: string, schema?: string): DialectHelper {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.ATLAS_PG_POOL ?? 10),
    // A schema per test run keeps parallel suites apart on one database.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return {
    name: 'postgres',
    dialect: new PostgresDialect({ pool }),
    containsText: containsWithEscape,
    jsonText: (column, key) => sql<string | null>`(${sql.ref(column)}::json ->> ${key})`,
  };
}
