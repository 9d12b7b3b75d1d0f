import { createReadStream } from 'node:fs';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import { multipartProblem } from '../plugins/uploads.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { Problem } from '../../services/problem.js';
import { ASSESSMENT_STATUSES } from '../../domain/evaluation/policy.js';
import { ASSESSMENT_EXPORT_FORMATS } from '../../interop/assessment-export.js';
import { Uuid, problemResponses } from './schemas.js';
import { attachment, XLSX_TYPE } from './attachment.js';

const responses = { ...problemResponses, 410: problemResponses[404], 413: problemResponses[404], 415: problemResponses[404] };

const Num = z.number();
const NumOrNull = z.number().nullable();
const Predicate = z.object({ name: z.string(), alias: z.string().nullable() }).nullable();

const FrameworkSummary = z
  .object({
    id: z.string(),
    type: z.enum(['framework', 'crosswalk']),
    version: z.number().int(),
    name: z.string(),
    scope: z.enum(['national', 'instansi']),
    latest: z.boolean(),
    sha256: z.string(),
    createdAt: z.string(),
    regulation: z.string().nullable().optional(),
    validFrom: z.number().nullable().optional(),
    validTo: z.number().nullable().optional(),
    rule: z.string().optional(),
    domains: z.number().optional(),
    aspects: z.number().optional(),
    indicators: z.number().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    estimate: z.boolean().optional(),
  })
  .meta({ id: 'FrameworkSummary' });

const Group = {
  code: z.string(),
  name: z.string(),
  weight: Num,
  value: NumOrNull.describe('full precision'),
  rounded: NumOrNull.describe('half-up, two decimals'),
  assessed: z.number().int(),
  total: z.number().int(),
};

const EvidenceBody = z
  .object({
    id: z.string(),
    linkId: z.string(),
    name: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    elementId: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable().optional(),
    indicatorNo: z.number().int().optional(),
    url: z.string(),
  })
  .meta({ id: 'Evidence' });

const Mismatch = z.object({ level: z.enum(['index', 'domain', 'aspect']), code: z.string().nullable(), published: Num, computed: NumOrNull });

const AssessmentBody = z
  .object({
    id: z.string(),
    framework: z.string(),
    frameworkVersion: z.number().int(),
    frameworkName: z.string(),
    year: z.number().int(),
    status: z.enum(ASSESSMENT_STATUSES),
    index: NumOrNull,
    indexRounded: NumOrNull,
    predicate: Predicate,
    complete: z.boolean(),
    assessed: z.number().int(),
    total: z.number().int(),
    domains: z.array(z.object(Group)),
    aspects: z.array(z.object({ ...Group, domainCode: z.string().nullable() })),
    indicators: z.array(
      z.object({
        no: z.number().int(),
        name: z.string(),
        weight: Num,
        domainCode: z.string().nullable(),
        aspectCode: z.string(),
        level: NumOrNull,
        levelName: z.string().nullable(),
        selfLevel: NumOrNull,
        verifiedLevel: NumOrNull,
        note: z.string().nullable(),
        verificationNote: z.string().nullable(),
        updatedAt: z.string().nullable(),
        updatedBy: z.string().nullable(),
        evidence: z.array(EvidenceBody),
      }),
    ),
    published: z
      .object({ source: z.string(), index: NumOrNull, domains: z.record(z.string(), Num), aspects: z.record(z.string(), Num), predicate: z.string().nullable().optional() })
      .nullable(),
    consistency: z.array(Mismatch).nullable().describe('published values the computation does not reproduce; [] when all match; null without published values'),
    provenance: z.string().nullable(),
    editStage: z.enum(['self', 'verification']).nullable().describe('what a PUT on an indicator writes for this user now; null: cannot edit'),
    allowedTransitions: z.array(z.enum(ASSESSMENT_STATUSES)),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Assessment' });

const AssessmentSummary = z.object({
  id: z.string(),
  framework: z.string(),
  frameworkVersion: z.number().int(),
  frameworkName: z.string(),
  year: z.number().int(),
  status: z.string(),
  index: NumOrNull,
  indexRounded: NumOrNull,
  predicate: Predicate,
  complete: z.boolean(),
  assessed: z.number().int(),
  total: z.number().int(),
  updatedAt: z.string(),
});

const Requirement = z.object({ level: z.number().int(), name: z.string(), criteria: z.string().nullable() });
const PlanBody = z
  .object({
    assessmentId: z.string(),
    framework: z.string(),
    frameworkVersion: z.number().int(),
    year: z.number().int(),
    targetIndex: Num,
    maxRaisePerIndicator: z.number().int(),
    feasible: z.boolean(),
    alreadyReached: z.boolean(),
    steps: z.number().int(),
    currentIndex: Num,
    currentRounded: Num,
    currentPredicate: Predicate,
    resultIndex: Num,
    resultRounded: Num,
    resultPredicate: Predicate,
    maxReachableIndex: Num,
    maxReachableRounded: Num,
    unassessed: z.array(z.number().int()),
    raises: z.array(
      z.object({
        no: z.number().int(),
        name: z.string(),
        domainCode: z.string().nullable(),
        aspectCode: z.string(),
        weight: Num,
        from: NumOrNull,
        to: z.number().int(),
        steps: z.number().int(),
        indexGain: Num,
        asks: z.array(Requirement),
        initiatives: z.array(
          z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), status: z.string().nullable(), startYear: NumOrNull, endYear: NumOrNull }),
        ),
      }),
    ),
    initiativeLink: z.object({ kind: z.string(), attribute: z.string(), format: z.string() }),
    method: z.string(),
  })
  .meta({ id: 'Plan' });

