import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AuditEvent } from '../store/repositories/audit.repository.js';
import { canRead, type Actor } from '../domain/policy.js';
import { REFERENCE_MODELS } from '../domain/kind.js';
import { Problem } from './problem.js';
import { presentElement } from './element.service.js';
import { visibleElements, visibleRelations, type InteropRepos } from '../interop/store.js';
import type { ArchitectureData, EvaluationData, ReferenceNodeView } from '../interop/document/architecture.js';
import { buildChangeReport, changeReportDocument, type ChangeReport } from '../interop/document/changes.js';
import type { DocumentModel } from '../interop/document/model.js';
import { buildAssessmentExport, type AssessmentExportFormat, type AssessmentView } from '../interop/assessment-export.js';
import { roadmapWorkbook, type RoadmapView } from '../interop/roadmap-export.js';
import { roadmapStatuses } from './roadmap.service.js';
import { slug } from './slug.js';

export type DocumentFormat = 'docx' | 'pdf';

/** What the document needs from the evaluation service (services.evaluation), so it can be absent. */
export interface EvaluationReader {
  list(actor: Actor, q: { framework?: string; year?: number }): Promise<{ items: { id: string; framework: string; year: number; status: string; updatedAt?: string }[] }>;
  get(
    actor: Actor,
    id: string,
  ): Promise<{
    framework: string;
    frameworkName: string;
    year: number;
    status: string;
    indexRounded: number | null;
    predicate: { name: string; alias?: string | null } | string | null;
    domains: { code: string; name: string; rounded: number | null }[];
    aspects: { code: string; name: string; domainCode: string | null; rounded: number | null }[];
    indicators: { no: number; name: string; level: number | null }[];
  }>;
}

export interface ArchitectureOptions {
  version?: string;
  period?: string;
  /** Assessments of this framework (default: the framework of the latest assessment). */
  framework?: string;
  now?: Date;
}

/** A date alone means the start (from) or the end (to) of that day, in UTC. */
function bound(s: string, end: boolean): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : new Date(s).toISOString();
}

