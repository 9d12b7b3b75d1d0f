import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers (CSP, frame-ancestors, nosniff, Referrer-Policy, …) from helmet.
 * Built once at start-up: building helmet's middleware per request (as
 * @fastify/helmet does), or even running it, cost as much as serving a small JSON
 * read, so every response gets a precomputed header set.
 * Only the single-page app's HTML gets per-request nonces, which its scripts and
 * Ant Design's injected <style> tags carry.
 */
const NONCES = Symbol('atlas.cspNonces');
interface Nonces {
  script: string;
  style: string;
}
type WithNonces = { [NONCES]?: Nonces };

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // Style attributes set by components (positions, widths) stay allowed; <style> elements need the nonce.
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const common = {
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
  frameguard: { action: 'deny' as const },
};

const nonceOf = (kind: keyof Nonces) => (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as unknown as WithNonces)[NONCES]?.[kind] ?? ''}'`;

const apiHeaders = helmet({ ...common, contentSecurityPolicy: { directives } });
const pageHeaders = helmet({
  ...common,
  contentSecurityPolicy: { directives: { ...directives, scriptSrc: [...directives.scriptSrc, nonceOf('script')], styleSrc: [...directives.styleSrc, nonceOf('style')] } },
});

const noop = () => {};

/** The headers a helmet middleware sets (for an HTML page: with these nonces). */
function headersOf(middleware: typeof apiHeaders, nonces?: Nonces): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    [NONCES]: nonces,
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  middleware({} as IncomingMessage, res as unknown as ServerResponse, noop);
  return headers;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  const headers = headersOf(apiHeaders);
  // API answers may hold terbatas/rahasia records or a user's own data: no cache keeps them (a route may still set its own).
  const apiAnswers = { ...headers, 'cache-control': 'no-store' };
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiAnswers : headers);
    done();
  });
}

/** Fresh nonces for an HTML page, with the Content-Security-Policy that allows exactly them. */
export function pageNonces(reply: FastifyReply): Nonces {
  const nonces = { script: randomBytes(16).toString('hex'), style: randomBytes(16).toString('hex') };
  reply.headers(headersOf(pageHeaders, nonces));
  return nonces;
}
