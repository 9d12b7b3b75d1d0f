import type { Dialect, Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';

/** Everything that differs between SQLite and PostgreSQL lives behind this interface. */
export interface DialectHelper {
  name: 'sqlite' | 'postgres';
  dialect: Dialect;
  /** Case-insensitive "contains" match of a lower-cased column against user text. */
  containsText(column: string, text: string): RawBuilder<boolean>;
  /** The text value of a top-level key of a JSON-in-text column (null when absent). */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /** Called once after migrations, e.g. to tune pragmas. */
  afterConnect?(db: Kysely<any>): Promise<void>;
}

const UNIQUE_LOOKUP_MARK = '/* unique-lookup */';

/**
 * Appended (with `.modifyEnd(uniqueLookup)`) to the hot lookups by a unique key
 * (element by id, session, token): PostgreSQL keeps these prepared per
 * connection, skipping parse and plan on every request. Only for queries
 * whose best plan never depends on the parameter values: a prepared statement
 * may switch to a generic plan, which for other queries can be far slower.
 */
export const uniqueLookup = sql.raw(UNIQUE_LOOKUP_MARK);

export function isUniqueLookup(text: string): boolean {
  return text.endsWith(UNIQUE_LOOKUP_MARK);
}

/** Escape LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function containsWithEscape(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likePattern(text)} escape '\\'`;
}
