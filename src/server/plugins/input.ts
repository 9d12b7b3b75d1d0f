import type { FastifyInstance } from 'fastify';
import { Problem, type FieldError } from '../../services/problem.js';

/** Nesting deeper than this is no legitimate Atlas document; it only feeds recursive code. */
export const MAX_INPUT_DEPTH = 64;

/**
 * Two rules for every request's path parameters, query string and parsed
 * body, checked before any route sees them: no NUL character (PostgreSQL
 * cannot store one in text and fails the query; SQLite cuts strings at it)
 * and no nesting deeper than MAX_INPUT_DEPTH. Either is answered 422 with
 * the field at fault.
 */
export function registerInputGuards(app: FastifyInstance): void {
  // The URL first, before authentication looks anything up with it (?instansi=…) …
  app.addHook('onRequest', async (request) => {
    const errors: FieldError[] = [];
    inspect(request.params, 'path', 0, errors);
    inspect(request.query, 'query', 0, errors);
    if (errors.length) throw Problem.validation(errors);
  });
  // … then the body, once parsed.
  app.addHook('preValidation', async (request) => {
    const errors: FieldError[] = [];
    inspect(request.body, '', 0, errors);
    if (errors.length) throw Problem.validation(errors);
  });
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

function inspect(value: unknown, path: string, depth: number, errors: FieldError[]): void {
  if (errors.length >= 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) errors.push({ field: path || '(body)', rule: 'no-nul', message: 'Text may not contain the NUL character (U+0000).' });
    return;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return;
  if (depth >= MAX_INPUT_DEPTH) {
    errors.push({ field: path || '(body)', rule: 'max-depth', message: `Nested more than ${MAX_INPUT_DEPTH} levels deep.` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => inspect(v, join(path, i), depth + 1, errors));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) errors.push({ field: join(path, k.replaceAll('\u0000', '\\0')), rule: 'no-nul', message: 'A name may not contain the NUL character (U+0000).' });
    inspect(v, join(path, k), depth + 1, errors);
  }
}
