import { createHash } from 'node:crypto';
import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import { containsWithEscape, type DialectHelper } from './index.js';

/**
 * Runs the application's SELECTs as named (server-side prepared) statements, so
 * PostgreSQL parses and plans each distinct SQL text once per connection instead
 * of on every call — for the small indexed reads that make up most requests,
 * parsing and planning cost as much as executing. Only SELECTs with at most
 * MAX_PARAMS parameters are named (long IN lists would each be a new text), and
 * at most MAX_NAMES texts per process; everything else runs unnamed as before.
 * Results are the same either way. ATLAS_PG_PREPARE=0 turns it off.
 */
const MAX_PARAMS = 20;
const MAX_NAMES = 2000;
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    name = `atlas_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

function prepareRepeatedSelects(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length <= MAX_PARAMS && /^\s*select\b/i.test(text)) {
      const name = statementName(text);
      if (name) return query({ name, text, values });
    }
    return query(...args);
  };
}

export function postgresHelper(url: string, schema?: string): DialectHelper {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.ATLAS_PG_POOL ?? 10),
    // A schema per test run keeps parallel suites apart on one database.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (process.env.ATLAS_PG_PREPARE !== '0') pool.on('connect', (client) => prepareRepeatedSelects(client));
  return {
    name: 'postgres',
    dialect: new PostgresDialect({ pool }),
    containsText: containsWithEscape,
    jsonText: (column, key) => sql<string | null>`(${sql.ref(column)}::json ->> ${key})`,
  };
}