const CrosswalkBody = z
  .object({
    estimate: z.literal(true),
    notice: z.string(),
    assessmentId: z.string(),
    year: z.number().int(),
    from: z.object({ framework: z.string(), version: z.number().int(), name: z.string() }),
    to: z.object({ framework: z.string(), version: z.number().int(), name: z.string() }),
    crosswalk: z.object({ id: z.string(), version: z.number().int(), method: z.string() }),
    coverage: Num.describe('share of the new framework weight that has an estimate, 0–1'),
    index: NumOrNull,
    indexRounded: NumOrNull,
    predicate: Predicate,
    aspects: z.array(z.object(Group)),
    indicators: z.array(
      z.object({
        no: z.number().int(),
        name: z.string(),
        weight: Num,
        aspectCode: z.string(),
        level: NumOrNull,
        rounded: NumOrNull,
        strength: z.enum(['strong', 'partial', 'weak', 'none']),
        note: z.string().nullable(),
        sources: z.array(z.object({ no: z.number().int(), name: z.string(), level: NumOrNull })),
      }),
    ),
  })
  .meta({ id: 'CrosswalkEstimate' });

const IdParams = z.object({ id: Uuid });
const IndicatorParams = z.object({ id: Uuid, no: z.coerce.number().int().min(1).max(9999) });
const Year = z.number().int().min(2000).max(2100);

