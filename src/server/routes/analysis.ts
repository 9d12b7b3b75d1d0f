import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { LINT_RULES, SEVERITIES } from '../../domain/lint/index.js';
import { IMPACT_DIRECTIONS } from '../../domain/graph/impact.js';
import { TRACE_DOMAINS } from '../../domain/graph/trace.js';
import { roadmapDomains } from '../../services/roadmap.service.js';
import { attachment, XLSX_TYPE } from './attachment.js';
import { ElementBody, Label, Uuid, problemResponses } from './schemas.js';
import { expectedVersion } from './elements.js';

const Instansi = { instansi: z.string().max(100).optional().describe('instansi code, for anonymous readers') };
const RoadmapQuery = z.object({
  org: z.string().max(64).optional().describe('OPD id or code in charge'),
  domain: z.enum(roadmapDomains().map((d) => d.id) as [string, ...string[]]).optional().describe('roadmap domain'),
  ...Instansi,
});

const Summary = z.object({ id: z.string(), kind: z.string(), code: z.string().nullable(), name: z.string(), orgUnitId: z.string().nullable() }).meta({ id: 'ElementSummary' });
const Ref = Summary.extend({ domain: z.string(), lifecycle: z.string() }).meta({ id: 'ElementRef' });
const OrgRef = z.object({ id: z.string(), code: z.string(), name: z.string() }).meta({ id: 'OrgRef' });
const Severity = z.enum(SEVERITIES);
const RuleId = z.enum(LINT_RULES.map((r) => r.id) as [string, ...string[]]);

const LintRuleBody = z.object({ id: z.string(), severity: Severity, title: Label, explain: Label, enabled: z.boolean() }).meta({ id: 'LintRule' });
const LintRules = z.object({ items: z.array(LintRuleBody) });
const LintReport = z
  .object({
    findings: z.array(z.object({ rule: z.string(), severity: Severity, message: z.string(), messageEn: z.string(), elements: z.array(Summary) })),
    total: z.number().describe('findings matching the filters; `findings` holds the first `limit`'),
    truncated: z.boolean(),
    summary: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
    disabledRules: z.array(z.string()),
    checkedAt: z.string(),
  })
  .meta({ id: 'LintReport' });

const ImpactBody = z
  .object({
    root: Ref,
    direction: z.enum(IMPACT_DIRECTIONS),
    depth: z.number(),
    items: z.array(z.object({ element: Ref, distance: z.number(), path: z.array(z.string()), relation: z.string() })),
    truncated: z.boolean(),
  })
  .meta({ id: 'Impact' });

const TraceBody = z
  .object({
    root: Ref,
    nodes: z.array(Ref.extend({ distance: z.number(), side: z.enum(['root', 'related', 'upstream', 'downstream']) })),
    edges: z.array(z.object({ id: z.string(), type: z.string(), source: z.string(), target: z.string() })),
    matrix: z.array(z.object({ domain: z.enum(TRACE_DOMAINS), label: Label, elements: z.array(Ref) })),
    truncated: z.boolean(),
  })
  .meta({ id: 'Trace' });

const CoverageFigures = z.object({ key: z.string(), label: Label, total: z.number(), count: z.number(), percent: z.number().nullable() });
const CoverageBody = z.object({ lists: z.array(CoverageFigures.extend({ items: z.array(Summary) })) }).meta({ id: 'Coverage' });

const Counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);
const PortfolioFigures = z.object({
  total: z.number(),
  cells: z.array(z.number()).describe('application counts, one per entry of `areas`, same order'),
  category: Counts(['umum', 'khusus', 'unknown']),
  scope: Counts(['nasional', 'lokal', 'unknown']),
  disposition: Counts(['tolerate', 'invest', 'migrate', 'eliminate', 'unassessed']),
});
const PortfolioBody = z
  .object({
    areas: z.array(z.object({ code: z.string().nullable(), name: z.string() })),
    rows: z.array(PortfolioFigures.extend({ orgUnit: OrgRef.nullable() })),
    totals: PortfolioFigures,
    candidates: z.array(
      z.object({
        element: Summary,
        reasons: z.array(z.object({ code: z.enum(['duplicate', 'resembles-general', 'eliminate', 'migrate']), message: z.string(), messageEn: z.string(), related: z.array(Summary) })),
      }),
    ),
  })
  .meta({ id: 'Portfolio' });

