import type { Kysely } from 'kysely';
import type { Database, RelationTable } from '../schema.js';
import type { Actor } from '../../domain/policy.js';
import { visibleTo } from './element.repository.js';

export interface Relation {
  id: string;
  instansiId: string;
  type: string;
  sourceId: string;
  targetId: string;
  attributes: Record<string, unknown>;
  provenance: string | null;
  createdAt: string;
  createdBy: string | null;
}

export function toRelationRow(r: Relation): RelationTable {
  return {
    id: r.id,
    instansi_id: r.instansiId,
    type: r.type,
    source_id: r.sourceId,
    target_id: r.targetId,
    attributes: JSON.stringify(r.attributes),
    provenance: r.provenance,
    created_at: r.createdAt,
    created_by: r.createdBy,
  };
}

export function toRelation(row: RelationTable): Relation {
  return {
    id: row.id,
    instansiId: row.instansi_id,
    type: row.type,
    sourceId: row.source_id,
    targetId: row.target_id,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    provenance: row.provenance,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export interface EndpointSummary {
  id: string;
  kind: string;
  code: string | null;
  name: string;
}

export interface RelationWithEnds extends Relation {
  source: EndpointSummary;
  target: EndpointSummary;
}

export interface RelationFilter {
  instansiId: string;
  sourceId?: string;
  targetId?: string;
  type?: string;
}

export class RelationRepository {
  async findById(db: Kysely<Database>, id: string): Promise<Relation | undefined> {
    const row = await db.selectFrom('relations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRelation(row);
  }

  /** Relations whose two ends the actor may both see, with a summary of each end. */
  private visible(db: Kysely<Database>, actor: Actor, f: RelationFilter) {
    let q = db
      .selectFrom('relations as r')
      .innerJoin('elements as s', 's.id', 'r.source_id')
      .innerJoin('elements as t', 't.id', 'r.target_id')
      .where('r.instansi_id', '=', actor.instansiId)
      .where(visibleTo(actor, 's'))
      .where(visibleTo(actor, 't'));
    if (f.sourceId) q = q.where('r.source_id', '=', f.sourceId);
    if (f.targetId) q = q.where('r.target_id', '=', f.targetId);
    if (f.type) q = q.where('r.type', '=', f.type);
    return q;
  }

  async findVisible(db: Kysely<Database>, actor: Actor, f: RelationFilter, limit: number, afterId?: string): Promise<RelationWithEnds[]> {
    let q = this.visible(db, actor, f)
      .selectAll('r')
      .select(['s.kind as s_kind', 's.code as s_code', 's.name as s_name', 't.kind as t_kind', 't.code as t_code', 't.name as t_name']);
    if (afterId) q = q.where('r.id', '>', afterId);
    const rows = await q.orderBy('r.id').limit(limit).execute();
    return rows.map((row) => ({
      ...toRelation(row),
      source: { id: row.source_id, kind: row.s_kind, code: row.s_code, name: row.s_name },
      target: { id: row.target_id, kind: row.t_kind, code: row.t_code, name: row.t_name },
    }));
  }

  async countVisible(db: Kysely<Database>, actor: Actor, f: RelationFilter): Promise<number> {
    const r = await this.visible(db, actor, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async ofElement(db: Kysely<Database>, elementId: string): Promise<Relation[]> {
    const rows = await db
      .selectFrom('relations')
      .selectAll()
      .where((eb) => eb.or([eb('source_id', '=', elementId), eb('target_id', '=', elementId)]))
      .orderBy('id')
      .execute();
    return rows.map(toRelation);
  }

  async exists(db: Kysely<Database>, sourceId: string, type: string, targetId: string): Promise<boolean> {
    const row = await db
      .selectFrom('relations')
      .select('id')
      .where('source_id', '=', sourceId)
      .where('type', '=', type)
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    return !!row;
  }

  async insert(db: Kysely<Database>, r: Relation): Promise<void> {
    await db.insertInto('relations').values(toRelationRow(r)).execute();
  }

  async delete(db: Kysely<Database>, id: string): Promise<boolean> {
    const r = await db.deleteFrom('relations').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
