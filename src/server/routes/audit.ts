import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { seesEverything } from '../../domain/policy.js';
import { Problem } from '../../services/problem.js';
import { Limit, problemResponses } from './schemas.js';

const AuditEventBody = z
  .object({
    id: z.string(),
    at: z.string(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });

const DateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export function auditRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit trail, newest first',
          querystring: z.object({
            element: z.string().max(64).optional(),
            user: z.string().max(64).optional().describe('user id or username'),
            from: DateOrTime.optional(),
            to: DateOrTime.optional(),
            limit: Limit,
            cursor: z.string().max(64).optional(),
          }),
          response: { 200: z.object({ items: z.array(AuditEventBody), nextCursor: z.string().nullable(), total: z.number() }), ...problemResponses },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor.user) throw Problem.unauthenticated();
        // Snapshots may hold classified content: non-admins see the history of elements they can read.
        if (!seesEverything(actor.user.role)) {
          if (!request.query.element) throw Problem.forbidden('Only administrators and auditors read the whole audit trail; filter by an element you can read.');
          await services.elements.get(actor, request.query.element);
        }
        const user = request.query.user ? await services.users.resolveId(actor, request.query.user) : undefined;
        return services.audit.list(actor, { ...request.query, user });
      },
    );
  };
}