/** The architecture document and the change report, rebuilt from the repository. */
export class DocumentService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: InteropRepos,
  ) {}

  async evaluationData(actor: Actor, reader: EvaluationReader | undefined, framework?: string): Promise<EvaluationData | null> {
    if (!reader || !actor.user) return null;
    const { items } = await reader.list(actor, framework ? { framework } : {});
    if (!items.length) return null;
    const latest = [...items].sort((a, b) => b.year - a.year)[0];
    const chosen = items.filter((i) => i.framework === (framework ?? latest.framework)).sort((a, b) => a.year - b.year);
    const full = await Promise.all(chosen.map((i) => reader.get(actor, i.id)));
    if (!full.length) return null;
    const last = full[full.length - 1];
    return {
      frameworkId: last.framework,
      frameworkName: last.frameworkName,
      domains: last.domains.map((d) => ({ code: d.code, name: d.name })),
      aspects: last.aspects.map((a) => ({ code: a.code, name: a.name, domainCode: a.domainCode })),
      indicators: last.indicators.map((i) => ({ no: i.no, name: i.name })),
      years: full.map((a) => ({
        year: a.year,
        status: a.status,
        index: a.indexRounded,
        predicate: a.predicate === null ? null : typeof a.predicate === 'string' ? a.predicate : a.predicate.name,
        domains: Object.fromEntries(a.domains.map((d) => [d.code, d.rounded])),
        aspects: Object.fromEntries(a.aspects.map((x) => [x.code, x.rounded])),
        indicators: Object.fromEntries(a.indicators.map((i) => [i.no, i.level])),
      })),
    };
  }

  async architectureData(actor: Actor, reader: EvaluationReader | undefined, opts: ArchitectureOptions = {}): Promise<ArchitectureData> {
    if (!actor.user) throw Problem.unauthenticated();
    const instansi = await this.repos.instansi.findById(this.db, actor.instansiId);
    if (!instansi) throw Problem.notFound('Instansi');
    const now = opts.now ?? new Date();
    const [elements, relations, orgUnits, evaluation] = await Promise.all([
      visibleElements(this.db, this.repos, actor, {}, 'code'),
      visibleRelations(this.db, this.repos, actor),
      this.repos.orgUnits.list(this.db, actor.instansiId),
      this.evaluationData(actor, reader, opts.framework),
    ]);
    const references = new Map<string, ReferenceNodeView>();
    for (const model of REFERENCE_MODELS) {
      for (const n of await this.repos.references.listModel(this.db, model, actor.instansiId)) references.set(`${model}:${n.code}`, { model, code: n.code, name: n.name, description: n.description, level: n.level, parentCode: n.parentCode });
    }
    const revision = await this.repos.audit.count(this.db, { instansiId: actor.instansiId });
    const years = elements.flatMap((e) => [e.attributes.startYear, e.attributes.endYear]).filter((y): y is number => typeof y === 'number');
    const period = opts.period ?? (years.length ? `${Math.min(...years)} – ${Math.max(...years)}` : `${now.getUTCFullYear()} – ${now.getUTCFullYear() + 5}`);
    return {
      instansi: { code: instansi.code, name: instansi.name },
      version: opts.version ?? '1.0',
      revision,
      generatedAt: now.toISOString(),
      period,
      elements,
      relations: relations.map(({ source, target, ...r }) => r),
      orgUnits,
      references,
      evaluation,
    };
  }

  async architectureModel(actor: Actor, reader: EvaluationReader | undefined, opts: ArchitectureOptions = {}): Promise<DocumentModel> {
    const data = await this.architectureData(actor, reader, opts);
    // The document modules bring ECharts and docx (tens of MB): loaded when a document is first made.
    const { buildArchitectureDocument } = await import('../interop/document/architecture.js');
    return buildArchitectureDocument(data);
  }

  async architecture(actor: Actor, format: DocumentFormat, reader: EvaluationReader | undefined, opts: ArchitectureOptions = {}) {
    const model = await this.architectureModel(actor, reader, opts);
    const instansi = await this.repos.instansi.findById(this.db, actor.instansiId);
    const date = (opts.now ?? new Date()).toISOString().slice(0, 10);
    const body = await render(model, format);
    return { body, model, filename: `arsitektur-spbe-${instansi?.code ?? 'instansi'}-v${(opts.version ?? '1.0').replace(/[^A-Za-z0-9._-]/g, '_')}-${date}.${format}` };
  }

  /**
   * One assessment as XLSX or PDF, from the evaluation service's view of it
   * (services.evaluation): whoever may read the assessment may export it.
   */
  async assessment(actor: Actor, id: string, format: AssessmentExportFormat, reader: { get(actor: Actor, id: string): Promise<AssessmentView> }, now = new Date()) {
    const view = await reader.get(actor, id);
    const instansi = await this.repos.instansi.findById(this.db, actor.instansiId);
    if (!instansi) throw Problem.notFound('Instansi');
    return buildAssessmentExport(view, { instansi: { code: instansi.code, name: instansi.name }, generatedAt: now }, format);
  }

  /**
   * The Peta Rencana as XLSX, from the roadmap service's view under the same
   * filters (services.roadmap): whoever may read the roadmap may export it.
   */
  async roadmap<Q extends { orgUnitId?: string; domain?: string }>(actor: Actor, query: Q, reader: { list(actor: Actor, query: Q): Promise<RoadmapView> }, now = new Date()) {
    const view = await reader.list(actor, query);
    const instansi = await this.repos.instansi.findById(this.db, actor.instansiId);
    if (!instansi) throw Problem.notFound('Instansi');
    const opds = await this.repos.orgUnits.list(this.db, actor.instansiId);
    const orgUnits = new Map(opds.map((o) => [o.id, o.name]));
    const org = opds.find((o) => o.id === query.orgUnitId);
    const statuses = new Map(roadmapStatuses().map((s) => [s.id, s.label.id]));
    const body = await roadmapWorkbook(view, {
      instansi: { code: instansi.code, name: instansi.name },
      generatedAt: now,
      orgUnits,
      statuses,
      filter: { org: org ? `${org.name} (${org.code})` : null, domain: query.domain ?? null },
    });
    const suffix = [org?.code, query.domain].filter(Boolean).map((p) => slug(p!)).join('-');
    return { body, filename: `peta-rencana-${instansi.code}${suffix ? `-${suffix}` : ''}.xlsx` };
  }

  async changes(actor: Actor, window: { from: string; to: string }, now = new Date()): Promise<ChangeReport> {
    if (!actor.user) throw Problem.unauthenticated();
    const from = bound(window.from, false);
    const to = bound(window.to, true);
    if (!(from <= to)) throw Problem.validation([{ field: 'query.from', rule: 'before-to', message: 'from must not be after to.' }]);
    const events: AuditEvent[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await this.repos.audit.list(this.db, { instansiId: actor.instansiId, from, to }, 1000, before);
      events.push(...page);
      if (page.length < 1000) break;
      before = page[page.length - 1].id;
    }
    events.reverse();
    // Relation ends: their state now, or their last snapshot in the window.
    const snapshots = new Map<string, Record<string, unknown>>();
    for (const e of events) {
      if (e.entityType !== 'element') continue;
      const s = (e.after ?? e.before) as Record<string, unknown> | null;
      if (s) snapshots.set(e.entityId, s);
    }
    const relationEnds = new Set<string>();
    for (const e of events) {
      if (e.entityType !== 'relation') continue;
      const s = (e.after ?? e.before) as Record<string, unknown> | null;
      if (s) for (const k of ['sourceId', 'targetId']) if (typeof s[k] === 'string' && !snapshots.has(s[k] as string)) relationEnds.add(s[k] as string);
    }
    for (const el of await this.repos.elements.findManyByIds(this.db, [...relationEnds])) {
      if (el.instansiId === actor.instansiId) snapshots.set(el.id, presentElement(el));
    }
    const canSee = (s: Record<string, unknown>) =>
      canRead(actor, { instansiId: actor.instansiId, orgUnitId: (s.orgUnitId as string | null) ?? null, classification: String(s.classification ?? 'rahasia') });
    return buildChangeReport(events, { from, to, generatedAt: now.toISOString() }, { canSee, element: (id) => snapshots.get(id) });
  }

  async changesDocument(actor: Actor, window: { from: string; to: string }, format: DocumentFormat) {
    const report = await this.changes(actor, window);
    const instansi = await this.repos.instansi.findById(this.db, actor.instansiId);
    const orgs = new Map((await this.repos.orgUnits.list(this.db, actor.instansiId)).map((o) => [o.id, o.name]));
    const model = changeReportDocument(report, instansi?.name ?? '', (id) => (id ? (orgs.get(id) ?? '') : ''));
    const body = await render(model, format);
    return { body, report, filename: `perubahan-arsitektur-${instansi?.code ?? ''}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.${format}` };
  }
}

async function render(model: DocumentModel, format: DocumentFormat): Promise<Buffer> {
  if (format === 'docx') return (await import('../interop/document/docx.js')).renderDocx(model);
  return (await import('../interop/document/pdf.js')).renderPdf(model);
}