export function evaluationRoutes(services: Services): FastifyPluginAsyncZod {
  const evaluation = services.evaluation;
  return async (app) => {
    await app.register(multipart, {
      limits: { fileSize: evaluation.maxEvidenceBytes, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 100 },
    });

    app.get(
      '/frameworks',
      { schema: { tags: ['evaluation'], summary: 'Evaluation frameworks and crosswalks, every version', response: { 200: z.object({ items: z.array(FrameworkSummary) }), ...responses } } },
      async (request) => evaluation.listFrameworks(request.actor),
    );

    app.get(
      '/frameworks/:id',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'One framework or crosswalk with its full definition (newest version unless ?version=)',
          params: z.object({ id: z.string().min(1).max(64) }),
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          response: { 200: FrameworkSummary.extend({ definition: z.unknown() }), ...responses },
        },
      },
      async (request) => evaluation.getFramework(request.actor, request.params.id, request.query.version),
    );

    app.post(
      '/frameworks',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Load a corrected or newer framework or crosswalk file (admin); a bad file is rejected with every reason',
          body: z.record(z.string(), z.unknown()),
          response: { 201: FrameworkSummary, ...responses },
        },
      },
      async (request, reply) => reply.status(201).send(await evaluation.loadFramework(request.actor, request.body)),
    );

    app.get(
      '/assessments',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Assessments of the instansi, newest year first',
          querystring: z.object({ framework: z.string().max(64).optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: z.object({ items: z.array(AssessmentSummary) }), ...responses },
        },
      },
      async (request) => evaluation.list(request.actor, request.query),
    );

    app.post(
      '/assessments',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Start an assessment (draft) with the newest version of a framework',
          body: z.strictObject({ framework: z.string().min(1).max(64), year: Year }),
          response: { 201: AssessmentBody, ...responses },
        },
      },
      async (request, reply) => {
        const a = await evaluation.create(request.actor, request.body);
        reply.header('location', `/api/v1/assessments/${a.id}`);
        return reply.status(201).send(a);
      },
    );

    app.get(
      '/assessments/:id',
      { schema: { tags: ['evaluation'], summary: 'One assessment with computed values', params: IdParams, response: { 200: AssessmentBody, ...responses } } },
      async (request) => evaluation.get(request.actor, request.params.id),
    );

    app.get(
      '/assessments/:id/export',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'The assessment as an XLSX workbook or a PDF report (attachment; Indonesian labels)',
          description:
            'Instansi, framework, year, status, index (two decimals, half-up; the workbook also has full precision), predicate, domains and aspects, and every indicator with its levels, note and evidence file names. Readable by whoever may read the assessment.',
          params: IdParams,
          querystring: z.object({ format: z.enum(ASSESSMENT_EXPORT_FORMATS).default('xlsx') }),
          response: { ...responses },
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const file = await services.documents.assessment(request.actor, request.params.id, format, evaluation);
        return attachment(reply, format === 'xlsx' ? XLSX_TYPE : 'application/pdf', file.filename).send(file.body);
      },
    );

    app.put(
      '/assessments/:id/indicators/:no',
      {
        schema: {
          tags: ['evaluation'],
          summary: "Set an indicator's level and note (draft: self-assessment; submitted: verification)",
          params: IndicatorParams,
          body: z.strictObject({ level: z.number().int().nullable(), note: z.string().max(20000).nullable().optional() }),
          response: { 200: AssessmentBody, ...responses },
        },
      },
      async (request) => evaluation.setIndicator(request.actor, request.params.id, request.params.no, request.body),
    );

    app.post(
      '/assessments/:id/transition',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Move an assessment: draft → submitted → verified → final (submitted → draft returns it)',
          params: IdParams,
          body: z.strictObject({ to: z.enum(ASSESSMENT_STATUSES) }),
          response: { 200: AssessmentBody, ...responses },
        },
      },
      async (request) => evaluation.transition(request.actor, request.params.id, request.body.to),
    );

    app.get(
      '/assessments/:id/history',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Audit trail of the assessment, newest first',
          params: IdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: z.string(), at: z.string(), userId: z.string().nullable(), username: z.string().nullable(), action: z.string(), entityType: z.string(), entityId: z.string(), before: z.unknown(), after: z.unknown() }),
              ),
            }),
            ...responses,
          },
        },
      },
      async (request) => evaluation.history(request.actor, request.params.id),
    );

    app.post(
      '/assessments/:id/plan',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'The smallest set of level raises that reaches a target index (exact)',
          params: IdParams,
          body: z.strictObject({
            targetIndex: z.number().min(0).max(10),
            maxRaisePerIndicator: z.number().int().min(1).max(10).optional(),
            maxLevel: z.number().int().min(0).max(10).optional(),
            maxLevels: z.record(z.string().regex(/^\d+$/), z.number().int().min(0).max(10)).optional(),
          }),
          response: { 200: PlanBody, ...responses },
        },
      },
      async (request) => evaluation.plan(request.actor, request.params.id, request.body),
    );

    app.get(
      '/assessments/:id/crosswalk',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'ESTIMATE of the assessment in the structure of a newer framework, via a crosswalk',
          params: IdParams,
          querystring: z.object({ crosswalk: z.string().max(64).optional() }),
          response: { 200: CrosswalkBody, ...responses },
        },
      },
      async (request) => evaluation.crosswalk(request.actor, request.params.id, request.query.crosswalk),
    );

    app.post(
      '/assessments/:id/indicators/:no/evidence',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Upload an evidence file (multipart field "file"; optional field or query "elementId")',
          params: IndicatorParams,
          querystring: z.object({ elementId: z.string().max(64).optional() }),
          response: { 200: EvidenceBody, 201: EvidenceBody, ...responses },
        },
      },
      async (request, reply) => {
        const { id, no } = request.params;
        // refuse before reading the body: nothing of a refused user is ever stored
        await evaluation.checkCanAttach(request.actor, id, no);
        if (!request.isMultipart()) throw new Problem(415, 'Unsupported media type', 'Send the file as multipart/form-data in the field "file".');
        let part;
        try {
          part = await request.file();
        } catch (e) {
          throw multipartProblem(app, e);
        }
        if (!part || part.fieldname !== 'file') throw Problem.validation([{ field: 'file', rule: 'required', message: 'Send the file in the multipart field "file".' }]);
        let data: Buffer;
        try {
          data = await part.toBuffer();
        } catch (e) {
          throw multipartProblem(app, e);
        }
        if (part.file.truncated) throw tooLarge(evaluation.maxEvidenceBytes);
        const field = part.fields.elementId as { value?: unknown } | undefined;
        const elementId = request.query.elementId ?? (typeof field?.value === 'string' ? field.value : undefined);
        const result = await evaluation.attachEvidence(request.actor, id, no, { data, filename: part.filename, elementId });
        return reply.status(result.created ? 201 : 200).send(result.evidence);
      },
    );

    app.delete(
      '/assessments/:id/indicators/:no/evidence/:evidenceId',
      {
        schema: {
          tags: ['evaluation'],
          summary: 'Unlink an evidence file from an indicator (the stored file stays for other links)',
          params: IndicatorParams.extend({ evidenceId: Uuid }),
          response: { 204: z.null(), ...responses },
        },
      },
      async (request, reply) => {
        await evaluation.detachEvidence(request.actor, request.params.id, request.params.no, request.params.evidenceId);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/evidence/:id',
      { schema: { tags: ['evaluation'], summary: 'Download an evidence file (attachment, stored media type)', params: IdParams, response: { ...responses } } },
      async (request, reply) => {
        const { evidence, path, contentDisposition } = await evaluation.openEvidence(request.actor, request.params.id);
        reply
          .header('content-type', evidence.mediaType)
          .header('content-disposition', contentDisposition)
          .header('content-length', String(evidence.size))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox");
        // a stream is sent as is: the response schemas only describe the problem answers
        return reply.send(createReadStream(path) as never);
      },
    );
  };
}

function tooLarge(max: number): Problem {
  return new Problem(413, 'Payload too large', `Evidence files are at most ${max} bytes.`);
}

