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

/** Escape LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function containsWithEscape(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likePattern(text)} escape '\\'`;
}
