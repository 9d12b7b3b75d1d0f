import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Element } from '../store/repositories/element.repository.js';
import type { Relation } from '../store/repositories/relation.repository.js';
import type { OrgUnit } from '../store/repositories/org-unit.repository.js';
import type { NewAuditEvent } from '../store/repositories/audit.repository.js';
import { findKind, isRelationAllowed } from '../domain/kinds/index.js';
import { attributeSchema, compactAttributes } from '../domain/attributes.js';
import { CLASSIFICATIONS, LIFECYCLES, RELATION_TYPES, type RelationTypeId } from '../domain/kind.js';
import { writeDenial, type Actor } from '../domain/policy.js';
import { presentElement } from './element.service.js';
import { Problem, type FieldError } from './problem.js';
import { zodIssuesToFieldErrors } from './validation.js';
import {
  allElements,
  allRelations,
  insertElements,
  insertRelations,
  referenceNodes,
  takenElementIds,
  takenOrgUnitIds,
  takenRelationIds,
  updateOrgUnit,
  updateRelation,
  type InteropRepos,
} from '../interop/store.js';

/**
 * The import engine shared by every exchange format. A format turns its input
 * into drafts (OPDs, elements, relations); the engine matches each draft to
 * what is stored, checks every rule the API checks (kind schema, OPD,
 * reference node, allowed relation, who may write), and either reports the
 * plan (preview) or writes all of it with its audit events in one transaction
 * (commit). A commit with any issue writes nothing.
 */

/** One broken rule, located in the input (ArchiMate identifier, or sheet row and column). */
export interface ImportIssue extends FieldError {
  /** Where in the input: an ArchiMate identifier, "baris 5", … */
  ref: string;
  row?: number;
  column?: string;
  value?: unknown;
}

export interface Locator {
  ref: string;
  row?: number;
}

export interface OrgUnitDraft extends Locator {
  id?: string | null;
  code: string;
  name: string;
  /** Undefined: keep what is stored (or the default for a new OPD). */
  aliases?: string[];
  type?: string;
  parentCode?: string | null;
  provenance?: string | null;
}

/** null clears a field (lifecycle and classification fall back to their defaults). */
export interface ElementValues {
  code: string | null;
  name: string | null;
  description: string | null;
  /** OPD code. */
  org: string | null;
  refCode: string | null;
  lifecycle: string | null;
  classification: string | null;
  provenance: string | null;
}

export interface ElementDraft extends Locator {
  /** Key that relation drafts use to point at this element. */
  key: string;
  id?: string | null;
  sourceKey?: string | null;
  /** Also match a stored element by (kind, code, OPD) when neither id nor source key match. */
  naturalMatch?: boolean;
  kind: string;
  /** Only the fields the input gives; on update the others keep their stored value. */
  values: Partial<ElementValues>;
  attributes: Record<string, unknown>;
  /** replace: the input is the whole attribute set; merge: it changes only the attributes it names. */
  attributeMode: 'replace' | 'merge';
  /** Column and raw value of a field, to name them in issues. */
  origin?: (field: string) => { column?: string; value?: unknown } | undefined;
}

export interface RelationDraft extends Locator {
  id?: string | null;
  type: string;
  /** Element draft keys. */
  source: string;
  target: string;
  attributes: Record<string, unknown>;
  provenance: string | null;
}

export interface ImportDrafts {
  orgUnits: OrgUnitDraft[];
  elements: ElementDraft[];
  relations: RelationDraft[];
}

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface PlannedOrgUnit extends Locator {
  action: PlanAction;
  before: OrgUnit | null;
  after: OrgUnit;
}
export interface PlannedElement extends Locator {
  action: PlanAction;
  key: string;
  before: Element | null;
  after: Element;
  /** The input asked for an id that another instansi uses; a new one was given. */
  requestedId?: string;
}
export interface PlannedRelation extends Locator {
  action: PlanAction;
  before: Relation | null;
  after: Relation;
}
export interface Skipped extends Locator {
  reason: string;
}

