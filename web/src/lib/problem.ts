import type { ProblemFieldError } from '../api/types';

export interface FieldErrorMapping {
  /** Errors that belong to a field in the form, as AntD `setFields` entries. */
  fields: { name: (string | number)[]; errors: string[] }[];
  /** Errors for fields the form does not show. */
  other: ProblemFieldError[];
}

/**
 * Map problem+json field errors onto form item names: "attributes.status" →
 * ['attributes', 'status'], "tags.0" → ['tags', 0]. `known` says whether a
 * name is present in the form.
 */
export function mapFieldErrors(
  errors: ProblemFieldError[] | undefined,
  known: (name: (string | number)[]) => boolean,
): FieldErrorMapping {
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const other: ProblemFieldError[] = [];
  for (const e of errors ?? []) {
    const path = (e.field ?? '')
      .replace(/^\//, '')
      .split(/[./]/)
      .filter((p) => p !== '')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    // An error on an array item belongs to the array field.
    let name = path;
    while (name.length > 0 && !known(name)) name = name.slice(0, -1);
    if (name.length === 0) {
      other.push(e);
      continue;
    }
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byName.set(key, entry);
  }
  return { fields: [...byName.values()], other };
}
