import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../schema.js';
import type { DialectHelper } from '../dialects/index.js';
import { canRead, type Actor } from '../../domain/policy.js';
import type { ArchitectureGraph, GraphElement } from '../../domain/graph/model.js';
import { visibleTo } from './element.repository.js';

/** Ids per `in (…)` list: far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 1000;

export interface ElementSummary {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  orgUnitId: string | null;
}

/** A relation touching an element already reached (`from`), with a summary of its other end (`to`). */
export interface HopRow {
  relationId: string;
  type: string;
  from: string;
  to: string;
  /** True when `from` is the relation's source. */
  outgoing: boolean;
  kind: string;
  domain: string;
  code: string | null;
  name: string;
  orgUnitId: string | null;
  lifecycle: string;
}

export interface HopQuery {
  /** Relation types to follow from source to target; null: every type; []: none. */
  forward: readonly string[] | null;
  /** Relation types to follow from target to source; null: every type; []: none. */
  backward: readonly string[] | null;
}

/**
 * Which elements a coverage list holds: live (not retired) elements of `kinds`
 * (or of every architecture domain when `kinds` is omitted), optionally only
 * to-be ones, that lack something: a relation, an owner, an attribute.
 */
export interface CoverageSpec {
  kinds?: readonly string[];
  lifecycle?: 'to-be';
  /** Missing: a relation of one of `types` from (direction 'in') or to ('out') a visible element of `otherKinds`. */
  missingRelation?: { direction: 'in' | 'out'; types: readonly string[]; otherKinds?: readonly string[]; otherNotCancelled?: boolean };
  missingOwner?: boolean;
  /** Missing or blank top-level attribute. */
  missingAttribute?: string;
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Reads for the analyses: graphs, batched neighbourhoods, coverage lists, counts; and the lint switches. */
export class AnalysisRepository {
  constructor(private readonly dialect: DialectHelper) {}

