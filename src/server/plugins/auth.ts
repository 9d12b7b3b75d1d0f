import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services/container.js';
import { actorOf } from '../../services/auth.service.js';
import type { Actor } from '../../domain/policy.js';
import { Problem } from '../../services/problem.js';
import { sendProblem } from './errors.js';

export const SESSION_COOKIE = 'atlas_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** POSTs that only read or end the caller's own session, allowed to read-only tokens. */
const READ_ONLY_POSTS = new Set(['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/assessments/:id/plan', '/api/3/action/:action', '/api/action/:action']);
const ENROLMENT_PATHS = new Set(['/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/auth/totp/setup', '/api/v1/auth/totp/enable']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** How the request authenticated: a browser session, a bearer token or not at all. */
    authVia: 'session' | 'token' | 'anonymous';
    sessionToken?: string;
    sessionStage?: string;
    csrfToken?: string;
  }
}

export interface AuthOptions {
  /** Instansi that anonymous visitors see when they name none. */
  defaultInstansiId: () => Promise<string>;
  instansiIdByCode: (code: string) => Promise<string | undefined>;
}

/** Resolves who is asking on every request; enforces CSRF for cookie sessions. */
export function registerAuth(app: FastifyInstance, services: Services, options: AuthOptions): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('authVia', 'anonymous');
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const found = await services.auth.fromToken(header.slice(7).trim());
      if (!found) return sendProblem(reply, new Problem(401, 'Invalid token', 'The API token is unknown, expired or revoked.'));
      request.actor = actorOf(found.user, found.scopes);
      request.authVia = 'token';
      // A token without the write scope changes nothing, whatever the route.
      if (request.actor.user?.readOnly && !SAFE_METHODS.has(request.method) && !READ_ONLY_POSTS.has(request.routeOptions.url ?? '')) {
        return sendProblem(reply, Problem.forbidden('This API token may only read.'));
      }
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const found = await services.auth.fromSession(cookie);
      if (found) {
        request.actor = actorOf(found.user);
        request.authVia = 'session';
        request.sessionToken = cookie;
        request.csrfToken = found.session.csrfToken;
        request.sessionStage = found.session.stage;
        // Logging in again replaces the session, so it needs no token of the old one.
        const csrfExempt = SAFE_METHODS.has(request.method) || request.routeOptions.url === '/api/v1/auth/login';
        if (!csrfExempt && request.headers['x-csrf-token'] !== found.session.csrfToken) {
          return sendProblem(reply, new Problem(403, 'CSRF check failed', 'Send the X-CSRF-Token header given at login.'));
        }
        // An admin who must first enrol a second factor may only do that (or log out) in the API;
        // the web app's page and assets still load, so the browser can show the enrolment screen.
        if (found.session.stage === 'totp-enrolment' && request.url.startsWith('/api/') && !ENROLMENT_PATHS.has(request.routeOptions.url ?? '')) {
          return sendProblem(reply, new Problem(403, 'Second factor required', 'This instansi requires administrators to set up two-factor authentication first.', [], { totpEnrolmentRequired: true }));
        }
        return;
      }
    }
    request.actor = { instansiId: await anonymousInstansi(request, options), user: null };
  });
}

async function anonymousInstansi(request: FastifyRequest, options: AuthOptions): Promise<string> {
  const code = (request.query as Record<string, unknown> | undefined)?.instansi;
  if (typeof code === 'string' && code) {
    const id = await options.instansiIdByCode(code);
    if (!id) throw Problem.notFound(`Instansi ${code}`);
    return id;
  }
  return options.defaultInstansiId();
}
