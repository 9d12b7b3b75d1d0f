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
    totpEnabled: z.boolean(),
    instansi: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  }),
  csrfToken: z.string().nullable(),
  /** 'totp-enrolment' when the user must set up a second factor before anything else. */
  stage: z.string(),
});

const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function authRoutes(services: Services, secureCookies: boolean): FastifyPluginAsyncZod {
  async function present(user: User, csrfToken: string | null, stage: string) {
    const i = await services.catalog.instansiById(user.instansiId);
    return {
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        orgUnitIds: user.orgUnitIds,
        totpEnabled: !!user.totpEnabledAt,
        instansi: { id: i.id, code: i.code, name: i.name },
      },
      csrfToken,
      stage,
    };
  }

  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with a password (and TOTP code when enrolled); sets the session cookie',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024), totp: z.string().max(10).optional() }),
          response: { 200: Me, ...problemResponses, 429: problemResponses[401] },
        },
      },
      async (request, reply) => {
        // A new session id on every login (no fixation); the old one, if any, ends.
        if (request.sessionToken) await services.auth.logout(request.sessionToken);
        const { user, sessionToken, session } = await services.auth
          .login({ ...request.body, address: request.ip })
          .catch((e: unknown) => {
            if (e instanceof Problem && e.status === 429) reply.header('retry-after', String(e.extra.retryAfterSeconds));
            throw e;
          });
        reply.setCookie(SESSION_COOKIE, sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookies,
          maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
        });
        return present(user, session.csrfToken, session.stage);
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (request, reply) => {
      if (request.sessionToken) await services.auth.logout(request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.post(
      '/auth/logout-everywhere',
      { schema: { tags: ['auth'], summary: 'End every session of the current user', response: { 200: z.object({ ended: z.number() }), ...problemResponses } } },
      async (request, reply) => {
        const ended = await services.auth.logoutEverywhere(request.actor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ended };
      },
    );

    app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: Me, ...problemResponses } } }, async (request) => {
      const u = request.actor.user;
      if (!u) throw Problem.unauthenticated();
      const user = await services.repositories.users.findById(services.store.db, u.id);
      return present(user!, request.csrfToken ?? null, request.sessionStage ?? 'full');
    });

    app.post(
      '/auth/totp/setup',
      { schema: { tags: ['auth'], summary: 'Start TOTP enrolment: a secret and otpauth URI', response: { 200: z.object({ secret: z.string(), uri: z.string() }), ...problemResponses } } },
      async (request) => services.auth.startTotp(request.actor),
    );
    app.post(
      '/auth/totp/enable',
      { schema: { tags: ['auth'], summary: 'Confirm TOTP enrolment with a first code', body: z.object({ code: z.string().max(10) }), response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await services.auth.enableTotp(request.actor, request.body.code, request.sessionToken);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/auth/totp/disable',
      { schema: { tags: ['auth'], body: z.object({ code: z.string().max(10) }), response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await services.auth.disableTotp(request.actor, request.body.code);
        return reply.status(204).send(null);
      },
    );

    app.get('/auth/tokens', { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(TokenView) }), ...problemResponses } } }, async (request) => ({
      items: await services.auth.listTokens(request.actor),
    }));
    app.post(
      '/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an API token for myself; the token is shown once',
          body: z.object({ name: z.string().min(1).max(100), scopes: z.array(z.enum(['read', 'write'])).min(1).optional(), expiresInDays: z.number().int().min(1).max(3650).nullable().optional() }),
          response: { 201: TokenView.extend({ token: z.string() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        if (!actor.user) throw Problem.unauthenticated();
        if (actor.user.readOnly) throw Problem.forbidden('A read-only token cannot create tokens.');
        const { token, record } = await services.auth.createToken(actor.user.username, request.body, actor);
        const { tokenHash, userId, ...shown } = record;
        return reply.status(201).send({ ...shown, token });
      },
    );
    app.delete(
      '/auth/tokens/:id',
      { schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: z.object({ id: z.string().max(64) }), response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await services.auth.revokeToken(request.actor, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/settings/require-admin-totp',
      { schema: { tags: ['auth'], summary: 'Require a second factor for administrators of this instansi (admin)', body: z.object({ required: z.boolean() }), response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await services.auth.setAdminTotpRequired(request.actor, request.body.required);
        return reply.status(204).send(null);
      },
    );
  };
}
