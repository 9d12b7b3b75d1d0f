import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AnalysisRepository, CoverageSpec, ElementSummary, HopRow } from '../store/repositories/analysis.repository.js';
import type { Element, ElementRepository } from '../store/repositories/element.repository.js';
import type { ReferenceRepository } from '../store/repositories/reference.repository.js';
import { DOMAINS, DOMAIN_LABELS, type Label } from '../domain/kind.js';
import { canRead, type Actor } from '../domain/policy.js';
import { impactBfs, traversal, type ImpactDirection } from '../domain/graph/impact.js';
import { TRACE_DOMAINS, traceChain, type TraceSide } from '../domain/graph/trace.js';
import { indexGraph, type GraphElement, type GraphOrgUnit, type IndexedGraph } from '../domain/graph/model.js';
import { duplicateApplicationGroups, localDuplicatesOfGeneral } from '../domain/lint/applications.js';
import { Problem } from './problem.js';

export interface ElementRef extends ElementSummary {
  domain: string;
  lifecycle: string;
}

export interface OrgRef {
  id: string;
  code: string;
  name: string;
}

interface Summarisable {
  kind: string;
  code: string | null;
  name: string;
  orgUnitId: string | null;
}

function summaryOf(e: Summarisable, id: string): ElementSummary {
  return { id, kind: e.kind, code: e.code, name: e.name, orgUnitId: e.orgUnitId };
}

/** The coverage lists: what each must have, in the order the UI shows them. */
export const COVERAGE_LISTS: readonly { key: string; label: Label; spec: CoverageSpec }[] = [
  {
    key: 'processesWithoutService',
    label: { id: 'Proses bisnis tanpa layanan', en: 'Business processes with no service' },
    spec: { kinds: ['business-process', 'sub-process'], missingRelation: { direction: 'in', types: ['serves'], otherKinds: ['service'] } },
  },
  {
    key: 'servicesWithoutApplication',
    label: { id: 'Layanan tanpa aplikasi', en: 'Services with no application' },
    spec: { kinds: ['service'], missingRelation: { direction: 'in', types: ['realizes', 'serves'], otherKinds: ['application'] } },
  },
  {
    key: 'applicationsWithoutOwner',
    label: { id: 'Aplikasi tanpa Perangkat Daerah pemilik', en: 'Applications with no owning OPD' },
    spec: { kinds: ['application'], missingOwner: true },
  },
  {
    key: 'applicationsWithoutService',
    label: { id: 'Aplikasi yang tidak melayani/mewujudkan layanan', en: 'Applications serving or realizing no service' },
    spec: { kinds: ['application'], missingRelation: { direction: 'out', types: ['serves', 'realizes'], otherKinds: ['service'] } },
  },
  {
    key: 'dataWithoutWalidata',
    label: { id: 'Data tanpa walidata', en: 'Data with no custodian (walidata)' },
    spec: { kinds: ['data'], missingAttribute: 'custodian' },
  },
  {
    key: 'toBeWithoutInitiative',
    label: { id: 'Elemen target tanpa inisiatif', en: 'Target elements with no initiative' },
    spec: { lifecycle: 'to-be', missingRelation: { direction: 'in', types: ['delivers'], otherKinds: ['initiative'], otherNotCancelled: true } },
  },
];

export const DISPOSITIONS = ['tolerate', 'invest', 'migrate', 'eliminate'] as const;

