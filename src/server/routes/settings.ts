import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { Problem } from '../../services/problem.js';
import { problemResponses } from './schemas.js';

const Settings = z
  .object({
    /** Administrators must set up a second factor before anything else (PUT /settings/require-admin-totp). */
    requireAdminTotp: z.boolean(),
    /** Operators' writes become change requests a reviewer decides on (PUT /settings/review-required). */
    reviewRequired: z.boolean(),
  })
  .meta({ id: 'Settings' });

/** The instansi's security and workflow settings, read by the web app (the writes live beside their services). */
export function settingsRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/settings',
      { schema: { tags: ['auth'], summary: 'The instansi’s settings (any logged-in user)', response: { 200: Settings, ...problemResponses } } },
      async (request) => {
        if (!request.actor.user) throw Problem.unauthenticated();
        const instansiId = request.actor.instansiId;
        const [requireAdminTotp, reviewRequired] = await Promise.all([
          services.auth.adminTotpRequired(instansiId),
          services.changeRequests.reviewRequired(instansiId),
        ]);
        return { requireAdminTotp, reviewRequired };
      },
    );
  };
}
