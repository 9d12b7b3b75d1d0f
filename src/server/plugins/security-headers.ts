import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers (CSP, frame-ancestors, nosniff, Referrer-Policy, …) from helmet.
 * Both header sets are built once at start-up: building helmet's middleware per
 * request (as @fastify/helmet does) cost as much as serving a small JSON read.
 * Only the single-page app's HTML gets per-request nonces, which its scripts and
 * Ant Design's injected <style> tags carry.
 */
const NONCES = Symbol('atlas.cspNonces');
interface Nonces {
  script: string;
  style: string;
}
type WithNonces = ServerResponse & { [NONCES]?: Nonces };

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

const nonceOf = (kind: keyof Nonces) => (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as WithNonces)[NONCES]?.[kind] ?? ''}'`;

const apiHeaders = helmet({ ...common, contentSecurityPolicy: { directives } });
const pageHeaders = helmet({
  ...common,
  contentSecurityPolicy: { directives: { ...directives, scriptSrc: [...directives.scriptSrc, nonceOf('script')], styleSrc: [...directives.styleSrc, nonceOf('style')] } },
});

const noop = () => {};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    apiHeaders(request.raw, reply.raw, noop);
    done();
  });
}

/** Fresh nonces for an HTML page, with the Content-Security-Policy that allows exactly them. */
export function pageNonces(reply: FastifyReply): Nonces {
  const nonces = { script: randomBytes(16).toString('hex'), style: randomBytes(16).toString('hex') };
  (reply.raw as WithNonces)[NONCES] = nonces;
  pageHeaders(reply.request.raw, reply.raw, noop);
  return nonces;
}