export interface ImportPlan {
  orgUnits: PlannedOrgUnit[];
  elements: PlannedElement[];
  relations: PlannedRelation[];
  skipped: Skipped[];
  issues: ImportIssue[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/** JSON with sorted keys, to compare attribute objects by content. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function sameElementContent(a: Element, b: Element): boolean {
  return (
    a.code === b.code &&
    a.name === b.name &&
    a.description === b.description &&
    a.orgUnitId === b.orgUnitId &&
    a.refCode === b.refCode &&
    a.lifecycle === b.lifecycle &&
    a.classification === b.classification &&
    a.provenance === b.provenance &&
    a.sourceKey === b.sourceKey &&
    canonical(a.attributes) === canonical(b.attributes)
  );
}

/** Blank is null; anything else is kept as written, so an import reproduces the text exactly. */
function emptyToNull(v: string | null | undefined): string | null {
  if (v === undefined || v === null) return null;
  return v.trim() === '' ? null : v;
}

export class ImportEngine {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: InteropRepos,
  ) {}

  /** Matches and checks without writing. */
  async preview(actor: Actor, drafts: ImportDrafts): Promise<ImportPlan> {
    return this.plan(this.db, actor, drafts);
  }

  /** Plans and writes in one transaction; any issue throws a 422 problem and nothing is written. */
  async commit(actor: Actor, drafts: ImportDrafts, extra: (plan: ImportPlan) => Record<string, unknown> = () => ({})): Promise<ImportPlan> {
    if (!actor.user) throw Problem.unauthenticated();
    return this.db.transaction().execute(async (trx) => {
      const plan = await this.plan(trx, actor, drafts);
      if (plan.issues.length) {
        throw new Problem(422, 'Validation failed', `The import breaks ${plan.issues.length} rule(s); nothing was written.`, plan.issues, extra(plan));
      }
      await this.apply(trx, actor, plan);
      return plan;
    });
  }

  async plan(db: Kysely<Database>, actor: Actor, drafts: ImportDrafts): Promise<ImportPlan> {
    const instansiId = actor.instansiId;
    const issues: ImportIssue[] = [];
    const skipped: Skipped[] = [];

    // ---- OPDs
    const storedOrgs = await this.repos.orgUnits.list(db, instansiId);
    const orgByCode = new Map(storedOrgs.map((o) => [o.code, o]));
    const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
    const orgByName = new Map<string, OrgUnit>();
    for (const o of storedOrgs) for (const n of [o.name, ...o.aliases]) if (!orgByName.has(norm(n))) orgByName.set(norm(n), o);
    const plannedOrgs: PlannedOrgUnit[] = [];
    const orgIdByCode = new Map(storedOrgs.map((o) => [o.code, o.id]));
    const safeId = (id: unknown): id is string => typeof id === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(id);
    const wantedOrgIds = drafts.orgUnits.map((d) => d.id).filter(safeId);
    const takenOrgs = await takenOrgUnitIds(db, wantedOrgIds);
    const seenOrgCodes = new Set<string>();
    for (const d of drafts.orgUnits) {
      const code = d.code.trim();
      if (!code) {
        issues.push({ ref: d.ref, row: d.row, field: 'code', rule: 'required', message: 'An OPD needs a code.' });
        continue;
      }
      if (seenOrgCodes.has(code)) {
        skipped.push({ ref: d.ref, row: d.row, reason: `OPD ${code} appears more than once; the first is used.` });
        continue;
      }
      seenOrgCodes.add(code);
      // By code, else (files from other tools) by name or alias.
      const before = orgByCode.get(code) ?? orgByName.get(norm(d.name)) ?? null;
      const id = before?.id ?? (safeId(d.id) && !takenOrgs.has(d.id) && !plannedOrgs.some((p) => p.after.id === d.id) ? d.id : uuidv7());
      orgIdByCode.set(code, id);
      plannedOrgs.push({
        ref: d.ref,
        row: d.row,
        action: before ? 'unchanged' : 'create',
        before,
        after: {
          id,
          instansiId,
          code: before?.code ?? code,
          name: d.name.trim() || before?.name || code,
          aliases: d.aliases ?? before?.aliases ?? [],
          type: d.type || before?.type || 'lainnya',
          parentId: before?.parentId ?? null,
          provenance: d.provenance === undefined ? (before?.provenance ?? null) : d.provenance,
        },
      });
    }
    const draftByRef = new Map(drafts.orgUnits.map((d) => [d.ref, d]));
    for (const p of plannedOrgs) {
      const d = draftByRef.get(p.ref)!;
      if (d.parentCode === null) p.after.parentId = null;
      else if (d.parentCode) {
        const parentId = orgIdByCode.get(d.parentCode);
        if (!parentId) issues.push({ ref: p.ref, row: p.row, field: 'parent', rule: 'exists', message: `No OPD with code ${d.parentCode}.`, value: d.parentCode });
        p.after.parentId = parentId ?? null;
      }
      if (p.before) {
        const b = p.before;
        const changed =
          b.name !== p.after.name ||
          canonical(b.aliases) !== canonical(p.after.aliases) ||
          b.type !== p.after.type ||
          b.parentId !== p.after.parentId ||
          b.provenance !== p.after.provenance;
        p.action = changed ? 'update' : 'unchanged';
      }
      if (p.action !== 'unchanged' && writeDenial(actor, instansiId, null)) {
        issues.push({
          ref: p.ref,
          row: p.row,
          field: 'orgUnit',
          rule: 'forbidden',
          message: `Only an administrator may ${p.action === 'create' ? 'add' : 'change'} OPD ${p.after.code}.`,
        });
      }
    }

    // ---- elements
    const stored = await allElements(db, instansiId);
    const byId = new Map(stored.map((e) => [e.id, e]));
    const bySourceKey = new Map(stored.filter((e) => e.sourceKey).map((e) => [e.sourceKey!, e]));
    const byNatural = new Map<string, Element[]>();
    for (const e of stored) {
      if (!e.code) continue;
      const k = `${e.kind}\u0000${e.code}\u0000${e.orgUnitId ?? ''}`;
      (byNatural.get(k) ?? byNatural.set(k, []).get(k)!).push(e);
    }
    const refs = await referenceNodes(db, this.repos, instansiId);
    const requestedIds = drafts.elements.map((d) => d.id).filter(isUuid);
    const taken = await takenElementIds(db, requestedIds);
    const claimed = new Map<string, string>(); // element id -> ref of the draft that took it
    const usedSourceKeys = new Set(bySourceKey.keys());
    const plannedElements: PlannedElement[] = [];
    const elementByKey = new Map<string, PlannedElement>();
    const now = new Date().toISOString();

    for (const d of drafts.elements) {
      const issue = (field: string, rule: string, message: string) => {
        const o = d.origin?.(field);
        issues.push({ ref: d.ref, row: d.row, field, rule, message, ...(o?.column ? { column: o.column } : {}), ...(o && 'value' in o ? { value: o.value } : {}) });
      };
      const kind = findKind(d.kind);
      if (!kind) {
        issue('kind', 'unknown-kind', `Unknown kind "${d.kind}".`);
        continue;
      }
      if (d.id !== undefined && d.id !== null && d.id !== '' && !isUuid(d.id)) {
        issue('id', 'format:uuid', 'An element id is a UUID as Atlas gives it.');
        continue;
      }
      const orgCode = d.values.org === undefined ? undefined : (emptyToNull(d.values.org)?.trim() ?? null);
      let orgUnitId: string | null | undefined;
      if (orgCode !== undefined) {
        orgUnitId = orgCode === null ? null : (orgIdByCode.get(orgCode) ?? undefined);
        if (orgCode !== null && orgUnitId === undefined) {
          issue('orgUnitId', 'exists', `No OPD with code ${orgCode}.`);
          continue;
        }
      }

      // match a stored element
      let before: Element | null = null;
      let requestedId: string | undefined;
      if (isUuid(d.id)) {
        const hit = byId.get(d.id);
        if (hit) before = hit;
        else if (taken.has(d.id)) requestedId = d.id;
      }
      if (!before && d.sourceKey) before = bySourceKey.get(d.sourceKey) ?? null;
      if (!before && d.naturalMatch) {
        const code = d.values.code === undefined ? null : emptyToNull(d.values.code);
        if (code) {
          const candidates = byNatural.get(`${kind.id}\u0000${code}\u0000${orgUnitId ?? ''}`) ?? [];
          if (candidates.length > 1) {
            issue('code', 'ambiguous', `${candidates.length} stored ${kind.id} elements share code ${code} and this OPD; give the id to say which.`);
            continue;
          }
          before = candidates[0] ?? null;
        }
      }
      if (before && before.kind !== kind.id) {
        issue('kind', 'immutable', `Element ${before.id} is a ${before.kind}, not a ${kind.id}; the kind of an element cannot change.`);
        continue;
      }
      const id = before?.id ?? (isUuid(d.id) && !taken.has(d.id) ? d.id : uuidv7());
      if (claimed.has(id)) {
        issue('id', 'duplicate', `The input describes element ${id} twice (also at ${claimed.get(id)}).`);
        continue;
      }
      claimed.set(id, d.ref);

      const v = d.values;
      const base: Element = before ?? {
        id,
        instansiId,
        kind: kind.id,
        domain: kind.domain,
        code: null,
        name: '',
        description: null,
        orgUnitId: null,
        refCode: null,
        lifecycle: 'as-is',
        classification: kind.defaultClassification,
        attributes: {},
        provenance: null,
        sourceKey: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.user?.id ?? null,
        updatedBy: actor.user?.id ?? null,
      };
      let sourceKey = base.sourceKey;
      if (!sourceKey && d.sourceKey && !usedSourceKeys.has(d.sourceKey)) {
        sourceKey = d.sourceKey;
        usedSourceKeys.add(d.sourceKey);
      }
      const next: Element = {
        ...base,
        code: v.code === undefined ? base.code : emptyToNull(v.code),
        name: v.name === undefined || v.name === null ? base.name : v.name,
        description: v.description === undefined ? base.description : emptyToNull(v.description),
        orgUnitId: orgUnitId === undefined ? base.orgUnitId : orgUnitId,
        refCode: v.refCode === undefined ? base.refCode : (emptyToNull(v.refCode)?.trim() ?? null),
        lifecycle: v.lifecycle === undefined || v.lifecycle === null || v.lifecycle === '' ? base.lifecycle : v.lifecycle,
        classification: v.classification === undefined || v.classification === null || v.classification === '' ? base.classification : v.classification,
        provenance: v.provenance === undefined ? base.provenance : emptyToNull(v.provenance),
        sourceKey,
        attributes: d.attributeMode === 'replace' ? { ...d.attributes } : { ...base.attributes, ...d.attributes },
      };

      let bad = false;
      const fail = (field: string, rule: string, message: string) => {
        bad = true;
        issue(field, rule, message);
      };
      for (const [field, v] of [...Object.entries(d.values), ...Object.entries(d.attributes).map(([k, x]) => [`attributes.${k}`, x] as const)]) {
        if (hasNul(v)) fail(field === 'org' ? 'orgUnitId' : field, 'no-nul', 'Text may not contain the NUL character (U+0000).');
      }
      if (!next.name.trim()) fail('name', 'required', 'An element needs a name.');
      else if (next.name.length > 500) fail('name', 'max', 'A name has at most 500 characters.');
      if (!(LIFECYCLES as readonly string[]).includes(next.lifecycle)) fail('lifecycle', 'enum', `lifecycle is one of ${LIFECYCLES.join(', ')}.`);
      if (!(CLASSIFICATIONS as readonly string[]).includes(next.classification)) {
        fail('classification', 'enum', `classification is one of ${CLASSIFICATIONS.join(', ')}.`);
      }
      if (next.refCode) {
        const i = next.refCode.indexOf(':');
        const model = i < 0 ? '' : next.refCode.slice(0, i);
        if (i < 0) fail('refCode', 'format', 'refCode reads MODEL:code, e.g. "RAL:01.16".');
        else if (kind.referenceModel && model !== kind.referenceModel) fail('refCode', 'reference-model', `A ${kind.id} refers to ${kind.referenceModel}, not ${model}.`);
        else if (!refs.has(next.refCode)) fail('refCode', 'exists', `${next.refCode} is not a node of the reference model.`);
      }
      const parsed = attributeSchema(kind).safeParse(next.attributes);
      if (!parsed.success) {
        for (const e of zodIssuesToFieldErrors(parsed.error.issues, 'attributes')) fail(e.field, e.rule, e.message);
      } else next.attributes = compactAttributes(parsed.data as Record<string, unknown>);
      if (bad) continue;

      let action: PlanAction = before ? (sameElementContent(before, next) ? 'unchanged' : 'update') : 'create';
      if (action !== 'unchanged') {
        const denied = writeDenial(actor, instansiId, next.orgUnitId) ?? (before ? writeDenial(actor, instansiId, before.orgUnitId) : null);
        if (denied) {
          issue('orgUnitId', 'forbidden', `You may not ${action === 'create' ? 'add' : 'change'} elements of ${orgCode ?? 'this OPD'}${actor.user ? '' : ' (log in first)'}.`);
          continue;
        }
        next.version = (before?.version ?? 0) + 1;
        if (before) {
          next.updatedAt = now;
          next.updatedBy = actor.user?.id ?? null;
        }
      }
      const planned: PlannedElement = { ref: d.ref, row: d.row, action, key: d.key, before, after: next, ...(requestedId ? { requestedId } : {}) };
      plannedElements.push(planned);
      elementByKey.set(d.key, planned);
    }

    // ---- relations
    const storedRelations = await allRelations(db, instansiId);
    const relById = new Map(storedRelations.map((r) => [r.id, r]));
    const relByTriple = new Map(storedRelations.map((r) => [`${r.sourceId} ${r.type} ${r.targetId}`, r]));
    const takenRel = await takenRelationIds(db, drafts.relations.map((r) => r.id).filter(isUuid));
    const plannedRelations: PlannedRelation[] = [];
    const seenTriples = new Map<string, string>();
    for (const d of drafts.relations) {
      const issue = (field: string, rule: string, message: string) => issues.push({ ref: d.ref, row: d.row, field, rule, message });
      if (!(d.type in RELATION_TYPES)) {
        issue('type', 'enum', `Unknown relation type "${d.type}".`);
        continue;
      }
      if (hasNul(d.attributes) || hasNul(d.provenance)) {
        issue('attributes', 'no-nul', 'Text may not contain the NUL character (U+0000).');
        continue;
      }
      const source = elementByKey.get(d.source);
      const target = elementByKey.get(d.target);
      if (!source || !target) {
        // The end was itself rejected (already reported) or is not an element of the input.
        if (!source && !drafts.elements.some((e) => e.key === d.source)) issue('source', 'exists', `No element ${d.source} in the input.`);
        if (!target && !drafts.elements.some((e) => e.key === d.target)) issue('target', 'exists', `No element ${d.target} in the input.`);
        if (source || target || drafts.elements.some((e) => e.key === d.source || e.key === d.target)) {
          skipped.push({ ref: d.ref, row: d.row, reason: 'An end of this relation was not imported.' });
        }
        continue;
      }
      const s = source.after;
      const t = target.after;
      if (!isRelationAllowed(s.kind, d.type as RelationTypeId, t.kind)) {
        issue('type', 'relation-not-allowed', `A ${s.kind} may not "${d.type}" a ${t.kind}.`);
        continue;
      }
      const triple = `${s.id} ${d.type} ${t.id}`;
      if (seenTriples.has(triple)) {
        skipped.push({ ref: d.ref, row: d.row, reason: `Same relation as ${seenTriples.get(triple)}.` });
        continue;
      }
      seenTriples.set(triple, d.ref);
      let before = (isUuid(d.id) ? relById.get(d.id) : undefined) ?? relByTriple.get(triple) ?? null;
      if (before && `${before.sourceId} ${before.type} ${before.targetId}` !== triple) {
        // The id names a stored relation between other elements: keep that one, add this as new.
        before = relByTriple.get(triple) ?? null;
      }
      const id = before?.id ?? (isUuid(d.id) && !takenRel.has(d.id) && !relById.has(d.id) ? d.id : uuidv7());
      const after: Relation = {
        id,
        instansiId,
        type: d.type,
        sourceId: s.id,
        targetId: t.id,
        attributes: d.attributes,
        provenance: emptyToNull(d.provenance),
        createdAt: before?.createdAt ?? now,
        createdBy: before?.createdBy ?? actor.user?.id ?? null,
      };
      const action: PlanAction = !before
        ? 'create'
        : canonical(before.attributes) === canonical(after.attributes) && before.provenance === after.provenance
          ? 'unchanged'
          : 'update';
      if (action !== 'unchanged' && writeDenial(actor, instansiId, s.orgUnitId)) {
        issue('source', 'forbidden', `You may not add or change relations of "${s.name}".`);
        continue;
      }
      plannedRelations.push({ ref: d.ref, row: d.row, action, before, after });
    }

    return { orgUnits: plannedOrgs, elements: plannedElements, relations: plannedRelations, skipped, issues };
  }

  /** Writes a plan (created by `plan` in the same transaction) and audits every write. */
  private async apply(trx: Kysely<Database>, actor: Actor, plan: ImportPlan): Promise<void> {
    // Collected and appended at the end in one batch, in the order of the writes.
    const events: NewAuditEvent[] = [];
    const audit = (entityType: string, action: string, entityId: string, before: unknown, after: unknown) =>
      events.push({
        instansiId: actor.instansiId,
        userId: actor.user?.id ?? null,
        username: actor.user?.username ?? null,
        action,
        entityType,
        entityId,
        before,
        after,
      });

    // Parents before children.
    const pending = plan.orgUnits.filter((o) => o.action !== 'unchanged');
    const done = new Set(plan.orgUnits.filter((o) => o.action === 'unchanged').map((o) => o.after.id));
    const creating = new Set(pending.filter((o) => o.action === 'create').map((o) => o.after.id));
    while (pending.length) {
      const i = pending.findIndex((o) => !o.after.parentId || done.has(o.after.parentId) || !creating.has(o.after.parentId));
      const [o] = pending.splice(i < 0 ? 0 : i, 1);
      if (o.action === 'create') {
        await this.repos.orgUnits.insert(trx, o.after);
        audit('org-unit', 'create', o.after.id, null, o.after);
      } else {
        await updateOrgUnit(trx, o.after);
        audit('org-unit', 'update', o.after.id, o.before, o.after);
      }
      done.add(o.after.id);
    }

    const created = plan.elements.filter((e) => e.action === 'create').map((e) => e.after);
    await insertElements(trx, created);
    for (const e of created) audit('element', 'create', e.id, null, presentElement(e));
    for (const e of plan.elements) {
      if (e.action === 'update') {
        const ok = await this.repos.elements.updateIfVersion(trx, e.after, e.before!.version);
        if (!ok) throw Problem.conflict(`Element ${e.after.id} was changed by someone else during the import; nothing was written.`);
        audit('element', 'update', e.after.id, presentElement(e.before!), presentElement(e.after));
      }
    }

    const newRelations = plan.relations.filter((r) => r.action === 'create').map((r) => r.after);
    await insertRelations(trx, newRelations);
    for (const r of newRelations) audit('relation', 'create', r.id, null, r);
    for (const r of plan.relations) {
      if (r.action === 'update') {
        await updateRelation(trx, r.after);
        audit('relation', 'update', r.after.id, r.before, r.after);
      }
    }
    await this.repos.audit.appendMany(trx, events);
  }
}

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') return Object.values(v).some(hasNul);
  return false;
}

export function countActions(items: { action: PlanAction }[]) {
  const out = { create: 0, update: 0, unchanged: 0 };
  for (const i of items) out[i.action]++;
  return out;
}
