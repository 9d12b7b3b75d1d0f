import { z } from 'zod';
import multipart from '@fastify/multipart';
import { multipartProblem } from '../plugins/uploads.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { Problem } from '../../services/problem.js';
import { CkanError } from '../../services/open-data.service.js';
import { CLASSIFICATIONS, LIFECYCLES, RELATION_TYPES, type RelationTypeId } from '../../domain/kind.js';
import { KINDS } from '../../domain/kinds/index.js';
import { ARCHIMATE_TO_KINDS, KIND_TO_ARCHIMATE, ORG_UNIT_TYPE, RELATION_TO_ARCHIMATE, UNMAPPED_ELEMENT_TYPES } from '../../interop/archimate/mapping.js';
import { SIA_DOMAINS } from '../../interop/sia/sia.js';
import { problemResponses } from './schemas.js';
import { attachment, XLSX_TYPE } from './attachment.js';

const IMPORT_LIMIT = 50 * 1024 * 1024;

/** The filters of GET /elements. */
const Selection = z.object({
  kind: z.string().max(500).optional(),
  domain: z.string().max(64).optional(),
  org: z.string().max(64).optional().describe('OPD id or code'),
  ref: z.string().max(100).optional().describe('MODEL or MODEL:code, e.g. RAL:01.16 (includes the codes below it)'),
  lifecycle: z.enum(LIFECYCLES).optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  q: z.string().max(200).optional(),
  sort: z.string().max(20).optional().describe('name, code or updatedAt; prefix "-" for descending'),
  instansi: z.string().max(100).optional().describe('instansi code, for anonymous readers'),
});

const Mode = z.enum(['preview', 'commit']).default('preview');

const ImportIssue = z
  .object({
    field: z.string(),
    rule: z.string(),
    message: z.string(),
    ref: z.string(),
    row: z.number().optional(),
    column: z.string().optional(),
    value: z.unknown().optional(),
  })
  .meta({ id: 'ImportIssue' });

const Counts = z.object({ create: z.number(), update: z.number(), unchanged: z.number() });

export const ImportReportBody = z
  .object({
    mode: z.enum(['preview', 'commit']),
    committed: z.boolean(),
    summary: z.object({
      orgUnits: Counts,
      elements: Counts,
      relations: Counts,
      unmapped: z.number(),
      skipped: z.number(),
      errors: z.number(),
    }),
    items: z.array(
      z
        .object({
          ref: z.string(),
          row: z.number().optional(),
          entity: z.enum(['org-unit', 'element', 'relation']),
          action: z.string(),
          id: z.string(),
          name: z.string().nullable().optional(),
          archimateType: z.string().optional(),
          mapsTo: z.string().optional(),
          mappedBy: z.string().optional(),
        })
        .loose(),
    ),
    unmapped: z.array(z.object({ ref: z.string(), name: z.string().nullable(), archimateType: z.string().nullable(), reason: z.string() })),
    skipped: z.array(z.object({ ref: z.string(), row: z.number().optional(), reason: z.string() })),
    errors: z.array(ImportIssue),
  })
  .meta({ id: 'ImportReport' });

const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const ElementChange = z.object({
  id: z.string(),
  kind: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  orgUnitId: z.string().nullable(),
  at: z.string(),
  by: z.string().nullable(),
  fields: z.array(FieldChange).optional(),
});
const End = z.object({ id: z.string(), name: z.string(), kind: z.string().nullable() });
const RelationChange = z.object({ id: z.string(), type: z.string(), source: End, target: End, at: z.string(), by: z.string().nullable(), fields: z.array(FieldChange).optional() });
const Trio = z.object({ added: z.number(), changed: z.number(), removed: z.number() });
export const ChangeReportBody = z
  .object({
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    summary: z.object({ elements: Trio, relations: Trio }),
    elements: z.object({ added: z.array(ElementChange), changed: z.array(ElementChange), removed: z.array(ElementChange) }),
    relations: z.object({ added: z.array(RelationChange), changed: z.array(RelationChange), removed: z.array(RelationChange) }),
  })
  .meta({ id: 'ChangeReport' });