/** Impact, traceability, coverage, portfolio and dashboard: reads over what the actor may see. */
export class AnalysisService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly analysis: AnalysisRepository,
    private readonly elements: ElementRepository,
    private readonly references: ReferenceRepository,
  ) {}

  /** An element the actor may read: 401 for anonymous readers of a hidden one, 404 otherwise. */
  private async readable(actor: Actor, id: string): Promise<Element> {
    const element = await this.elements.findById(this.db, id);
    if (!element || element.instansiId !== actor.instansiId) throw Problem.notFound('Element');
    if (!canRead(actor, element)) {
      if (!actor.user) throw Problem.unauthenticated();
      throw Problem.notFound('Element');
    }
    return element;
  }

  /**
   * Transitive dependants or dependencies of an element up to `depth`
   * relations away, each with the shortest chain of ids linking it. Walks only
   * through elements the actor may see.
   */
  async impact(actor: Actor, id: string, options: { direction: ImpactDirection; depth: number; limit: number }) {
    const root = await this.readable(actor, id);
    const { forward, backward } = traversal(options.direction);
    const seen = new Map<string, HopRow>();
    const result = await impactBfs(
      root.id,
      async (frontier) => {
        const rows = await this.analysis.hops(this.db, actor, frontier, { forward, backward });
        for (const r of rows) if (!seen.has(r.to)) seen.set(r.to, r);
        return rows.map((r) => ({ from: r.from, to: r.to, type: r.type }));
      },
      { depth: options.depth, limit: options.limit },
    );
    return {
      root: refOf(root, root.id),
      direction: options.direction,
      depth: options.depth,
      items: result.items.map((item) => ({
        element: refOf(seen.get(item.id)!, item.id),
        distance: item.distance,
        path: item.path,
        relation: item.relation,
      })),
      truncated: result.truncated,
    };
  }

  /** The chain across domains through an element, as a graph (nodes and edges) and as a matrix by domain. */
  async trace(actor: Actor, id: string, options: { depth: number; limit: number }) {
    const root = await this.readable(actor, id);
    const refs = new Map<string, ElementRef>([[root.id, refOf(root, root.id)]]);
    const t = await traceChain(
      { id: root.id, domain: root.domain },
      async (frontier) => {
        const rows = await this.analysis.hops(this.db, actor, frontier, { forward: null, backward: null });
        for (const r of rows) if (!refs.has(r.to)) refs.set(r.to, refOf(r, r.to));
        return rows.map((r) => ({ relationId: r.relationId, type: r.type, from: r.from, to: r.to, outgoing: r.outgoing, toDomain: r.domain }));
      },
      options,
    );
    const nodes = t.nodes.map((n) => ({ ...refs.get(n.id)!, distance: n.distance, side: n.side as TraceSide }));
    const matrix = TRACE_DOMAINS.map((domain) => ({
      domain,
      label: DOMAIN_LABELS[domain],
      elements: nodes.filter((n) => n.domain === domain).map(({ distance, side, ...ref }) => ref),
    }));
    return { root: refs.get(root.id)!, nodes, edges: t.edges, matrix, truncated: t.truncated };
  }

  /** Coverage lists: each with how many elements it covers, how many lack the thing, and the first `limit` of those. */
  async coverage(actor: Actor, limit: number) {
    const lists = await Promise.all(
      COVERAGE_LISTS.map(async ({ key, label, spec }) => {
        const { total, count, items } = await this.analysis.coverage(this.db, actor, spec, limit);
        return { key, label, total, count, percent: percentCovered(total, count), items };
      }),
    );
    return { lists };
  }

  /**
   * The application portfolio: OPD × RAL area (through the services the
   * applications serve or realize), general vs specific, national vs local,
   * TIME disposition, and the rationalisation candidates.
   */
  async portfolio(actor: Actor) {
    const graph = indexGraph(await this.analysis.loadGraph(this.db, actor, ['application', 'service']));
    const ral = new Map((await this.references.listModel(this.db, 'RAL', actor.instansiId)).map((n) => [n.code, n.name]));
    const apps = graph.ofKind('application').filter((a) => a.lifecycle !== 'retired');

    const areaOf = (app: GraphElement): string[] => {
      const areas = new Set<string>();
      for (const r of graph.outgoing(app.id)) {
        if (r.type !== 'serves' && r.type !== 'realizes') continue;
        const svc = graph.byId.get(r.targetId);
        if (svc?.kind !== 'service' || !svc.refCode?.startsWith('RAL:')) continue;
        areas.add(svc.refCode.slice(4).split('.').slice(0, 2).join('.'));
      }
      return [...areas];
    };

    const appAreas = new Map(apps.map((a) => [a.id, areaOf(a)]));
    const areaCodes = [...new Set([...appAreas.values()].flat())].sort();
    const areas: { code: string | null; name: string }[] = areaCodes.map((code) => ({ code, name: ral.get(code) ?? code }));
    const anyUnmapped = [...appAreas.values()].some((list) => list.length === 0);
    if (anyUnmapped) areas.push({ code: null, name: 'Tanpa area RAL' });
    const column = new Map(areas.map((a, i) => [a.code, i]));

    type Row = ReturnType<typeof emptyRow>;
    const emptyRow = (orgUnit: OrgRef | null) => ({
      orgUnit,
      total: 0,
      cells: areas.map(() => 0),
      category: { umum: 0, khusus: 0, unknown: 0 },
      scope: { nasional: 0, lokal: 0, unknown: 0 },
      disposition: { tolerate: 0, invest: 0, migrate: 0, eliminate: 0, unassessed: 0 },
    });
    const rows = new Map<string, Row>();
    const totals = emptyRow(null);
    for (const app of apps) {
      const key = app.orgUnitId ?? '';
      let row = rows.get(key);
      if (!row) rows.set(key, (row = emptyRow(orgRef(graph, app.orgUnitId))));
      const list = appAreas.get(app.id)!;
      for (const target of [row, totals]) {
        target.total++;
        for (const code of list.length ? list : [null]) target.cells[column.get(code)!]++;
        const category = app.attributes.category === 'umum' || app.attributes.category === 'khusus' ? app.attributes.category : 'unknown';
        target.category[category]++;
        const scope = app.attributes.scope === 'nasional' || app.attributes.scope === 'lokal' ? app.attributes.scope : 'unknown';
        target.scope[scope]++;
        const d = app.attributes.disposition;
        target.disposition[(DISPOSITIONS as readonly unknown[]).includes(d) ? (d as (typeof DISPOSITIONS)[number]) : 'unassessed']++;
      }
    }
    const orderedRows = [...rows.values()].sort((a, b) => (a.orgUnit?.code ?? '\uffff').localeCompare(b.orgUnit?.code ?? '\uffff'));
    const { orgUnit: _none, ...overall } = totals;
    return { areas, rows: orderedRows, totals: overall, candidates: rationalisationCandidates(graph) };
  }

  /** The executive dashboard's figures. */
  async dashboard(actor: Actor) {
    const [counts, coverage, planning, perOrg] = await Promise.all([
      this.analysis.countsByDomain(this.db, actor),
      this.coverage(actor, 0),
      this.analysis.loadGraph(this.db, actor, ['gap', 'initiative']).then(indexGraph),
      this.analysis.countsByOrg(this.db, actor, 'application'),
    ]);
    const domains = DOMAINS.map((domain) => {
      const of = counts.filter((c) => c.domain === domain);
      const n = (lifecycle: string) => of.filter((c) => c.lifecycle === lifecycle).reduce((s, c) => s + c.n, 0);
      return { domain, label: DOMAIN_LABELS[domain], total: of.reduce((s, c) => s + c.n, 0), asIs: n('as-is'), toBe: n('to-be'), retired: n('retired') };
    });
    const gaps = planning.ofKind('gap').filter((g) => g.lifecycle !== 'retired');
    const closed = gaps.filter((g) => isGapClosed(planning, g)).length;
    const initiatives = planning.ofKind('initiative').filter((i) => i.lifecycle !== 'retired');
    const orgs = new Map(planning.orgUnits.map((o) => [o.id, o]));
    return {
      domains,
      coverage: coverage.lists.map(({ items, ...rest }) => rest),
      gaps: { total: gaps.length, closed, open: gaps.length - closed, percentClosed: gaps.length ? round1((100 * closed) / gaps.length) : null },
      roadmap: roadmapFigures(initiatives),
      applicationsPerOrg: perOrg
        .map((p) => ({ orgUnit: p.orgUnitId ? orgRefFrom(orgs.get(p.orgUnitId)) : null, count: p.n }))
        .sort((a, b) => b.count - a.count || (a.orgUnit?.code ?? '\uffff').localeCompare(b.orgUnit?.code ?? '\uffff')),
    };
  }
}

