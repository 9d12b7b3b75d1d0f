import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { SESSION_ABSOLUTE_MS } from '../../services/auth.service.js';
import type { User } from '../../store/repositories/user.repository.js';
import { Problem } from '../../services/problem.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { problemResponses } from './schemas.js';

const Me = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    orgUnitIds: z.array(z.string()),
    instansi: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  }),
  csrfToken: z.string().nullable(),
});

export function authRoutes(services: Services, secureCookies: boolean): FastifyPluginAsyncZod {
  async function present(user: User, csrfToken: string | null) {
    const i = await services.catalog.instansiById(user.instansiId);
    return {
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        orgUnitIds: user.orgUnitIds,
        instansi: { id: i.id, code: i.code, name: i.name },
      },
      csrfToken,
    };
  }

  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with a password; sets the session cookie',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
          response: { 200: Me, ...problemResponses },
        },
      },
      async (request, reply) => {
        // A new session id on every login (no fixation); the old one, if any, ends.
        if (request.sessionToken) await services.auth.logout(request.sessionToken);
        const { user, sessionToken, session } = await services.auth.login(request.body.username, request.body.password);
        reply.setCookie(SESSION_COOKIE, sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookies,
          maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
        });
        return present(user, session.csrfToken);
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (request, reply) => {
      if (request.sessionToken) await services.auth.logout(request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: Me, ...problemResponses } } }, async (request) => {
      const u = request.actor.user;
      if (!u) throw Problem.unauthenticated();
      const user = await services.repositories.users.findById(services.store.db, u.id);
      return present(user!, request.csrfToken ?? null);
    });
  };
}
