import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { ROLES } from '../../domain/policy.js';
import { problemResponses } from './schemas.js';

const UserView = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    orgUnitIds: z.array(z.string()),
    totpEnabled: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

export function userRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/users', { schema: { tags: ['users'], summary: 'Users of the instansi (admin, auditor)', response: { 200: z.object({ items: z.array(UserView) }), ...problemResponses } } }, async (request) => ({
      items: await services.users.list(request.actor),
    }));

    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Add a user (admin)',
          body: z.strictObject({
            username: z.string().min(1).max(64),
            displayName: z.string().max(200).optional(),
            password: z.string().min(1).max(1024),
            role: z.enum(ROLES),
            orgCodes: z.array(z.string().max(64)).max(50).optional(),
          }),
          response: { 201: UserView, ...problemResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await services.users.create(request.actor, request.body)),
    );

    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Change role, OPDs, name, or disable a user (admin); ends the user’s sessions',
          params: z.object({ id: z.string().max(64) }),
          body: z.strictObject({
            role: z.enum(ROLES).optional(),
            orgUnitIds: z.array(z.string().max(64)).max(50).optional(),
            displayName: z.string().min(1).max(200).optional(),
            disabled: z.boolean().optional(),
          }),
          response: { 200: UserView, ...problemResponses },
        },
      },
      async (request) => services.users.update(request.actor, request.params.id, request.body),
    );
  };
}