const RoadmapFigures = z.object({
  initiatives: z.number(),
  byStatus: Counts(['direncanakan', 'berjalan', 'selesai', 'dibatalkan', 'unknown']),
  averageProgress: z.number().nullable(),
  budgetTotal: z.number(),
  budgetCompleted: z.number(),
});

const DashboardBody = z
  .object({
    domains: z.array(z.object({ domain: z.string(), label: Label, total: z.number(), asIs: z.number(), toBe: z.number(), retired: z.number() })),
    coverage: z.array(CoverageFigures),
    gaps: z.object({ total: z.number(), closed: z.number(), open: z.number(), percentClosed: z.number().nullable() }),
    roadmap: RoadmapFigures,
    applicationsPerOrg: z.array(z.object({ orgUnit: OrgRef.nullable(), count: z.number() })),
  })
  .meta({ id: 'Dashboard' });

const RoadmapBody = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        code: z.string().nullable(),
        name: z.string(),
        orgUnitId: z.string().nullable(),
        parentId: z.string().nullable(),
        version: z.number().nullable(),
        roadmapDomain: z.string().nullable(),
        startYear: z.number().nullable(),
        endYear: z.number().nullable(),
        budget: z.number().nullable(),
        status: z.string().nullable(),
        progress: z.number().nullable(),
        effectiveProgress: z.number(),
        program: z.string().nullable(),
        activity: z.string().nullable(),
        initialCondition: z.string().nullable(),
        targets: z.record(z.string(), z.string()),
        gaps: z.array(z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), closed: z.boolean() })),
        elements: z.array(Ref),
      }),
    ),
    domains: z.array(z.object({ id: z.string(), label: Label })),
    years: z.array(z.number()),
    summary: RoadmapFigures.extend({ budgetByYear: z.array(z.object({ year: z.number(), budget: z.number() })) }),
  })
  .meta({ id: 'Roadmap' });

const CompleteBody = z
  .object({
    initiative: ElementBody,
    promoted: z.array(Summary.extend({ lifecycle: z.string(), version: z.number() })),
  })
  .meta({ id: 'InitiativeCompleted' });

