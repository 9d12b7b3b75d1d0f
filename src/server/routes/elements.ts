import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { presentElement } from '../../services/element.service.js';
import { Problem } from '../../services/problem.js';
import { CLASSIFICATIONS, LIFECYCLES } from '../../domain/kind.js';
import { ElementBody, ElementCreateBody, ElementPatchBody, Limit, RelationBody, Uuid, problemResponses } from './schemas.js';
import { ChangeRequestBody } from './change-requests.js';

const ListQuery = z.object({
  kind: z.string().max(500).optional(),
  domain: z.string().max(64).optional(),
  org: z.string().max(64).optional(),
  ref: z.string().max(100).optional().describe('MODEL or MODEL:code, e.g. RAL:01.16 (includes the codes below it)'),
  lifecycle: z.enum(LIFECYCLES).optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  q: z.string().max(200).optional(),
  limit: Limit,
  cursor: z.string().max(1000).optional(),
  sort: z.string().max(20).optional().describe('name, code or updatedAt; prefix "-" for descending'),
  instansi: z.string().max(100).optional().describe('instansi code, for anonymous readers'),
});

/** If-Match carries the version the client read: `"3"`, `3` or `W/"3"`. */
export function expectedVersion(header: string | undefined): number {
  if (!header) throw new Problem(428, 'Precondition required', 'Send If-Match with the version you read (the ETag).');
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) throw Problem.validation([{ field: 'header.if-match', rule: 'format', message: 'If-Match must be the ETag you read, e.g. "3".' }]);
  return Number(m[1]);
}

export function elementRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/elements',
      {
        schema: {
          tags: ['elements'],
          summary: 'List elements',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(ElementBody), nextCursor: z.string().nullable(), total: z.number() }), ...problemResponses },
        },
      },
      async (request) => {
        const { kind, domain, org, ref, lifecycle, classification, q, limit, cursor, sort } = request.query;
        const orgUnitId = org ? (await services.catalog.orgUnit(request.actor, org)).id : undefined;
        let refFilter: { model: string; code: string | null } | undefined;
        if (ref) {
          const [model, code] = ref.split(':');
          refFilter = { model, code: code || null };
        }
        return services.elements.list(request.actor, { kind, domain, orgUnitId, ref: refFilter, lifecycle, classification, q, limit, cursor, sort });
      },
    );

    app.post(
      '/elements',
      {
        schema: {
          tags: ['elements'],
          summary: 'Create an element (202 with a change request when the operator’s changes need review)',
          body: ElementCreateBody,
          response: { 201: ElementBody, 202: ChangeRequestBody, ...problemResponses },
        },
      },
      async (request, reply) => {
        if (await services.changeRequests.mustPropose(request.actor)) {
          return reply.status(202).send(await services.changeRequests.propose(request.actor, { action: 'create', payload: request.body }, true));
        }
        const element = await services.elements.create(request.actor, request.body);
        reply.header('etag', `"${element.version}"`).header('location', `/api/v1/elements/${element.id}`);
        return reply.status(201).send(presentElement(element));
      },
    );

    app.get(
      '/elements/:id',
      { schema: { tags: ['elements'], summary: 'Read an element', params: z.object({ id: Uuid }), response: { 200: ElementBody, ...problemResponses } } },
      async (request, reply) => {
        const element = await services.elements.get(request.actor, request.params.id);
        reply.header('etag', `"${element.version}"`);
        return presentElement(element);
      },
    );

    app.patch(
      '/elements/:id',
      {
        schema: {
          tags: ['elements'],
          summary: 'Change an element (If-Match required)',
          params: z.object({ id: Uuid }),
          headers: z.object({ 'if-match': z.string().optional() }).loose(),
          body: ElementPatchBody,
          response: { 200: ElementBody, 202: ChangeRequestBody, ...problemResponses },
        },
      },
      async (request, reply) => {
        const version = expectedVersion(request.headers['if-match']);
        const { id, version: _v, createdAt, updatedAt, createdBy, updatedBy, ...patch } = request.body;
        if (await services.changeRequests.mustPropose(request.actor)) {
          const proposal = { action: 'update' as const, elementId: request.params.id, baseVersion: version, payload: patch };
          return reply.status(202).send(await services.changeRequests.propose(request.actor, proposal, true));
        }
        const element = await services.elements.update(request.actor, request.params.id, patch, version);
        reply.header('etag', `"${element.version}"`);
        return presentElement(element);
      },
    );

    app.delete(
      '/elements/:id',
      {
        schema: {
          tags: ['elements'],
          summary: 'Delete an element and its relations (If-Match required)',
          params: z.object({ id: Uuid }),
          headers: z.object({ 'if-match': z.string().optional() }).loose(),
          response: { 204: z.null(), 202: ChangeRequestBody, ...problemResponses },
        },
      },
      async (request, reply) => {
        if (await services.changeRequests.mustPropose(request.actor)) {
          const proposal = { action: 'delete' as const, elementId: request.params.id, baseVersion: expectedVersion(request.headers['if-match']) };
          return reply.status(202).send(await services.changeRequests.propose(request.actor, proposal, true));
        }
        await services.elements.delete(request.actor, request.params.id, expectedVersion(request.headers['if-match']));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/elements/:id/relations',
      {
        schema: {
          tags: ['relations'],
          summary: 'Incoming and outgoing relations of an element',
          params: z.object({ id: Uuid }),
          response: { 200: z.object({ outgoing: z.array(RelationBody), incoming: z.array(RelationBody) }), ...problemResponses },
        },
      },
      async (request) => {
        await services.elements.get(request.actor, request.params.id);
        return services.relations.ofElement(request.actor, request.params.id);
      },
    );
  };
}
