import type { Kysely } from 'kysely';
import type { ChangeRequestTable, Database } from '../schema.js';

export type ChangeAction = 'create' | 'update' | 'delete';
export type ChangeStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'applied';

export interface ChangeRequest {
  id: string;
  instansiId: string;
  action: ChangeAction;
  elementId: string | null;
  baseVersion: number | null;
  orgUnitId: string | null;
  payload: Record<string, unknown>;
  summary: string;
  status: ChangeStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  reviewedBy: string | null;
  reviewNote: string | null;
  appliedElementId: string | null;
}

function toChangeRequest(r: ChangeRequestTable): ChangeRequest {
  return {
    id: r.id,
    instansiId: r.instansi_id,
    action: r.action as ChangeAction,
    elementId: r.element_id,
    baseVersion: r.base_version === null ? null : Number(r.base_version),
    orgUnitId: r.org_unit_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    summary: r.summary,
    status: r.status as ChangeStatus,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    reviewedBy: r.reviewed_by,
    reviewNote: r.review_note,
    appliedElementId: r.applied_element_id,
  };
}

export class ChangeRequestRepository {
  async insert(db: Kysely<Database>, c: ChangeRequest): Promise<void> {
    await db
      .insertInto('change_requests')
      .values({
        id: c.id,
        instansi_id: c.instansiId,
        action: c.action,
        element_id: c.elementId,
        base_version: c.baseVersion,
        org_unit_id: c.orgUnitId,
        payload: JSON.stringify(c.payload),
        summary: c.summary,
        status: c.status,
        created_by: c.createdBy,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
        reviewed_by: c.reviewedBy,
        review_note: c.reviewNote,
        applied_element_id: c.appliedElementId,
      })
      .execute();
  }

  async findById(db: Kysely<Database>, id: string): Promise<ChangeRequest | undefined> {
    const r = await db.selectFrom('change_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toChangeRequest(r);
  }

  async list(db: Kysely<Database>, instansiId: string, f: { status?: string; createdBy?: string; orgUnitIds?: readonly string[] }): Promise<ChangeRequest[]> {
    let q = db.selectFrom('change_requests').selectAll().where('instansi_id', '=', instansiId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.createdBy) q = q.where('created_by', '=', f.createdBy);
    const rows = await q.orderBy('id', 'desc').limit(500).execute();
    return rows.map(toChangeRequest);
  }

  /** Moves a request from one status to the next; false when someone else moved it first. */
  async transition(
    db: Kysely<Database>,
    id: string,
    from: ChangeStatus,
    to: ChangeStatus,
    changes: Partial<Pick<ChangeRequestTable, 'reviewed_by' | 'review_note' | 'applied_element_id' | 'payload' | 'summary'>> = {},
  ): Promise<boolean> {
    const r = await db
      .updateTable('change_requests')
      .set({ ...changes, status: to, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