export function analysisRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    const orgId = async (actor: Parameters<typeof services.catalog.orgUnit>[0], org: string | undefined) =>
      org ? (await services.catalog.orgUnit(actor, org)).id : undefined;

    app.get(
      '/lint',
      {
        schema: {
          tags: ['analysis'],
          summary: 'Consistency check of the instansi’s architecture (what the reader may see), enabled rules only',
          querystring: z.object({
            severity: Severity.optional(),
            rule: RuleId.optional(),
            org: z.string().max(64).optional().describe('OPD id or code: findings about its elements'),
            limit: z.coerce.number().int().min(1).max(20000).default(2000),
            ...Instansi,
          }),
          response: { 200: LintReport, ...problemResponses },
        },
      },
      async (request) => {
        const { severity, rule, org, limit } = request.query;
        return services.lint.run(request.actor, { severity, rule, orgUnitId: await orgId(request.actor, org), limit });
      },
    );

    app.get(
      '/lint/rules',
      { schema: { tags: ['analysis'], summary: 'Consistency rules, explained, and whether each is on', querystring: z.object(Instansi), response: { 200: LintRules, ...problemResponses } } },
      async (request) => services.lint.rules(request.actor),
    );

    app.put(
      '/lint/rules',
      {
        schema: {
          tags: ['analysis'],
          summary: 'Switch rules off (listed) and on (all others) for the instansi (administrators)',
          body: z.strictObject({ disabled: z.array(z.string().max(100)).max(100) }),
          response: { 200: LintRules, ...problemResponses },
        },
      },
      async (request) => services.lint.setDisabled(request.actor, request.body.disabled),
    );

    app.get(
      '/elements/:id/impact',
      {
        schema: {
          tags: ['analysis'],
          summary: 'Transitive dependants or dependencies of an element, with the path linking each',
          params: z.object({ id: Uuid }),
          querystring: z.object({
            direction: z.enum(IMPACT_DIRECTIONS).default('dependants'),
            depth: z.coerce.number().int().min(1).max(10).default(3),
            limit: z.coerce.number().int().min(1).max(5000).default(1000),
            ...Instansi,
          }),
          response: { 200: ImpactBody, ...problemResponses },
        },
      },
      async (request) => {
        const { direction, depth, limit } = request.query;
        return services.analysis.impact(request.actor, request.params.id, { direction, depth, limit });
      },
    );

    app.get(
      '/elements/:id/trace',
      {
        schema: {
          tags: ['analysis'],
          summary: 'The chain across domains through an element: graph (nodes, edges) and matrix by domain',
          params: z.object({ id: Uuid }),
          querystring: z.object({
            depth: z.coerce.number().int().min(1).max(10).default(6),
            limit: z.coerce.number().int().min(1).max(2000).default(500),
            ...Instansi,
          }),
          response: { 200: TraceBody, ...problemResponses },
        },
      },
      async (request) => services.analysis.trace(request.actor, request.params.id, { depth: request.query.depth, limit: request.query.limit }),
    );

    app.get(
      '/coverage',
      {
        schema: {
          tags: ['analysis'],
          summary: 'Coverage gaps: processes without service, services without application, …',
          querystring: z.object({ limit: z.coerce.number().int().min(0).max(1000).default(100).describe('elements listed per list'), ...Instansi }),
          response: { 200: CoverageBody, ...problemResponses },
        },
      },
      async (request) => services.analysis.coverage(request.actor, request.query.limit),
    );

    app.get(
      '/portfolio',
      { schema: { tags: ['analysis'], summary: 'Application portfolio: OPD × RAL area, umum/khusus, nasional/lokal, TIME, rationalisation candidates', querystring: z.object(Instansi), response: { 200: PortfolioBody, ...problemResponses } } },
      async (request) => services.analysis.portfolio(request.actor),
    );

    app.get(
      '/dashboard',
      { schema: { tags: ['analysis'], summary: 'Executive dashboard figures', querystring: z.object(Instansi), response: { 200: DashboardBody, ...problemResponses } } },
      async (request) => services.analysis.dashboard(request.actor),
    );

    app.get(
      '/roadmap',
      {
        schema: {
          tags: ['roadmap'],
          summary: 'Peta Rencana: initiatives with years, budget, status, progress, gaps and delivered elements',
          querystring: RoadmapQuery,
          response: { 200: RoadmapBody, ...problemResponses },
        },
      },
      async (request) => services.roadmap.list(request.actor, { orgUnitId: await orgId(request.actor, request.query.org), domain: request.query.domain }),
    );

    app.get(
      '/roadmap/export',
      {
        schema: {
          tags: ['roadmap'],
          summary: 'Peta Rencana as an XLSX workbook (attachment; Indonesian labels), under the filters of GET /roadmap',
          description:
            'Sheets: Peta Rencana (one row per initiative, a column per year shaded where it runs and holding that year’s target, budget, status, progress, gaps closed, elements delivered), Anggaran per Tahun, Ringkasan.',
          querystring: RoadmapQuery,
          response: { ...problemResponses },
        },
      },
      async (request, reply) => {
        const query = { orgUnitId: await orgId(request.actor, request.query.org), domain: request.query.domain };
        const file = await services.documents.roadmap(request.actor, query, services.roadmap);
        return attachment(reply, XLSX_TYPE, file.filename).send(file.body);
      },
    );

    app.post(
      '/initiatives/:id/complete',
      {
        schema: {
          tags: ['roadmap'],
          summary: 'Mark an initiative done; with promote, its delivered to-be elements become as-is (If-Match required)',
          params: z.object({ id: Uuid }),
          headers: z.object({ 'if-match': z.string().optional() }).loose(),
          body: z.strictObject({ promote: z.boolean().optional().describe('also turn the to-be elements it delivers into as-is') }).nullish(),
          response: { 200: CompleteBody, ...problemResponses },
        },
      },
      async (request, reply) => {
        const version = expectedVersion(request.headers['if-match']);
        const result = await services.roadmap.complete(request.actor, request.params.id, version, request.body?.promote ?? false);
        reply.header('etag', `"${result.initiative.version}"`);
        return result;
      },
    );
  };
}
