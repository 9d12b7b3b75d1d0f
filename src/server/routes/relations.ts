import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { Limit, RelationBody, Uuid, problemResponses } from './schemas.js';

export function relationRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/relations',
      {
        schema: {
          tags: ['relations'],
          summary: 'List relations',
          querystring: z.object({
            source: z.string().max(64).optional(),
            target: z.string().max(64).optional(),
            type: z.string().max(64).optional(),
            limit: Limit,
            cursor: z.string().max(64).optional(),
            instansi: z.string().max(100).optional(),
          }),
          response: { 200: z.object({ items: z.array(RelationBody), nextCursor: z.string().nullable(), total: z.number() }), ...problemResponses },
        },
      },
      async (request) => {
        const { source, target, type, limit, cursor } = request.query;
        return services.relations.list(request.actor, { sourceId: source, targetId: target, type }, limit, cursor);
      },
    );

    app.post(
      '/relations',
      {
        schema: {
          tags: ['relations'],
          summary: 'Create a relation',
          body: z.strictObject({
            type: z.string().min(1).max(64),
            sourceId: z.string().min(1).max(64),
            targetId: z.string().min(1).max(64),
            attributes: z.record(z.string(), z.unknown()).optional(),
            provenance: z.string().max(500).nullable().optional(),
          }),
          response: { 201: RelationBody, ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await services.relations.create(request.actor, request.body)),
    );

    app.delete(
      '/relations/:id',
      { schema: { tags: ['relations'], summary: 'Delete a relation', params: z.object({ id: Uuid }), response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await services.relations.delete(request.actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
