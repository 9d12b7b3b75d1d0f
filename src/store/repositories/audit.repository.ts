import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditEventTable, Database } from '../schema.js';

export interface AuditEvent {
  id: string;
  instansiId: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'> & { at?: string };

function toEvent(row: AuditEventTable): AuditEvent {
  return {
    id: row.id,
    instansiId: row.instansi_id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}

export interface AuditFilter {
  instansiId: string;
  entityId?: string;
  userId?: string;
  from?: string;
  to?: string;
}

/** Append-only: this repository has no update or delete. */
export class AuditRepository {
  async append(db: Kysely<Database>, e: NewAuditEvent): Promise<void> {
    await db
      .insertInto('audit_events')
      .values({
        id: uuidv7(),
        instansi_id: e.instansiId,
        at: e.at ?? new Date().toISOString(),
        user_id: e.userId,
        username: e.username,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      })
      .execute();
  }

  private filtered(db: Kysely<Database>, f: AuditFilter) {
    let q = db.selectFrom('audit_events').where('instansi_id', '=', f.instansiId);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.userId) q = q.where('user_id', '=', f.userId);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<=', f.to);
    return q;
  }

  /** Newest first. */
  async list(db: Kysely<Database>, f: AuditFilter, limit: number, beforeId?: string): Promise<AuditEvent[]> {
    let q = this.filtered(db, f).selectAll();
    if (beforeId) q = q.where('id', '<', beforeId);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toEvent);
  }

  async count(db: Kysely<Database>, f: AuditFilter): Promise<number> {
    const r = await this.filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
