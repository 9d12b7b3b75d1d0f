import { createHash } from 'node:crypto';
import pg from 'pg';
import { PostgresDialect, sql } from 'kysely';
import { containsWithEscape, isUniqueLookup, type DialectHelper } from './index.js';

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `atlas_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

/** Runs queries marked as unique lookups as named statements (prepared once per connection). */
class NamingClient extends pg.Client {
  // pg's query() has many overloads; Kysely calls query(text, values).
  query(...args: any[]): any {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && isUniqueLookup(text)) {
      return super.query({ name: statementName(text), text, values });
    }
    return (super.query as (...a: any[]) => any)(...args);
  }
}

export function postgresHelper(url: string, schema?: string): DialectHelper {
  const pool = new pg.Pool({
    Client: NamingClient,
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
