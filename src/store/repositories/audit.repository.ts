import { createHash } from 'node:crypto';
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
  seq: number;
  hash: string;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at' | 'seq' | 'hash'> & { at?: string };

export const GENESIS_HASH = '0'.repeat(64);
/** Rows per INSERT: 13 columns each, well inside SQLite's and PostgreSQL's limits on bound parameters. */
const INSERT_BATCH = 500;

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
    seq: Number(row.seq),
    hash: row.hash,
  };
}

/** The hash of one stored event, chained to the one before it. */
export function eventHash(row: Omit<AuditEventTable, 'hash'>): string {
  const canonical = JSON.stringify([
    row.id,
    row.instansi_id,
    Number(row.seq),
    row.at,
    row.user_id,
    row.username,
    row.action,
    row.entity_type,
    row.entity_id,
    row.before,
    row.after,
  ]);
  return createHash('sha256').update(row.prev_hash).update('\n').update(canonical).digest('hex');
}

export interface AuditFilter {
  instansiId: string;
  entityId?: string;
  userId?: string;
  from?: string;
  to?: string;
}

export interface ChainBreak {
  seq: number;
  eventId: string | null;
  problem: 'hash-mismatch' | 'missing-event' | 'head-mismatch';
}

/** Append-only: this repository has no update or delete. */
export class AuditRepository {
  /**
   * Appends inside the caller's transaction. Bumping the chain head first takes
   * its row lock on PostgreSQL, so concurrent appends of one instansi queue up
   * instead of forking the chain.
   */
  async append(db: Kysely<Database>, e: NewAuditEvent): Promise<void> {
    await this.appendMany(db, [e]);
  }

  /**
   * Appends events of one instansi, chained in the given order, with one head
   * update and multi-row inserts: an import of thousands of rows costs a few
   * round trips instead of three per event.
   */
  async appendMany(db: Kysely<Database>, events: readonly NewAuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const instansiId = events[0].instansiId;
    if (events.some((e) => e.instansiId !== instansiId)) throw new Error('appendMany: events of one instansi only');
    let head = await db
      .updateTable('audit_heads')
      .set((eb) => ({ seq: eb('seq', '+', events.length) }))
      .where('instansi_id', '=', instansiId)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
    if (!head) {
      await db.insertInto('audit_heads').values({ instansi_id: instansiId, seq: events.length, hash: GENESIS_HASH }).execute();
      head = { seq: events.length, hash: GENESIS_HASH };
    }
    let seq = Number(head.seq) - events.length;
    let prevHash = head.hash;
    const now = new Date().toISOString();
    // Rows are built a batch at a time: an import of 10,000 elements never holds every serialised snapshot at once.
    for (let i = 0; i < events.length; i += INSERT_BATCH) {
      const rows = events.slice(i, i + INSERT_BATCH).map((e) => {
        const row: Omit<AuditEventTable, 'hash'> = {
          id: uuidv7(),
          instansi_id: instansiId,
          at: e.at ?? now,
          user_id: e.userId,
          username: e.username,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
          seq: ++seq,
          prev_hash: prevHash,
        };
        prevHash = eventHash(row);
        return { ...row, hash: prevHash };
      });
      await db.insertInto('audit_events').values(rows).execute();
    }
    await db.updateTable('audit_heads').set({ hash: prevHash }).where('instansi_id', '=', instansiId).execute();
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

  /** Walks one instansi's chain in pages and reports every place it is broken. */
  async verify(db: Kysely<Database>, instansiId: string): Promise<{ events: number; breaks: ChainBreak[] }> {
    const breaks: ChainBreak[] = [];
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let events = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('instansi_id', '=', instansiId)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(5000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) breaks.push({ seq: expectedSeq, eventId: null, problem: 'missing-event' });
        const { hash, ...rest } = row;
        if (row.prev_hash !== prevHash || eventHash(rest) !== hash) breaks.push({ seq, eventId: row.id, problem: 'hash-mismatch' });
        prevHash = hash;
        expectedSeq = seq + 1;
        events++;
      }
    }
    const head = await db.selectFrom('audit_heads').selectAll().where('instansi_id', '=', instansiId).executeTakeFirst();
    if (head && (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash)) {
      breaks.push({ seq: Number(head.seq), eventId: null, problem: 'head-mismatch' });
    }
    return { events, breaks };
  }
}
