import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AnalysisRepository } from '../store/repositories/analysis.repository.js';
import type { Element, ElementRepository } from '../store/repositories/element.repository.js';
import type { RelationRepository } from '../store/repositories/relation.repository.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import { findKind } from '../domain/kinds/index.js';
import { attributeSchema, compactAttributes } from '../domain/attributes.js';
import { indexGraph, type GraphElement, type IndexedGraph } from '../domain/graph/model.js';
import { canRead, writeDenial, type Actor } from '../domain/policy.js';
import type { Label } from '../domain/kind.js';
import { presentElement } from './element.service.js';
import { effectiveProgress, isGapClosed, roadmapFigures } from './analysis.service.js';
import { Problem, denialProblem } from './problem.js';
import { zodIssuesToFieldErrors } from './validation.js';

export interface RoadmapQuery {
  orgUnitId?: string;
  /** roadmapDomain of the initiative (tata-kelola, layanan, aplikasi, …). */
  domain?: string;
}

const YEAR_KEYS = [2025, 2026, 2027, 2028, 2029, 2030] as const;

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v : null;
}

/** The options of one of the initiative kind's enum attributes, with their labels. */
function initiativeOptions(key: string): { id: string; label: Label }[] {
  const field = findKind('initiative')?.attributes.find((a) => a.key === key);
  return (field?.options ?? []).map((o) => ({ id: o.value, label: o.label ?? { id: o.value, en: o.value } }));
}

/** Roadmap domains (tata kelola, layanan, aplikasi, …), for labels and validation. */
export const roadmapDomains = () => initiativeOptions('roadmapDomain');
/** Initiative statuses (direncanakan, berjalan, selesai, dibatalkan), for labels. */
export const roadmapStatuses = () => initiativeOptions('status');

/** The years an initiative runs, first to last (one given year stands for both); null without years or when they are reversed. */
export function yearSpan(i: { startYear: number | null; endYear: number | null }): { start: number; end: number } | null {
  const start = i.startYear ?? i.endYear;
  const end = i.endYear ?? i.startYear;
  return start === null || end === null || end < start ? null : { start, end };
}

