import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import type { SecurityRepository } from '../store/repositories/security.repository.js';
import type { UserRepository } from '../store/repositories/user.repository.js';
import type { ChangeAction, ChangeRequest, ChangeRequestRepository, ChangeStatus } from '../store/repositories/change-request.repository.js';
import type { Element } from '../store/repositories/element.repository.js';
import { canReview, seesEverything, type Actor } from '../domain/policy.js';
import { applyPatch, presentElement, type ElementInput, type ElementPatch, type ElementService } from './element.service.js';
import { actorOf } from './auth.service.js';
import { Problem } from './problem.js';

export const REVIEW_REQUIRED = 'review.required';

export interface Proposal {
  action: ChangeAction;
  elementId?: string;
  baseVersion?: number;
  payload?: Record<string, unknown>;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Thrown inside a transaction to roll back a dry run. */
class DryRun extends Error {}

/**
 * The review workflow: draft → submitted → approved | rejected → applied.
 * Operators propose, a reviewer (Tim Koordinasi SPBE) or admin decides, and
 * the approved change is applied with the element's optimistic version check.
 */
export class ChangeRequestService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly requests: ChangeRequestRepository,
    private readonly elements: ElementService,
    private readonly users: UserRepository,
    private readonly security: SecurityRepository,
    private readonly audit: AuditRepository,
  ) {}

  async reviewRequired(instansiId: string): Promise<boolean> {
    return (await this.security.setting<boolean>(this.db, instansiId, REVIEW_REQUIRED)) === true;
  }

  /** Operators must go through review when the instansi says so; admins never. */
  async mustPropose(actor: Actor): Promise<boolean> {
    return actor.user?.role === 'operator' && (await this.reviewRequired(actor.instansiId));
  }

  async setReviewRequired(actor: Actor, required: boolean): Promise<void> {
    if (!actor.user) throw Problem.unauthenticated();
    if (actor.user?.role !== 'admin') throw Problem.forbidden();
    await this.db.transaction().execute(async (trx) => {
      await this.security.setSetting(trx, actor.instansiId, REVIEW_REQUIRED, required);
      await this.audit.append(trx, this.event(actor, 'update', REVIEW_REQUIRED, null, { value: required }, 'setting'));
    });
  }

  /** Records a proposal after a dry run proves it would apply now; `submit` skips the draft stage. */
  async propose(actor: Actor, proposal: Proposal, submit = false): Promise<ChangeRequest> {
    if (!actor.user) throw Problem.unauthenticated();
    if (actor.user.role !== 'operator' && actor.user.role !== 'admin') throw Problem.forbidden('Only operators and administrators propose changes.');
    const payload = proposal.payload ?? {};
    const target = await this.dryRun(actor, proposal, payload);
    return this.db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      const request: ChangeRequest = {
        id: uuidv7(),
        instansiId: actor.instansiId,
        action: proposal.action,
        elementId: proposal.elementId ?? null,
        baseVersion: proposal.baseVersion ?? null,
        orgUnitId: (proposal.action === 'create' ? (payload.orgUnitId as string | undefined) : target?.orgUnitId) ?? null,
        payload,
        summary: summarise(proposal.action, target, payload),
        status: submit ? 'submitted' : 'draft',
        createdBy: actor.user!.id,
        createdAt: now,
        updatedAt: now,
        reviewedBy: null,
        reviewNote: null,
        appliedElementId: null,
      };
      await this.requests.insert(trx, request);
      await this.audit.append(trx, this.event(actor, 'create', request.id, null, request));
      return request;
    });
  }

  async submit(actor: Actor, id: string): Promise<ChangeRequest> {
    return this.move(actor, id, 'draft', 'submitted', (r) => r.createdBy === actor.user?.id, 'Only the author submits a draft.');
  }

  async approve(actor: Actor, id: string, note?: string): Promise<ChangeRequest> {
    return this.decide(actor, id, 'approved', note);
  }

  async reject(actor: Actor, id: string, note?: string): Promise<ChangeRequest> {
    return this.decide(actor, id, 'rejected', note);
  }

  /** Applies an approved request as its author would, checked again against the element's version. */
  async apply(actor: Actor, id: string): Promise<ChangeRequest> {
    if (!actor.user) throw Problem.unauthenticated();
    return this.db.transaction().execute(async (trx) => {
      const request = await this.readable(trx, actor, id);
      if (!(canReview(actor) || request.createdBy === actor.user!.id)) throw Problem.forbidden();
      if (request.status !== 'approved') throw Problem.conflict(`Only an approved request can be applied; this one is ${request.status}.`);
      const author = await this.users.findById(trx, request.createdBy);
      if (!author) throw Problem.conflict('The author of this request no longer exists.');
      const authorActor = actorOf(author);
      const note = `change request ${request.id}`;
      // The author's right to write that OPD is checked again: roles change.
      const applied = await this.write(trx, authorActor, request, { authorize: true, note });
      if (!(await this.requests.transition(trx, id, 'approved', 'applied', { applied_element_id: applied?.id ?? request.elementId }))) {
        throw Problem.conflict('The request was changed by someone else.');
      }
      const after = (await this.requests.findById(trx, id))!;
      await this.audit.append(trx, this.event(actor, 'apply', id, request, after));
      return after;
    });
  }

  async get(actor: Actor, id: string) {
    const request = await this.readable(this.db, actor, id);
    return { ...request, diff: await this.diff(actor, request) };
  }

  async list(actor: Actor, status?: string) {
    if (!actor.user) throw Problem.unauthenticated();
    const all = canReview(actor) || seesEverything(actor.user.role);
    return this.requests.list(this.db, actor.instansiId, { status, createdBy: all ? undefined : actor.user.id });
  }

  /** The fields the request changes: before (the element now) and after (as proposed). */
  async diff(actor: Actor, request: ChangeRequest): Promise<FieldChange[]> {
    const current = request.elementId ? await this.elements.get(actor, request.elementId).catch(() => null) : null;
    const before = current ? flatten(presentElement(current)) : {};
    const after: Record<string, unknown> =
      request.action === 'delete'
        ? {}
        : request.action === 'create'
          ? flatten(request.payload)
          : current
            ? flatten(presentElement(applyPatch(current, request.payload as ElementPatch, '')))
            : flatten(request.payload);
    const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const f of ['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']) fields.delete(f);
    return [...fields]
      .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
      .sort()
      .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  }

  private async decide(actor: Actor, id: string, to: 'approved' | 'rejected', note?: string): Promise<ChangeRequest> {
    if (!actor.user) throw Problem.unauthenticated();
    if (!canReview(actor)) throw Problem.forbidden('Only a reviewer of the Tim Koordinasi SPBE or an administrator decides on change requests.');
    return this.move(actor, id, 'submitted', to, (r) => r.createdBy !== actor.user!.id, 'Nobody reviews their own change request.', note);
  }

  private async move(actor: Actor, id: string, from: ChangeStatus, to: ChangeStatus, allowed: (r: ChangeRequest) => boolean, why: string, note?: string) {
    if (!actor.user) throw Problem.unauthenticated();
    return this.db.transaction().execute(async (trx) => {
      const request = await this.readable(trx, actor, id);
      if (!allowed(request)) throw Problem.forbidden(why);
      const changes = to === 'approved' || to === 'rejected' ? { reviewed_by: actor.user!.id, review_note: note ?? null } : {};
      if (!(await this.requests.transition(trx, id, from, to, changes))) {
        throw Problem.conflict(`The request is ${request.status}, not ${from}.`);
      }
      const after = (await this.requests.findById(trx, id))!;
      await this.audit.append(trx, this.event(actor, to === 'submitted' ? 'submit' : to === 'approved' ? 'approve' : 'reject', id, request, after));
      return after;
    });
  }

  private async readable(db: Kysely<Database>, actor: Actor, id: string): Promise<ChangeRequest> {
    if (!actor.user) throw Problem.unauthenticated();
    const request = await this.requests.findById(db, id);
    if (!request || request.instansiId !== actor.instansiId) throw Problem.notFound('Change request');
    const mayRead = canReview(actor) || seesEverything(actor.user.role) || request.createdBy === actor.user.id;
    if (!mayRead) throw Problem.notFound('Change request');
    return request;
  }

  /** Runs the write as the actor and rolls it back, so a proposal that could never apply is refused at once. */
  private async dryRun(actor: Actor, proposal: Proposal, payload: Record<string, unknown>): Promise<Element | null> {
    let target: Element | null = null;
    if (proposal.action !== 'create') {
      if (!proposal.elementId) throw Problem.validation([{ field: 'elementId', rule: 'required', message: 'Name the element to change.' }]);
      if (proposal.baseVersion === undefined) throw Problem.validation([{ field: 'baseVersion', rule: 'required', message: 'Give the version you read.' }]);
      target = await this.elements.get(actor, proposal.elementId);
    }
    const request = { action: proposal.action, elementId: proposal.elementId ?? null, baseVersion: proposal.baseVersion ?? null, payload } as ChangeRequest;
    await this.db
      .transaction()
      .execute(async (trx) => {
        await this.write(trx, actor, request, { authorize: true });
        throw new DryRun();
      })
      .catch((e: unknown) => {
        if (!(e instanceof DryRun)) throw e;
      });
    return target;
  }

  private async write(trx: Kysely<Database>, actor: Actor, request: ChangeRequest, opts: { authorize: boolean; note?: string }): Promise<Element | null> {
    switch (request.action) {
      case 'create':
        return this.elements.createIn(trx, actor, request.payload as unknown as ElementInput, opts);
      case 'update':
        return this.elements.updateIn(trx, actor, request.elementId!, request.payload as ElementPatch, request.baseVersion!, opts);
      case 'delete':
        await this.elements.deleteIn(trx, actor, request.elementId!, request.baseVersion!, opts);
        return null;
    }
  }

  private event(actor: Actor, action: string, entityId: string, before: unknown, after: unknown, entityType = 'change-request') {
    return { instansiId: actor.instansiId, userId: actor.user?.id ?? null, username: actor.user?.username ?? null, action, entityType, entityId, before, after };
  }
}

function summarise(action: ChangeAction, target: Element | null, payload: Record<string, unknown>): string {
  const name = (payload.name as string | undefined) ?? target?.name ?? '';
  const kind = (payload.kind as string | undefined) ?? target?.kind ?? '';
  return `${action} ${kind} "${name}"`.slice(0, 300);
}

function flatten(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'attributes' && v && typeof v === 'object') {
      for (const [ak, av] of Object.entries(v as Record<string, unknown>)) out[`attributes.${ak}`] = av;
    } else out[k] = v;
  }
  return out;
}
