import Database from 'better-sqlite3';
import { SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { containsWithEscape, type DialectHelper } from './index.js';

/**
 * Kysely prepares every query anew; preparing costs as much as running a small
 * query. The app issues a few hundred distinct SQL texts, so a bounded cache of
 * prepared statements (least recently used out) removes that cost. A statement
 * still being iterated (a stream) is never handed out twice.
 */
export function cachingDatabase(database: Database.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (stmt && !stmt.busy) {
        cache.delete(text);
        cache.set(text, stmt);
        return stmt as unknown as SqliteStatement;
      }
      stmt = database.prepare(text);
      if (!cache.has(text)) {
        cache.set(text, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return stmt as unknown as SqliteStatement;
    },
    close() {
      cache.clear();
      database.close();
    },
  };
}

export function sqliteHelper(file: string): DialectHelper {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return {
    name: 'sqlite',
    dialect: new SqliteDialect({ database: cachingDatabase(database) }),
    containsText: containsWithEscape,
    jsonText: (column, key) => sql<string | null>`(${sql.ref(column)} ->> ${'$.' + key})`,
  };
}