/** The Peta Rencana: initiatives by year and domain, and completing an initiative. */
export class RoadmapService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly analysis: AnalysisRepository,
    private readonly elements: ElementRepository,
    private readonly relations: RelationRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Initiatives the actor may see with years, budget, status and progress, and the gaps they close and elements they deliver. */
  async list(actor: Actor, query: RoadmapQuery = {}) {
    const graph = indexGraph(await this.analysis.loadGraph(this.db, actor, ['initiative', 'gap']));
    let initiatives = graph.ofKind('initiative').filter((i) => i.lifecycle !== 'retired');
    if (query.orgUnitId) initiatives = initiatives.filter((i) => i.orgUnitId === query.orgUnitId);
    if (query.domain) initiatives = initiatives.filter((i) => i.attributes.roadmapDomain === query.domain);
    const delivered = await this.analysis.hops(
      this.db,
      actor,
      initiatives.map((i) => i.id),
      { forward: ['delivers'], backward: [] },
    );
    const items = initiatives.map((i) => this.item(graph, i, delivered.filter((d) => d.from === i.id)));
    items.sort(
      (a, b) =>
        (a.startYear ?? 9999) - (b.startYear ?? 9999) ||
        (a.endYear ?? 9999) - (b.endYear ?? 9999) ||
        (a.code ?? '').localeCompare(b.code ?? '', 'id', { numeric: true }) ||
        a.name.localeCompare(b.name, 'id'),
    );
    const years = items.flatMap((i) => [i.startYear, i.endYear]).filter((y): y is number => y !== null);
    const from = years.length ? Math.min(...years) : null;
    const to = years.length ? Math.max(...years) : null;
    const budgetByYear: { year: number; budget: number }[] = [];
    if (from !== null && to !== null) {
      for (let year = from; year <= to; year++) {
        let budget = 0;
        for (const i of items) {
          const span = yearSpan(i);
          if (i.budget === null || i.status === 'dibatalkan' || !span || year < span.start || year > span.end) continue;
          budget += i.budget / (span.end - span.start + 1);
        }
        budgetByYear.push({ year, budget: Math.round(budget) });
      }
    }
    return {
      items,
      domains: roadmapDomains(),
      years: from === null ? [] : Array.from({ length: to! - from + 1 }, (_, k) => from + k),
      summary: { ...roadmapFigures(initiatives), budgetByYear },
    };
  }

  private item(graph: IndexedGraph, i: GraphElement, delivered: { to: string; kind: string; domain: string; code: string | null; name: string; lifecycle: string; orgUnitId: string | null }[]) {
    const a = i.attributes;
    const targets: Record<string, string> = {};
    for (const year of YEAR_KEYS) {
      const t = str(a[`target${year}`]);
      if (t) targets[year] = t;
    }
    const gaps = graph
      .outgoing(i.id)
      .filter((r) => r.type === 'closes')
      .map((r) => graph.byId.get(r.targetId)!)
      .filter((g) => g.kind === 'gap')
      .map((g) => ({ id: g.id, code: g.code, name: g.name, closed: isGapClosed(graph, g) }));
    const parent = graph.incoming(i.id).find((r) => r.type === 'composes' && graph.byId.get(r.sourceId)?.kind === 'initiative');
    return {
      id: i.id,
      code: i.code,
      name: i.name,
      orgUnitId: i.orgUnitId,
      parentId: parent?.sourceId ?? null,
      version: i.version ?? null,
      roadmapDomain: str(a.roadmapDomain),
      startYear: num(a.startYear),
      endYear: num(a.endYear),
      budget: num(a.budget),
      status: str(a.status),
      progress: num(a.progress),
      effectiveProgress: effectiveProgress(i),
      program: str(a.program),
      activity: str(a.activity),
      initialCondition: str(a.initialCondition),
      targets,
      gaps,
      elements: delivered.map((d) => ({ id: d.to, kind: d.kind, domain: d.domain, code: d.code, name: d.name, lifecycle: d.lifecycle, orgUnitId: d.orgUnitId })),
    };
  }

  /**
   * Marks an initiative done (status 'selesai', progress 100) and, with
   * `promote`, turns the to-be elements it delivers into as-is. Everything in
   * one transaction, each changed element audited. The actor must be allowed
   * to change the initiative (admin, or operator of its OPD) and, to promote,
   * every to-be element it delivers.
   */
  async complete(actor: Actor, id: string, expectedVersion: number, promote: boolean) {
    if (!actor.user) throw Problem.unauthenticated();
    return this.db.transaction().execute(async (trx) => {
      const current = await this.elements.findById(trx, id);
      if (!current || current.kind !== 'initiative' || current.instansiId !== actor.instansiId || !canRead(actor, current)) {
        throw Problem.notFound('Initiative');
      }
      const denial = writeDenial(actor, current.instansiId, current.orgUnitId);
      if (denial) throw denialProblem(denial);
      if (current.version !== expectedVersion) throw stale(current.version);

      const kind = findKind('initiative')!;
      const parsed = attributeSchema(kind).safeParse({ ...current.attributes, status: 'selesai', progress: 100 });
      if (!parsed.success) {
        throw Problem.validation(zodIssuesToFieldErrors(parsed.error.issues, 'attributes'), 'The initiative’s stored attributes no longer fit its kind; fix them first.');
      }
      const attributes = compactAttributes(parsed.data as Record<string, unknown>);
      const now = new Date().toISOString();
      let initiative = current;
      if (current.attributes.status !== 'selesai' || current.attributes.progress !== 100) {
        initiative = { ...current, attributes, version: current.version + 1, updatedAt: now, updatedBy: actor.user!.id };
        if (!(await this.elements.updateIfVersion(trx, initiative, expectedVersion))) {
          throw Problem.conflict('The initiative was changed by someone else meanwhile; read it again.');
        }
        await this.audit.append(trx, this.event(actor, initiative.id, presentElement(current), presentElement(initiative)));
      }

      const promoted: Element[] = [];
      if (promote) {
        const ids = (await this.relations.ofElement(trx, current.id)).filter((r) => r.type === 'delivers' && r.sourceId === current.id).map((r) => r.targetId);
        const targets = (await this.elements.findManyByIds(trx, ids)).filter((e) => e.lifecycle === 'to-be');
        const refused = targets.filter((e) => !canRead(actor, e) || writeDenial(actor, e.instansiId, e.orgUnitId));
        if (refused.length) {
          throw Problem.forbidden(
            `You may not change ${refused.length} of the ${targets.length} to-be elements this initiative delivers; ask an administrator to promote them.`,
          );
        }
        targets.sort((a, b) => a.id.localeCompare(b.id));
        for (const e of targets) {
          const next: Element = { ...e, lifecycle: 'as-is', version: e.version + 1, updatedAt: now, updatedBy: actor.user!.id };
          if (!(await this.elements.updateIfVersion(trx, next, e.version))) {
            throw Problem.conflict(`Element ${e.name} was changed by someone else meanwhile; try again.`);
          }
          await this.audit.append(trx, this.event(actor, e.id, presentElement(e), presentElement(next)));
          promoted.push(next);
        }
      }
      return {
        initiative: presentElement(initiative),
        promoted: promoted.map((e) => ({ id: e.id, kind: e.kind, code: e.code, name: e.name, orgUnitId: e.orgUnitId, lifecycle: e.lifecycle, version: e.version })),
      };
    });
  }

  private event(actor: Actor, entityId: string, before: unknown, after: unknown) {
    return {
      instansiId: actor.instansiId,
      userId: actor.user!.id,
      username: actor.user!.username,
      action: 'update',
      entityType: 'element',
      entityId,
      before,
      after,
    };
  }
}

function stale(version: number): Problem {
  return Problem.conflict(`The initiative was changed by someone else; its current version is ${version}.`, { currentVersion: version });
}