  /**
   * The part of the instansi's architecture the actor may see, as a plain
   * graph: elements (optionally only some kinds), the relations between them
   * and the instansi's OPDs.
   */
  async loadGraph(db: Kysely<Database>, actor: Actor, kinds?: readonly string[]): Promise<ArchitectureGraph> {
    let eq = db
      .selectFrom('elements')
      .select(['id', 'kind', 'domain', 'code', 'name', 'org_unit_id', 'lifecycle', 'classification', 'attributes', 'ref_model', 'ref_code', 'version'])
      .where(visibleTo(actor));
    if (kinds) eq = eq.where('kind', 'in', kinds.length ? [...kinds] : ['']);
    let rq = db
      .selectFrom('relations as r')
      .innerJoin('elements as s', 's.id', 'r.source_id')
      .innerJoin('elements as t', 't.id', 'r.target_id')
      .select(['r.id', 'r.type', 'r.source_id', 'r.target_id'])
      .where('r.instansi_id', '=', actor.instansiId)
      .where(visibleTo(actor, 's'))
      .where(visibleTo(actor, 't'));
    if (kinds) {
      const list = kinds.length ? [...kinds] : [''];
      rq = rq.where('s.kind', 'in', list).where('t.kind', 'in', list);
    }
    const [rows, rels, orgs] = await Promise.all([
      eq.orderBy('id').execute(),
      rq.orderBy('r.id').execute(),
      db.selectFrom('org_units').select(['id', 'code', 'name', 'aliases']).where('instansi_id', '=', actor.instansiId).orderBy('code').execute(),
    ]);
    const elements: GraphElement[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      domain: r.domain,
      code: r.code,
      name: r.name,
      orgUnitId: r.org_unit_id,
      lifecycle: r.lifecycle,
      classification: r.classification,
      attributes: JSON.parse(r.attributes) as Record<string, unknown>,
      refCode: r.ref_model && r.ref_code ? `${r.ref_model}:${r.ref_code}` : null,
      version: Number(r.version),
    }));
    return {
      elements,
      relations: rels.map((r) => ({ id: r.id, type: r.type, sourceId: r.source_id, targetId: r.target_id })),
      orgUnits: orgs.map((o) => ({ id: o.id, code: o.code, name: o.name, aliases: JSON.parse(o.aliases) as string[] })),
    };
  }

  /**
   * The relations touching `ids` whose other end the actor may see: the batch
   * step of a level-by-level graph walk. Two indexed lookups per thousand ids
   * and direction — relations by `source_id` (or `target_id`), then the other
   * ends by primary key, visibility checked with `canRead` — rather than one
   * join: given a join or an instansi_id condition, SQLite's planner (which
   * has no statistics) prefers to scan the whole instansi through an
   * `instansi_id` index, which takes seconds on a large instansi.
   */
  async hops(db: Kysely<Database>, actor: Actor, ids: readonly string[], q: HopQuery): Promise<HopRow[]> {
    const found: { relationId: string; type: string; from: string; to: string; outgoing: boolean }[] = [];
    const ends = [
      { outgoing: true, types: q.forward, near: 'source_id', far: 'target_id' },
      { outgoing: false, types: q.backward, near: 'target_id', far: 'source_id' },
    ] as const;
    for (const part of chunks(ids)) {
      for (const end of ends) {
        if (end.types && end.types.length === 0) continue;
        // No instansi_id filter here: it would tempt SQLite into relations_instansi; the
        // ends are checked below (an element of another instansi is never readable).
        let query = db.selectFrom('relations').select(['id', 'type', 'source_id', 'target_id']).where(end.near, 'in', part);
        if (end.types) query = query.where('type', 'in', [...end.types]);
        for (const row of await query.execute()) {
          found.push({ relationId: row.id, type: row.type, from: row[end.near], to: row[end.far], outgoing: end.outgoing });
        }
      }
    }
    const others = new Map<string, { kind: string; domain: string; code: string | null; name: string; org_unit_id: string | null; lifecycle: string }>();
    for (const part of chunks([...new Set(found.map((h) => h.to))])) {
      const rows = await db
        .selectFrom('elements')
        .select(['id', 'instansi_id', 'kind', 'domain', 'code', 'name', 'org_unit_id', 'lifecycle', 'classification'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) {
        if (canRead(actor, { instansiId: r.instansi_id, orgUnitId: r.org_unit_id, classification: r.classification })) others.set(r.id, r);
      }
    }
    const out: HopRow[] = [];
    for (const h of found) {
      const e = others.get(h.to);
      if (!e) continue;
      out.push({ ...h, kind: e.kind, domain: e.domain, code: e.code, name: e.name, orgUnitId: e.org_unit_id, lifecycle: e.lifecycle });
    }
    return out;
  }

  private coverageQuery(db: Kysely<Database>, actor: Actor, spec: CoverageSpec, withGap: boolean) {
    let q = db.selectFrom('elements').where(visibleTo(actor)).where('lifecycle', '<>', 'retired');
    q = spec.kinds ? q.where('kind', 'in', spec.kinds.length ? [...spec.kinds] : ['']) : q.where('domain', '<>', 'planning');
    if (spec.lifecycle) q = q.where('lifecycle', '=', spec.lifecycle);
    if (!withGap) return q;
    if (spec.missingOwner) q = q.where('org_unit_id', 'is', null);
    if (spec.missingAttribute) {
      q = q.where(sql<SqlBool>`coalesce(trim(${this.dialect.jsonText('elements.attributes', spec.missingAttribute)}), '') = ''`);
    }
    const m = spec.missingRelation;
    if (m) {
      const [near, far] = m.direction === 'in' ? (['target_id', 'source_id'] as const) : (['source_id', 'target_id'] as const);
      // `cross join` keeps the relation the outer loop in SQLite (its planner has
      // no statistics and would otherwise walk every candidate other end per
      // element): an index probe on relations(target_id/source_id, type) per
      // element, then the other end by primary key. PostgreSQL plans it as an
      // ordinary join.
      q = q.where(({ not, exists, selectFrom }) => {
        let sub = selectFrom('relations as r')
          .crossJoin('elements as o')
          .select(sql`1`.as('one'))
          .whereRef(`r.${near}`, '=', 'elements.id')
          .where('r.type', 'in', [...m.types])
          .whereRef('o.id', '=', `r.${far}`)
          .where(visibleTo(actor, 'o'));
        if (m.otherKinds) sub = sub.where('o.kind', 'in', [...m.otherKinds]);
        if (m.otherNotCancelled) sub = sub.where(sql<SqlBool>`coalesce(${this.dialect.jsonText('o.attributes', 'status')}, '') <> 'dibatalkan'`);
        return not(exists(sub));
      });
    }
    return q;
  }

  /** A coverage list: how many elements the spec covers (`total`), how many lack what it asks (`count`), and the first `limit` of those. */
  async coverage(db: Kysely<Database>, actor: Actor, spec: CoverageSpec, limit: number): Promise<{ total: number; count: number; items: ElementSummary[] }> {
    const countOf = async (withGap: boolean) =>
      Number((await this.coverageQuery(db, actor, spec, withGap).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const [total, count, rows] = await Promise.all([
      countOf(false),
      countOf(true),
      limit > 0
        ? this.coverageQuery(db, actor, spec, true)
            .select(['id', 'kind', 'code', 'name', 'org_unit_id'])
            .orderBy('kind')
            .orderBy(sql`coalesce(code, '')`)
            .orderBy('name')
            .orderBy('id')
            .limit(limit)
            .execute()
        : Promise.resolve([]),
    ]);
    return { total, count, items: rows.map((r) => ({ id: r.id, kind: r.kind, code: r.code, name: r.name, orgUnitId: r.org_unit_id })) };
  }

  /** Visible elements per domain and lifecycle. */
  async countsByDomain(db: Kysely<Database>, actor: Actor): Promise<{ domain: string; lifecycle: string; n: number }[]> {
    const rows = await db
      .selectFrom('elements')
      .where(visibleTo(actor))
      .select(['domain', 'lifecycle', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['domain', 'lifecycle'])
      .execute();
    return rows.map((r) => ({ domain: r.domain, lifecycle: r.lifecycle, n: Number(r.n) }));
  }

  /** Live visible elements of one kind per owning OPD (null: no owner). */
  async countsByOrg(db: Kysely<Database>, actor: Actor, kind: string): Promise<{ orgUnitId: string | null; n: number }[]> {
    const rows = await db
      .selectFrom('elements')
      .where(visibleTo(actor))
      .where('kind', '=', kind)
      .where('lifecycle', '<>', 'retired')
      .select(['org_unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('org_unit_id')
      .execute();
    return rows.map((r) => ({ orgUnitId: r.org_unit_id, n: Number(r.n) }));
  }

  async disabledRules(db: Kysely<Database>, instansiId: string): Promise<string[]> {
    const rows = await db.selectFrom('lint_disabled_rules').select('rule_id').where('instansi_id', '=', instansiId).orderBy('rule_id').execute();
    return rows.map((r) => r.rule_id);
  }

  async replaceDisabledRules(db: Kysely<Database>, instansiId: string, ruleIds: readonly string[], by: string | null, at: string): Promise<void> {
    await db.deleteFrom('lint_disabled_rules').where('instansi_id', '=', instansiId).execute();
    if (ruleIds.length === 0) return;
    await db
      .insertInto('lint_disabled_rules')
      .values(ruleIds.map((rule_id) => ({ instansi_id: instansiId, rule_id, disabled_at: at, disabled_by: by })))
      .execute();
  }
}
