import { Problem } from './problem.js';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): { v: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as any).v === 'string' && typeof (parsed as any).id === 'string') {
      return parsed as { v: string; id: string };
    }
  } catch {
    // fall through to the problem below
  }
  throw Problem.validation([{ field: 'cursor', rule: 'format', message: 'The cursor is not one this API returned.' }]);
}
