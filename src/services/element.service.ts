import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { ElementRepository, type Element, type ElementFilter, type SortKey, splitRef } from '../store/repositories/element.repository.js';
import type { OrgUnitRepository } from '../store/repositories/org-unit.repository.js';
import type { ReferenceRepository } from '../store/repositories/reference.repository.js';
import type { RelationRepository } from '../store/repositories/relation.repository.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import { findKind } from '../domain/kinds/index.js';
import { attributeSchema, compactAttributes } from '../domain/attributes.js';
import { canRead, writeDenial, type Actor } from '../domain/policy.js';
import type { Classification, Lifecycle } from '../domain/kind.js';
import { Problem, denialProblem, type FieldError } from './problem.js';
import { zodIssuesToFieldErrors } from './validation.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface ElementInput {
  kind: string;
  code?: string | null;
  name: string;
  description?: string | null;
  orgUnitId?: string | null;
  refCode?: string | null;
  lifecycle?: Lifecycle;
  classification?: Classification;
  attributes?: Record<string, unknown>;
  provenance?: string | null;
}

export type ElementPatch = Partial<Omit<ElementInput, 'kind'>> & { kind?: string };

export interface WriteOptions {
  /** false when the caller has already decided who may write (e.g. an approved change request). */
  authorize?: boolean;
  /** Added to the audit action, e.g. "change request 0192…". */
  note?: string;
  sourceKey?: string | null;
}

/** The element as it will be after `patch`; null clears a field, undefined leaves it. */
export function applyPatch(current: Element, patch: ElementPatch, userId: string): Element {
  return {
    ...current,
    ...definedOnly({
      code: patch.code === undefined ? undefined : emptyToNull(patch.code),
      name: patch.name?.trim(),
      description: patch.description === undefined ? undefined : emptyToNull(patch.description),
      orgUnitId: patch.orgUnitId,
      refCode: patch.refCode === undefined ? undefined : emptyToNull(patch.refCode),
      lifecycle: patch.lifecycle,
      classification: patch.classification,
      provenance: patch.provenance === undefined ? undefined : emptyToNull(patch.provenance),
    }),
    attributes: patch.attributes === undefined ? current.attributes : { ...current.attributes, ...patch.attributes },
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: userId,
  };
}

export interface ElementQuery extends Omit<ElementFilter, 'kinds'> {
  kind?: string;
  limit: number;
  cursor?: string;
  sort?: string;
}

/** The API's view of an element. */
export function presentElement(e: Element) {
  return {
    id: e.id,
    kind: e.kind,
    code: e.code,
    name: e.name,
    description: e.description,
    orgUnitId: e.orgUnitId,
    refCode: e.refCode,
    lifecycle: e.lifecycle,
    classification: e.classification,
    attributes: e.attributes,
    provenance: e.provenance,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    createdBy: e.createdBy,
    updatedBy: e.updatedBy,
  };
}
export type ElementView = ReturnType<typeof presentElement>;

export function parseSort(sort: string | undefined): { sort: SortKey; descending: boolean } {
  const descending = !!sort?.startsWith('-');
  const key = (sort ?? 'name').replace(/^[-+]/, '');
  if (key !== 'name' && key !== 'code' && key !== 'updatedAt') {
    throw Problem.validation([{ field: 'sort', rule: 'enum', message: 'sort must be one of name, code, updatedAt, optionally prefixed by "-".' }]);
  }
  return { sort: key, descending };
}