function refOf(e: Summarisable & { domain: string; lifecycle: string }, id: string): ElementRef {
  return { ...summaryOf(e, id), domain: e.domain, lifecycle: e.lifecycle };
}

function orgRefFrom(o: GraphOrgUnit | undefined): OrgRef | null {
  return o ? { id: o.id, code: o.code, name: o.name } : null;
}

function orgRef(graph: IndexedGraph, id: string | null): OrgRef | null {
  return id ? orgRefFrom(graph.orgById.get(id)) : null;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Share of the covered elements that have what the list asks for; null when there is nothing to cover. */
export function percentCovered(total: number, missing: number): number | null {
  return total ? round1((100 * (total - missing)) / total) : null;
}

/** A gap is closed when an initiative that closes it is done (status 'selesai'). */
export function isGapClosed(graph: IndexedGraph, gap: GraphElement): boolean {
  return graph.incoming(gap.id).some((r) => r.type === 'closes' && graph.byId.get(r.sourceId)?.attributes.status === 'selesai');
}

/** Progress of an initiative: 100 when done, its progress attribute otherwise (0 when not given). */
export function effectiveProgress(i: GraphElement): number {
  if (i.attributes.status === 'selesai') return 100;
  return typeof i.attributes.progress === 'number' ? i.attributes.progress : 0;
}

export const INITIATIVE_STATUSES = ['direncanakan', 'berjalan', 'selesai', 'dibatalkan'] as const;

export function roadmapFigures(initiatives: readonly GraphElement[]) {
  const byStatus = { direncanakan: 0, berjalan: 0, selesai: 0, dibatalkan: 0, unknown: 0 };
  let budgetTotal = 0;
  let budgetCompleted = 0;
  for (const i of initiatives) {
    const s = i.attributes.status;
    byStatus[(INITIATIVE_STATUSES as readonly unknown[]).includes(s) ? (s as (typeof INITIATIVE_STATUSES)[number]) : 'unknown']++;
    const budget = typeof i.attributes.budget === 'number' ? i.attributes.budget : 0;
    if (s !== 'dibatalkan') budgetTotal += budget;
    if (s === 'selesai') budgetCompleted += budget;
  }
  const active = initiatives.filter((i) => i.attributes.status !== 'dibatalkan');
  const averageProgress = active.length ? round1(active.reduce((sum, i) => sum + effectiveProgress(i), 0) / active.length) : null;
  return { initiatives: initiatives.length, byStatus, averageProgress, budgetTotal, budgetCompleted };
}

export interface CandidateReason {
  code: 'duplicate' | 'resembles-general' | 'eliminate' | 'migrate';
  message: string;
  messageEn: string;
  related: ElementSummary[];
}

/** Applications to rationalise: registered twice, local copies of a general application, or marked eliminate/migrate. */
export function rationalisationCandidates(graph: IndexedGraph): { element: ElementSummary; reasons: CandidateReason[] }[] {
  const reasons = new Map<string, CandidateReason[]>();
  const add = (id: string, r: CandidateReason) => {
    const list = reasons.get(id);
    if (list) list.push(r);
    else reasons.set(id, [r]);
  };
  const s = (e: GraphElement) => summaryOf(e, e.id);
  for (const group of duplicateApplicationGroups(graph)) {
    for (const e of group.elements) {
      const others = group.elements.filter((o) => o.id !== e.id);
      const by = group.by === 'url' ? { id: 'alamat URL', en: 'URL' } : { id: 'nama', en: 'name' };
      add(e.id, {
        code: 'duplicate',
        message: `Tercatat ganda: ${by.id} sama dengan ${others.length} aplikasi lain.`,
        messageEn: `Registered twice: same ${by.en} as ${others.length} other application${others.length > 1 ? 's' : ''}.`,
        related: others.map(s),
      });
    }
  }
  for (const m of localDuplicatesOfGeneral(graph)) {
    add(m.local.id, {
      code: 'resembles-general',
      message: `Menyerupai aplikasi umum "${m.general.name}".`,
      messageEn: `Resembles general application "${m.general.name}".`,
      related: [s(m.general)],
    });
  }
  for (const app of graph.ofKind('application')) {
    if (app.lifecycle === 'retired') continue;
    if (app.attributes.disposition === 'eliminate') {
      add(app.id, { code: 'eliminate', message: 'Disposisi TIME: hentikan (eliminate).', messageEn: 'TIME disposition: eliminate.', related: [] });
    }
    if (app.attributes.disposition === 'migrate') {
      add(app.id, { code: 'migrate', message: 'Disposisi TIME: migrasikan (migrate).', messageEn: 'TIME disposition: migrate.', related: [] });
    }
  }
  return [...reasons.entries()]
    .map(([id, list]) => ({ element: s(graph.byId.get(id)!), reasons: list }))
    .sort((a, b) => a.element.name.localeCompare(b.element.name, 'id') || a.element.id.localeCompare(b.element.id));
}