/** The uploaded file: the raw body, or the first file of a multipart form. */
async function uploaded(request: FastifyRequest): Promise<{ body: Buffer; type: string; filename?: string }> {
  if (request.isMultipart()) {
    try {
      const file = await request.file({ limits: { fileSize: IMPORT_LIMIT } });
      if (!file) throw Problem.validation([{ field: 'body', rule: 'required', message: 'Send the file as the body or as a multipart field.' }]);
      return { body: await file.toBuffer(), type: file.mimetype, filename: file.filename };
    } catch (e) {
      throw multipartProblem(request.server as never, e);
    }
  }
  const body = request.body;
  if (body === undefined || body === null || (typeof body === 'string' && !body.length) || (Buffer.isBuffer(body) && !body.length)) {
    throw Problem.validation([{ field: 'body', rule: 'required', message: 'Send the file as the request body.' }]);
  }
  return { body: Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8'), type: String(request.headers['content-type'] ?? '') };
}

export function interopRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    // Raw bodies for the exchange formats, in this plugin only.
    app.addContentTypeParser(['application/xml', 'text/xml', 'text/csv', XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    await app.register(multipart, { limits: { fileSize: IMPORT_LIMIT, files: 1 } });

    app.get(
      '/exchange/archimate-mapping',
      {
        schema: {
          tags: ['exchange'],
          summary: 'How kinds and relation types map to ArchiMate 3.1 (the tables of docs/interop.md)',
          response: {
            200: z.object({
              kinds: z.array(z.object({ kind: z.string(), label: z.string(), archimateType: z.string(), defaultForType: z.boolean() })),
              relations: z.array(z.object({ type: z.string(), label: z.string(), archimateTypes: z.array(z.string()), reversed: z.boolean(), accessType: z.string().nullable() })),
              orgUnitType: z.string(),
              unmappedElementTypes: z.array(z.string()),
            }),
          },
        },
      },
      async () => ({
        kinds: KINDS.map((k) => ({ kind: k.id, label: k.label.id, archimateType: KIND_TO_ARCHIMATE[k.id], defaultForType: ARCHIMATE_TO_KINDS[KIND_TO_ARCHIMATE[k.id]]?.[0] === k.id })),
        relations: (Object.keys(RELATION_TYPES) as RelationTypeId[]).map((t) => ({
          type: t,
          label: RELATION_TYPES[t].id,
          archimateTypes: [...RELATION_TO_ARCHIMATE[t].types, 'Association'].filter((x, i, a) => a.indexOf(x) === i),
          reversed: !!RELATION_TO_ARCHIMATE[t].reversed,
          accessType: RELATION_TO_ARCHIMATE[t].accessType ?? null,
        })),
        orgUnitType: ORG_UNIT_TYPE,
        unmappedElementTypes: UNMAPPED_ELEMENT_TYPES,
      }),
    );

    app.get(
      '/export/archimate',
      {
        schema: {
          tags: ['exchange'],
          summary: 'The repository (or the part the filters select) as an ArchiMate 3.1 model exchange file',
          description: 'Same filters as GET /elements. Only what the caller may read is exported. Kinds, relation types and attributes travel as properties (see docs/interop.md).',
          querystring: Selection,
          response: problemResponses,
        },
      },
      async (request, reply) => {
        const { instansi, ...sel } = request.query;
        const { xml, filename } = await services.interop.exportArchimate(request.actor, sel);
        return attachment(reply, 'application/xml; charset=utf-8', filename).send(xml);
      },
    );

    app.post(
      '/import/archimate',
      {
        bodyLimit: IMPORT_LIMIT,
        schema: {
          tags: ['exchange'],
          summary: 'Import an ArchiMate 3.x model exchange file: preview what maps to what, or commit all of it',
          description: 'Body: the XML (application/xml) or a multipart form with one file. mode=preview reports; mode=commit writes everything or nothing (422 with the errors).',
          querystring: z.object({ mode: Mode }),
          response: { 200: ImportReportBody, ...problemResponses },
        },
      },
      async (request) => {
        const file = await uploaded(request);
        return services.interop.importArchimate(request.actor, file.body.toString('utf8'), request.query.mode);
      },
    );

    app.get(
      '/templates/:kind',
      {
        schema: {
          tags: ['exchange'],
          summary: 'An import template for one kind (Indonesian headers, field codes, drop-down lists)',
          params: z.object({ kind: z.string().max(64) }),
          querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), instansi: z.string().max(100).optional() }),
          response: problemResponses,
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const t = await services.interop.template(request.actor, request.params.kind, format);
        return attachment(reply, format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8', t.filename).send(t.body);
      },
    );

    app.get(
      '/export/elements',
      {
        schema: {
          tags: ['exchange'],
          summary: 'A list of elements as XLSX or CSV in the template layout (same filters as GET /elements)',
          querystring: Selection.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
          response: problemResponses,
        },
      },
      async (request, reply) => {
        const { format, instansi, ...sel } = request.query;
        const t = await services.interop.exportSheet(request.actor, sel, format);
        return attachment(reply, format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8', t.filename).send(t.body);
      },
    );

    app.post(
      '/import/spreadsheet',
      {
        bodyLimit: IMPORT_LIMIT,
        schema: {
          tags: ['exchange'],
          summary: 'Import elements from XLSX or CSV: a row-by-row report, and nothing written if any row fails',
          description:
            'Body: the file (XLSX or text/csv) or a multipart form. Rows upsert by ID, else by (kind, code, OPD). kind= names the kind when the sheet has no Jenis column.',
          querystring: z.object({ mode: Mode, kind: z.string().max(64).optional(), format: z.enum(['xlsx', 'csv']).optional() }),
          response: { 200: ImportReportBody, ...problemResponses },
        },
      },
      async (request) => {
        const file = await uploaded(request);
        const format =
          request.query.format ??
          (file.type.includes('csv') || file.filename?.toLowerCase().endsWith('.csv')
            ? 'csv'
            : file.body.subarray(0, 2).toString('latin1') === 'PK'
              ? 'xlsx'
              : 'csv');
        return services.interop.importSheet(request.actor, { body: file.body, format, kind: request.query.kind }, request.query.mode);
      },
    );

    app.get(
      '/export/sia-spbe/:domain',
      {
        schema: {
          tags: ['exchange'],
          summary: 'SIA-SPBE workbook of one domain: a sheet per national object type with the national field set',
          params: z.object({ domain: z.enum(SIA_DOMAINS) }),
          response: problemResponses,
        },
      },
      async (request, reply) => {
        const t = await services.interop.exportSia(request.actor, request.params.domain);
        return attachment(reply, XLSX_TYPE, t.filename).send(t.body);
      },
    );

    const DocumentQuery = z.object({
      format: z.enum(['docx', 'pdf']).default('pdf'),
      version: z.string().max(40).optional().describe('document version printed on the cover, default 1.0'),
      period: z.string().max(40).optional().describe('period on the cover, e.g. "2025 – 2030"'),
      framework: z.string().max(64).optional().describe('evaluation framework of Tabel 3.2/3.3 (default: that of the latest assessment)'),
    });

    app.get(
      '/documents/architecture',
      {
        schema: {
          tags: ['documents'],
          summary: 'The architecture document (BAB I–VI) rebuilt from the repository, as DOCX or PDF',
          description: 'Tables 3.2, 3.3, 4.1–4.14 and 5.1–5.16 and the radar chart of the evaluation are rebuilt from data, dated and versioned. Needs a logged-in user; shows what that user may read.',
          querystring: DocumentQuery,
          response: problemResponses,
        },
      },
      async (request, reply) => {
        const { format, ...opts } = request.query;
        const doc = await services.documents.architecture(request.actor, format, services.evaluation, opts);
        return attachment(reply, format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', doc.filename).send(doc.body);
      },
    );

    const DateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
    app.get(
      '/documents/changes',
      {
        schema: {
          tags: ['documents'],
          summary: 'Elements and relations added, changed and removed between two dates (from the audit trail), as JSON, DOCX or PDF',
          querystring: z.object({ from: DateOrTime, to: DateOrTime, format: z.enum(['json', 'docx', 'pdf']).default('json') }),
          response: { 200: ChangeReportBody, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { from, to, format } = request.query;
        if (format === 'json') return services.documents.changes(request.actor, { from, to });
        const doc = await services.documents.changesDocument(request.actor, { from, to }, format);
        return attachment(reply, format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', doc.filename).send(doc.body as never);
      },
    );
  };
}

// ---------------------------------------------------------------- Satu Data: CKAN Action API and DCAT

const CKAN_ACTIONS: Record<string, string> = {
  package_list: 'Return a list of the names of the site’s datasets (packages). Parameters: limit (int), offset (int).',
  package_show: 'Return the metadata of a dataset (package) and its resources. Parameters: id (string) — the id or name of the dataset.',
  package_search:
    'Searches for packages satisfying a given search criteria. Parameters: q (string), fq (string), rows (int, default 10, at most 1000), start (int), sort (string, e.g. "metadata_modified desc"), facet.field (JSON list), facet.limit (int).',
  organization_list: 'Return a list of the names of the site’s organizations. Parameters: all_fields (bool), sort (string, "name asc" or "package_count desc"), limit (int), offset (int), include_dataset_count (bool).',
  organization_show: 'Return the details of an organization. Parameters: id (string) — the id or name of the organization; include_datasets (bool).',
  help_show: 'Return the help string for a particular API action. Parameters: name (string).',
  status_show: 'Return a dictionary with information about the site’s configuration.',
};

function ckanBase(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function ckanParams(request: FastifyRequest): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body && typeof request.body === 'object' && !Buffer.isBuffer(request.body) ? (request.body as Record<string, unknown>) : {};
  return { ...query, ...body };
}

function intParam(p: Record<string, unknown>, name: string, fallback?: number): number | undefined {
  const v = p[name];
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CkanError('Validation Error', 409, `Invalid integer: ${name}`, { [name]: ['Invalid integer'] });
  return n;
}

function boolParam(p: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const v = p[name];
  if (v === undefined || v === '') return fallback;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw new CkanError('Validation Error', 409, `Invalid boolean: ${name}`, { [name]: ['Not a boolean'] });
}

function requiredParam(p: Record<string, unknown>, name: string): string {
  const v = p[name];
  if (v === undefined || v === null || String(v) === '') throw new CkanError('Validation Error', 409, `Missing value: ${name}`, { [name]: ['Missing value'] });
  return String(v);
}

function listParam(p: Record<string, unknown>, name: string): string[] | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  try {
    const parsed = JSON.parse(String(v)) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // not JSON
  }
  throw new CkanError('Validation Error', 409, `${name} must be a JSON list`, { [name]: ['Not a list'] });
}

/**
 * Satu Data publication, outside /api/v1: a CKAN-compatible Action API
 * (/api/3/action/…) and a DCAT catalogue (/catalog.jsonld). Answers are what
 * an anonymous visitor may see, whoever asks.
 */
export function openDataRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.setErrorHandler((error: unknown, request, reply) => {
      const help = `${ckanBase(request)}/api/3/action/help_show?name=${(request.params as { action?: string })?.action ?? ''}`;
      if (error instanceof CkanError) {
        return reply
          .status(error.status)
          .header('content-type', 'application/json; charset=utf-8')
          .send(JSON.stringify({ help, success: false, error: { __type: error.type, message: error.message, ...error.fields } }));
      }
      const status = error instanceof Problem ? error.status : (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) request.log.error({ err: error }, 'CKAN action failed');
      const type = status === 404 ? 'Not Found Error' : status === 403 || status === 401 ? 'Authorization Error' : status >= 500 ? 'Internal Server Error' : 'Bad Request';
      return reply
        .status(status)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ help, success: false, error: { __type: type, message: status >= 500 ? 'Internal server error' : error instanceof Error ? error.message : String(error) } }));
    });

    const handler = async (request: FastifyRequest<{ Params: { action: string } }>, reply: FastifyReply) => {
      const { action } = request.params;
      const base = ckanBase(request);
      const help = `${base}/api/3/action/help_show?name=${action}`;
      if (!(action in CKAN_ACTIONS)) throw new CkanError('Bad Request', 400, `Bad request - Action name not known: ${action}`);
      const p = ckanParams(request);
      const inst = request.actor.instansiId;
      const od = services.openData;
      let result: unknown;
      switch (action) {
        case 'package_list':
          result = await od.packageList(inst, intParam(p, 'limit'), intParam(p, 'offset', 0));
          break;
        case 'package_show':
          result = await od.packageShow(inst, requiredParam(p, 'id'));
          break;
        case 'package_search': {
          const rows = intParam(p, 'rows', 10)!;
          if (rows > 1000) throw new CkanError('Validation Error', 409, 'rows must be at most 1000', { rows: ['Must be less than or equal to 1000'] });
          result = await od.packageSearch(inst, {
            q: p.q === undefined ? undefined : String(p.q),
            fq: p.fq === undefined ? undefined : String(p.fq),
            rows,
            start: intParam(p, 'start', 0),
            sort: p.sort === undefined ? undefined : String(p.sort),
            facetFields: listParam(p, 'facet.field'),
            facetLimit: intParam(p, 'facet.limit', 50),
          });
          break;
        }
        case 'organization_list':
          result = await od.organizationList(inst, {
            allFields: boolParam(p, 'all_fields', false),
            sort: p.sort === undefined ? undefined : String(p.sort),
            limit: intParam(p, 'limit'),
            offset: intParam(p, 'offset', 0),
            includeDatasetCount: boolParam(p, 'include_dataset_count', true),
          });
          break;
        case 'organization_show':
          result = await od.organizationShow(inst, requiredParam(p, 'id'), boolParam(p, 'include_datasets', false));
          break;
        case 'help_show': {
          const name = requiredParam(p, 'name');
          if (!(name in CKAN_ACTIONS)) throw new CkanError('Not Found Error', 404, `Action function not found: ${name}`);
          result = CKAN_ACTIONS[name];
          break;
        }
        case 'status_show': {
          const i = await services.interop.instansiOf(request.actor);
          result = { site_title: `Satu Data ${i.name}`, site_description: 'Katalog data terbuka dari Atlas SPBE', site_url: base, ckan_version: '2.10.0', error_emails_to: null, locale_default: 'id', extensions: [] };
          break;
        }
      }
      return reply.header('content-type', 'application/json; charset=utf-8').header('access-control-allow-origin', '*').send(JSON.stringify({ help, success: true, result }));
    };

    for (const prefix of ['/api/3/action', '/api/action']) {
      app.route({
        method: ['GET', 'POST'],
        url: `${prefix}/:action`,
        schema: {
          tags: ['open-data'],
          summary: 'CKAN-compatible Action API (package_list, package_show, package_search, organization_list, organization_show, help_show, status_show)',
          hide: prefix !== '/api/3/action',
        },
        handler,
      });
    }

    app.get('/catalog.jsonld', { schema: { tags: ['open-data'], summary: 'The open data sets as a DCAT catalogue (JSON-LD)' } }, async (request, reply) => {
      const catalog = await services.openData.dcat(request.actor.instansiId, ckanBase(request));
      return reply.header('content-type', 'application/ld+json; charset=utf-8').header('access-control-allow-origin', '*').send(JSON.stringify(catalog));
    });
  };
}
