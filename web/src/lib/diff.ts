export interface FieldChange {
  /** Dotted path, e.g. "name" or "attributes.status". */
  path: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping fields that change on every write and say nothing to a reader. */
const IGNORED = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'id']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ between two snapshots of an entity. Nested objects
 * (attributes) are compared one level down so each attribute is its own row.
 */
export function diffSnapshots(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const bv = b[key];
    const av = a[key];
    if (isPlainObject(bv) || isPlainObject(av)) {
      const bo = isPlainObject(bv) ? bv : {};
      const ao = isPlainObject(av) ? av : {};
      for (const sub of [...new Set([...Object.keys(bo), ...Object.keys(ao)])]) {
        if (!same(bo[sub], ao[sub])) changes.push({ path: `${key}.${sub}`, before: bo[sub], after: ao[sub] });
      }
    } else if (!same(bv, av)) {
      changes.push({ path: key, before: bv, after: av });
    }
  }
  return changes;
}
