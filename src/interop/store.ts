import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { toElement, toRow, type Element, type ElementFilter, type SortKey } from '../store/repositories/element.repository.js';
import { toRelation, toRelationRow, type Relation, type RelationWithEnds } from '../store/repositories/relation.repository.js';
import type { OrgUnit } from '../store/repositories/org-unit.repository.js';
import type { ReferenceNode } from '../store/repositories/reference.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import type { Actor } from '../domain/policy.js';
import { REFERENCE_MODELS } from '../domain/kind.js';

/**
 * The few bulk reads and writes that exchange needs and the shared
 * repositories do not offer (reading everything an actor may see in pages,
 * changing a relation's attributes, changing an OPD). Reads of single records
 * go through the shared repositories.
 */
export type InteropRepos = Pick<Repositories, 'elements' | 'relations' | 'orgUnits' | 'references' | 'audit' | 'instansi'>;

const PAGE = 500;

/** Every element the actor may see that matches the filter, in one sorted list (the filters of GET /elements). */
export async function visibleElements(
  db: Kysely<Database>,
  repos: InteropRepos,
  actor: Actor,
  filter: ElementFilter,
  sort: SortKey = 'name',
  descending = false,
): Promise<Element[]> {
  const out: Element[] = [];
  let cursor: { v: string; id: string } | undefined;
  for (;;) {
    const page = await repos.elements.list(db, actor, filter, { sort, descending, limit: PAGE, cursor });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

/** Every relation whose two ends the actor may see. */
export async function visibleRelations(db: Kysely<Database>, repos: InteropRepos, actor: Actor): Promise<RelationWithEnds[]> {
  const out: RelationWithEnds[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await repos.relations.findVisible(db, actor, { instansiId: actor.instansiId }, PAGE, after);
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1].id;
  }
}

/** All elements of an instansi regardless of who asks: used to match imported rows to stored ones. */
export async function allElements(db: Kysely<Database>, instansiId: string): Promise<Element[]> {
  const rows = await db.selectFrom('elements').selectAll().where('instansi_id', '=', instansiId).execute();
  return rows.map(toElement);
}

export async function allRelations(db: Kysely<Database>, instansiId: string): Promise<Relation[]> {
  const rows = await db.selectFrom('relations').selectAll().where('instansi_id', '=', instansiId).execute();
  return rows.map(toRelation);
}

/** Ids among `ids` that are already used anywhere (any instansi). */
export async function takenElementIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const rows = await db.selectFrom('elements').select('id').where('id', 'in', chunk).execute();
    for (const r of rows) taken.add(r.id);
  }
  return taken;
}

export async function takenRelationIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const chunk = ids.slice(i, i + PAGE);
    const rows = await db.selectFrom('relations').select('id').where('id', 'in', chunk).execute();
    for (const r of rows) taken.add(r.id);
  }
  return taken;
}

export async function takenOrgUnitIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('org_units').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function updateRelation(db: Kysely<Database>, r: Relation): Promise<void> {
  await db
    .updateTable('relations')
    .set({ attributes: JSON.stringify(r.attributes), provenance: r.provenance })
    .where('id', '=', r.id)
    .execute();
}

export async function updateOrgUnit(db: Kysely<Database>, o: OrgUnit): Promise<void> {
  await db
    .updateTable('org_units')
    .set({ name: o.name, aliases: JSON.stringify(o.aliases), type: o.type, parent_id: o.parentId, provenance: o.provenance })
    .where('id', '=', o.id)
    .execute();
}

/** Every reference node the instansi can use (national and its own), per model. */
export async function referenceNodes(db: Kysely<Database>, repos: InteropRepos, instansiId: string): Promise<Map<string, ReferenceNode>> {
  const out = new Map<string, ReferenceNode>();
  for (const model of REFERENCE_MODELS) {
    for (const n of await repos.references.listModel(db, model, instansiId)) out.set(`${model}:${n.code}`, n);
  }
  return out;
}

const BATCH = 200;

/** Inserts many elements with few statements (the import of a whole city). */
export async function insertElements(db: Kysely<Database>, elements: Element[]): Promise<void> {
  for (let i = 0; i < elements.length; i += BATCH) {
    await db.insertInto('elements').values(elements.slice(i, i + BATCH).map(toRow)).execute();
  }
}

export async function insertRelations(db: Kysely<Database>, relations: Relation[]): Promise<void> {
  for (let i = 0; i < relations.length; i += BATCH) {
    await db.insertInto('relations').values(relations.slice(i, i + BATCH).map(toRelationRow)).execute();
  }
}
