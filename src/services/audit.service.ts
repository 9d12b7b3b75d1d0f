import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import type { Actor } from '../domain/policy.js';
import { Problem } from './problem.js';

export interface AuditQuery {
  element?: string;
  user?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** A date without time means the whole day: `to=2026-12-03` includes that day's events. */
function endOf(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to;
}

export class AuditService {
  constructor(private readonly db: Kysely<Database>, private readonly audit: AuditRepository) {}

  async list(actor: Actor, q: AuditQuery) {
    if (!actor.user) throw Problem.unauthenticated();
    const filter = { instansiId: actor.instansiId, entityId: q.element, userId: q.user, from: q.from, to: q.to && endOf(q.to) };
    const [rows, total] = await Promise.all([this.audit.list(this.db, filter, q.limit + 1, q.cursor), this.audit.count(this.db, filter)]);
    const items = rows.slice(0, q.limit);
    return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null, total };
  }

  verify(instansiId: string) {
    return this.audit.verify(this.db, instansiId);
  }
}
