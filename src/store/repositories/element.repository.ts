import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, ElementTable } from '../schema.js';
import { uniqueLookup, type DialectHelper } from '../dialects/index.js';
import { seesEverything, type Actor } from '../../domain/policy.js';

export interface Element {
  id: string;
  instansiId: string;
  kind: string;
  domain: string;
  code: string | null;
  name: string;
  description: string | null;
  orgUnitId: string | null;
  refCode: string | null; // "RAL:01.16"
  lifecycle: string;
  classification: string;
  attributes: Record<string, unknown>;
  provenance: string | null;
  sourceKey: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export function toElement(row: ElementTable): Element {
  return {
    id: row.id,
    instansiId: row.instansi_id,
    kind: row.kind,
    domain: row.domain,
    code: row.code,
    name: row.name,
    description: row.description,
    orgUnitId: row.org_unit_id,
    refCode: row.ref_model && row.ref_code ? `${row.ref_model}:${row.ref_code}` : null,
    lifecycle: row.lifecycle,
    classification: row.classification,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    provenance: row.provenance,
    sourceKey: row.source_key,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

export function toRow(e: Element): ElementTable {
  const [refModel, refCode] = splitRef(e.refCode);
  return {
    id: e.id,
    instansi_id: e.instansiId,
    kind: e.kind,
    domain: e.domain,
    code: e.code,
    name: e.name,
    description: e.description,
    org_unit_id: e.orgUnitId,
    ref_model: refModel,
    ref_code: refCode,
    lifecycle: e.lifecycle,
    classification: e.classification,
    attributes: JSON.stringify(e.attributes),
    provenance: e.provenance,
    source_key: e.sourceKey,
    search_text: searchText(e),
    version: e.version,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    created_by: e.createdBy,
    updated_by: e.updatedBy,
  };
}

export function splitRef(ref: string | null): [string | null, string | null] {
  if (!ref) return [null, null];
  const i = ref.indexOf(':');
  return i < 0 ? [null, null] : [ref.slice(0, i), ref.slice(i + 1)];
}

function searchText(e: Pick<Element, 'code' | 'name' | 'description'>): string {
  return [e.code, e.name, e.description].filter(Boolean).join(' \u0001 ').toLowerCase();
}

export const SORTS = {
  name: 'name',
  code: 'code',
  updatedAt: 'updated_at',
} as const;
export type SortKey = keyof typeof SORTS;
/** Sort columns declared NOT NULL in migration 001. */
const NOT_NULL_SORT_COLUMNS: ReadonlySet<string> = new Set([SORTS.name, SORTS.updatedAt]);

export interface ElementFilter {
  kinds?: string[];
  domain?: string;
  orgUnitId?: string;
  ref?: { model: string; code: string | null };
  lifecycle?: string;
  classification?: string;
  q?: string;
  ids?: string[];
}

export interface ListOptions {
  sort: SortKey;
  descending: boolean;
  limit: number;
  cursor?: { v: string; id: string };
}

/**
 * Rows of `alias` the actor may see: same instansi, classification allowed and,
 * for rahasia, owned by one of the actor's OPDs unless the actor is an admin.
 */
export function visibleTo(actor: Actor, alias = 'elements'): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const conds: RawBuilder<unknown>[] = [sql`${col('instansi_id')} = ${actor.instansiId}`];
  const user = actor.user;
  if (!user) conds.push(sql`${col('classification')} = 'terbuka'`);
  else if (!seesEverything(user.role)) {
    const owned = user.orgUnitIds.length
      ? sql` or ${col('org_unit_id')} in (${sql.join(user.orgUnitIds.map((id) => sql`${id}`))})`
      : sql``;
    conds.push(sql`(${col('classification')} <> 'rahasia'${owned})`);
  }
  return sql<SqlBool>`(${sql.join(conds, sql` and `)})`;
}

export class ElementRepository {
  constructor(private readonly dialect: DialectHelper) {}

  async findById(db: Kysely<Database>, id: string): Promise<Element | undefined> {
    const row = await db.selectFrom('elements').selectAll().where('id', '=', id).modifyEnd(uniqueLookup).executeTakeFirst();
    return row && toElement(row);
  }

  async findManyByIds(db: Kysely<Database>, ids: string[]): Promise<Element[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('elements').selectAll().where('id', 'in', ids).execute();
    return rows.map(toElement);
  }

  private filtered(db: Kysely<Database>, actor: Actor, f: ElementFilter) {
    let q = db.selectFrom('elements').where(visibleTo(actor));
    if (f.kinds?.length) q = q.where('kind', 'in', f.kinds);
    if (f.domain) q = q.where('domain', '=', f.domain);
    if (f.orgUnitId) q = q.where('org_unit_id', '=', f.orgUnitId);
    if (f.lifecycle) q = q.where('lifecycle', '=', f.lifecycle);
    if (f.classification) q = q.where('classification', '=', f.classification);
    if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
    if (f.ref) {
      const { model, code } = f.ref;
      q = q.where('ref_model', '=', model);
      if (code) q = q.where((eb) => eb.or([eb('ref_code', '=', code), eb('ref_code', 'like', `${code}.%`)]));
    }
    if (f.q?.trim()) {
      const text = f.q.trim();
      q = q.where(this.dialect.containsText('search_text', text));
    }
    return q;
  }

  async list(db: Kysely<Database>, actor: Actor, f: ElementFilter, o: ListOptions): Promise<{ items: Element[]; nextCursor: { v: string; id: string } | null }> {
    const column = SORTS[o.sort];
    // A NOT NULL column sorts as itself, so the (instansi_id, kind|domain|…, name, id) indexes
    // deliver rows already in order (no sort of the whole filtered set) and the keyset cursor is
    // one row-value range the index can seek to. A nullable one sorts as coalesce(column, '').
    const notNull = NOT_NULL_SORT_COLUMNS.has(column);
    const sortExpr = notNull ? sql<string>`${sql.ref(column)}` : sql<string>`coalesce(${sql.ref(column)}, '')`;
    let q = this.filtered(db, actor, f).selectAll();
    if (o.cursor) {
      const { v, id } = o.cursor;
      if (notNull) {
        q = q.where(sql<SqlBool>`(${sortExpr}, id) ${sql.raw(o.descending ? '<' : '>')} (${v}, ${id})`);
      } else {
        q = o.descending
          ? q.where(sql<SqlBool>`(${sortExpr} < ${v} or (${sortExpr} = ${v} and id < ${id}))`)
          : q.where(sql<SqlBool>`(${sortExpr} > ${v} or (${sortExpr} = ${v} and id > ${id}))`);
      }
    }
    const dir = o.descending ? 'desc' : 'asc';
    const rows = await q.orderBy(sortExpr, dir).orderBy('id', dir).limit(o.limit + 1).execute();
    const items = rows.slice(0, o.limit).map(toElement);
    const last = rows.length > o.limit ? rows[o.limit - 1] : undefined;
    return { items, nextCursor: last ? { v: (last[column] as string | null) ?? '', id: last.id } : null };
  }

  async count(db: Kysely<Database>, actor: Actor, f: ElementFilter): Promise<number> {
    const r = await this.filtered(db, actor, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Facet counts with GROUP BY: per kind under every filter except the kind filter,
   * and per OPD (org unit id, null for none) under every filter except the OPD filter.
   */
  async facets(db: Kysely<Database>, actor: Actor, f: ElementFilter): Promise<{ byKind: { kind: string; n: number }[]; byOrg: { orgUnitId: string | null; n: number }[] }> {
    const { kinds: _kinds, ...withoutKind } = f;
    const { orgUnitId: _org, ...withoutOrg } = f;
    const [byKind, byOrg] = await Promise.all([
      this.filtered(db, actor, withoutKind)
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('kind')
        .execute(),
      this.filtered(db, actor, withoutOrg)
        .select(['org_unit_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('org_unit_id')
        .execute(),
    ]);
    return {
      byKind: byKind.map((r) => ({ kind: r.kind, n: Number(r.n) })),
      byOrg: byOrg.map((r) => ({ orgUnitId: r.org_unit_id, n: Number(r.n) })),
    };
  }

  async insert(db: Kysely<Database>, e: Element): Promise<void> {
    await db.insertInto('elements').values(toRow(e)).execute();
  }

  /** Writes `next` only if the stored version is still `expectedVersion`. Returns false on a lost race. */
  async updateIfVersion(db: Kysely<Database>, next: Element, expectedVersion: number): Promise<boolean> {
    const { id, instansi_id, created_at, created_by, ...changes } = toRow(next);
    const r = await db.updateTable('elements').set(changes).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteIfVersion(db: Kysely<Database>, id: string, expectedVersion: number): Promise<boolean> {
    const r = await db.deleteFrom('elements').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
