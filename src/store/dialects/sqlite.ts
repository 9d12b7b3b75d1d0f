import Database from 'better-sqlite3';
import { SqliteDialect, sql } from 'kysely';
import { containsWithEscape, type DialectHelper } from './index.js';

export function sqliteHelper(file: string): DialectHelper {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return {
    name: 'sqlite',
    dialect: new SqliteDialect({ database }),
    containsText: containsWithEscape,
    jsonText: (column, key) => sql<string | null>`(${sql.ref(column)} ->> ${'$.' + key})`,
  };
}