export class ElementService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly elements: ElementRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly references: ReferenceRepository,
    private readonly relations: RelationRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: Actor, query: ElementQuery) {
    const { sort, descending } = parseSort(query.sort);
    const filter: ElementFilter = { ...query, kinds: query.kind ? query.kind.split(',') : undefined };
    if (query.ref !== undefined) filter.ref = query.ref;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const [page, total] = await Promise.all([
      this.elements.list(this.db, actor, filter, { sort, descending, limit: query.limit, cursor }),
      this.elements.count(this.db, actor, filter),
    ]);
    return { items: page.items.map(presentElement), nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null, total };
  }

  /** Reads one element, answering 401 to anonymous visitors and 404 to others when it is hidden from them. */
  async get(actor: Actor, id: string): Promise<Element> {
    const element = await this.elements.findById(this.db, id);
    if (!element || element.instansiId !== actor.instansiId) throw Problem.notFound('Element');
    if (!canRead(actor, element)) {
      if (!actor.user) throw Problem.unauthenticated();
      throw Problem.notFound('Element');
    }
    return element;
  }

  async create(actor: Actor, input: ElementInput): Promise<Element> {
    return this.db.transaction().execute((trx) => this.createIn(trx, actor, input));
  }

  async update(actor: Actor, id: string, patch: ElementPatch, expectedVersion: number): Promise<Element> {
    return this.db.transaction().execute((trx) => this.updateIn(trx, actor, id, patch, expectedVersion));
  }

  async delete(actor: Actor, id: string, expectedVersion: number): Promise<void> {
    await this.db.transaction().execute((trx) => this.deleteIn(trx, actor, id, expectedVersion));
  }

  /**
   * The writes themselves, inside a caller's transaction so that other services
   * (change requests, roadmap promotion, imports) stay all-or-nothing.
   * `authorize: false` is for callers that checked permission their own way,
   * e.g. a reviewer applying an operator's approved change request.
   */
  async createIn(trx: Kysely<Database>, actor: Actor, input: ElementInput, opts: WriteOptions = {}): Promise<Element> {
    const kind = findKind(input.kind);
    if (!kind) throw Problem.validation([{ field: 'kind', rule: 'unknown-kind', message: `Unknown kind "${input.kind}".` }]);
    if (!actor.user) throw Problem.unauthenticated();
    if (opts.authorize !== false) {
      const denial = writeDenial(actor, actor.instansiId, input.orgUnitId ?? null);
      if (denial) throw denialProblem(denial);
    }
    const now = new Date().toISOString();
    const element: Element = {
      id: uuidv7(),
      instansiId: actor.instansiId,
      kind: kind.id,
      domain: kind.domain,
      code: emptyToNull(input.code),
      name: input.name.trim(),
      description: emptyToNull(input.description),
      orgUnitId: input.orgUnitId ?? null,
      refCode: emptyToNull(input.refCode),
      lifecycle: input.lifecycle ?? 'as-is',
      classification: input.classification ?? kind.defaultClassification,
      attributes: input.attributes ?? {},
      provenance: emptyToNull(input.provenance),
      sourceKey: opts.sourceKey ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.user.id,
      updatedBy: actor.user.id,
    };
    element.attributes = await this.validate(trx, actor, element);
    await this.elements.insert(trx, element);
    await this.audit.append(trx, this.auditOf(actor, 'create', element.id, null, presentElement(element), opts.note));
    return element;
  }

  async updateIn(trx: Kysely<Database>, actor: Actor, id: string, patch: ElementPatch, expectedVersion: number, opts: WriteOptions = {}): Promise<Element> {
    const current = await this.readForWrite(trx, actor, id, expectedVersion, opts.authorize !== false);
    if (patch.kind !== undefined && patch.kind !== current.kind) {
      throw Problem.validation([{ field: 'kind', rule: 'immutable', message: 'The kind of an element cannot change; create a new element instead.' }]);
    }
    const next = applyPatch(current, patch, actor.user!.id);
    if (opts.authorize !== false && next.orgUnitId !== current.orgUnitId && writeDenial(actor, actor.instansiId, next.orgUnitId)) {
      throw Problem.forbidden('You may not move an element to an OPD you do not manage.');
    }
    next.attributes = await this.validate(trx, actor, next);
    if (!(await this.elements.updateIfVersion(trx, next, expectedVersion))) throw await this.staleProblem(trx, id);
    await this.audit.append(trx, this.auditOf(actor, 'update', id, presentElement(current), presentElement(next), opts.note));
    return next;
  }

  async deleteIn(trx: Kysely<Database>, actor: Actor, id: string, expectedVersion: number, opts: WriteOptions = {}): Promise<void> {
    const current = await this.readForWrite(trx, actor, id, expectedVersion, opts.authorize !== false);
    const relations = await this.relations.ofElement(trx, id);
    if (!(await this.elements.deleteIfVersion(trx, id, expectedVersion))) throw await this.staleProblem(trx, id);
    for (const r of relations) {
      await this.audit.append(trx, { ...this.auditOf(actor, 'delete', r.id, r, null, opts.note), entityType: 'relation' });
    }
    await this.audit.append(trx, this.auditOf(actor, 'delete', id, presentElement(current), null, opts.note));
  }

  /** Reads inside a transaction, for services that compose writes. */
  async getIn(trx: Kysely<Database>, actor: Actor, id: string): Promise<Element> {
    const element = await this.elements.findById(trx, id);
    if (!element || !canRead(actor, element)) throw Problem.notFound('Element');
    return element;
  }

  private async readForWrite(trx: Kysely<Database>, actor: Actor, id: string, expectedVersion: number, authorize: boolean): Promise<Element> {
    if (!actor.user) throw Problem.unauthenticated();
    const current = await this.getIn(trx, actor, id);
    if (authorize) {
      const denial = writeDenial(actor, current.instansiId, current.orgUnitId);
      if (denial) throw denialProblem(denial);
    }
    if (current.version !== expectedVersion) throw await this.staleProblem(trx, id);
    return current;
  }

  private async staleProblem(trx: Kysely<Database>, id: string): Promise<Problem> {
    const now = await this.elements.findById(trx, id);
    if (!now) return Problem.notFound('Element');
    return Problem.conflict(`The element was changed by someone else; its current version is ${now.version}.`, { currentVersion: now.version });
  }

  /** Checks everything the kind and the instansi require; returns the attributes as they will be stored. */
  private async validate(trx: Kysely<Database>, actor: Actor, e: Element): Promise<Record<string, unknown>> {
    const kind = findKind(e.kind)!;
    const errors: FieldError[] = [];
    const parsed = attributeSchema(kind).safeParse(e.attributes);
    if (!parsed.success) errors.push(...zodIssuesToFieldErrors(parsed.error.issues, 'attributes'));
    if (e.orgUnitId) {
      const org = await this.orgUnits.findById(trx, e.orgUnitId);
      if (!org) errors.push({ field: 'orgUnitId', rule: 'exists', message: 'No such OPD.' });
      else if (org.instansiId !== actor.instansiId) {
        errors.push({ field: 'orgUnitId', rule: 'same-instansi', message: 'The OPD belongs to another instansi.' });
      }
    }
    if (e.refCode) {
      const [model, code] = splitRef(e.refCode);
      if (!model || !code) {
        errors.push({ field: 'refCode', rule: 'format', message: 'refCode reads MODEL:code, e.g. "RAL:01.16".' });
      } else if (kind.referenceModel && model !== kind.referenceModel) {
        errors.push({ field: 'refCode', rule: 'reference-model', message: `A ${kind.id} refers to ${kind.referenceModel}, not ${model}.` });
      } else if (!(await this.references.find(trx, model, code, actor.instansiId))) {
        errors.push({ field: 'refCode', rule: 'exists', message: `${e.refCode} is not a node of the reference model.` });
      }
    }
    if (errors.length) throw Problem.validation(errors);
    return compactAttributes(parsed.data as Record<string, unknown>);
  }

  private auditOf(actor: Actor, action: string, entityId: string, before: unknown, after: unknown, note?: string) {
    return {
      instansiId: actor.instansiId,
      userId: actor.user?.id ?? null,
      username: actor.user?.username ?? null,
      action: note ? `${action} (${note})` : action,
      entityType: 'element',
      entityId,
      before,
      after,
    };
  }
}

function emptyToNull(v: string | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
