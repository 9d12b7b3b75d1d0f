import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Services } from '../services/container.js';
import { WEB_DIST } from '../paths.js';
import { frameworkErrors, registerErrorHandling } from './plugins/errors.js';
import { registerInputGuards } from './plugins/input.js';
import { registerAuth } from './plugins/auth.js';
import { pageNonces, registerSecurityHeaders } from './plugins/security-headers.js';
import { catalogRoutes } from './routes/catalog.js';
import { elementRoutes } from './routes/elements.js';
import { relationRoutes } from './routes/relations.js';
import { authRoutes } from './routes/auth.js';
import { auditRoutes } from './routes/audit.js';
import { facetRoutes } from './routes/facets.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { changeRequestRoutes } from './routes/change-requests.js';
import { userRoutes } from './routes/users.js';
import { settingsRoutes } from './routes/settings.js';
import { interopRoutes, openDataRoutes } from './routes/interop.js';
import { analysisRoutes } from './routes/analysis.js';

export interface AppOptions {
  logger?: boolean;
  /** Set Secure on cookies (behind HTTPS). */
  secureCookies?: boolean;
  webDir?: string;
}

export const API_PREFIX = '/api/v1';

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: process.env.ATLAS_LOG_LEVEL ?? 'info' } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.ATLAS_TRUST_PROXY === '1',
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerInputGuards(app);

  await app.register(cookie);
  registerSecurityHeaders(app);

  const { instansi } = services.repositories;
  let defaultInstansi: string | undefined;
  registerAuth(app, services, {
    defaultInstansiId: async () => {
      if (defaultInstansi) return defaultInstansi;
      const code = process.env.ATLAS_DEFAULT_INSTANSI;
      const found = code ? await instansi.findByCode(services.store.db, code) : (await instansi.list(services.store.db))[0];
      if (!found) throw new Error('no instansi: run `atlas init` or `atlas seed`');
      return (defaultInstansi = found.id);
    },
    instansiIdByCode: async (code) => (await instansi.findByCode(services.store.db, code))?.id,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Atlas SPBE API', version: '1.0.0', description: 'Arsitektur SPBE repository: elements, relations, OPDs, reference models, audit.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(catalogRoutes(services));
      await api.register(authRoutes(services, options.secureCookies ?? process.env.ATLAS_SECURE_COOKIES === '1'));
      await api.register(facetRoutes(services));
      await api.register(elementRoutes(services));
      await api.register(relationRoutes(services));
      await api.register(auditRoutes(services));
      await api.register(analysisRoutes(services));
      await api.register(evaluationRoutes(services));
      await api.register(changeRequestRoutes(services));
      await api.register(userRoutes(services));
      await api.register(settingsRoutes(services));
      await api.register(interopRoutes(services));
    },
    { prefix: API_PREFIX },
  );
  await app.register(openDataRoutes(services)); // Satu Data: /api/3/action/* (CKAN) and /catalog.jsonld (DCAT)

  const webDir = options.webDir ?? WEB_DIST;
  if (existsSync(join(webDir, 'index.html'))) {
    const indexHtml = readFileSync(join(webDir, 'index.html'), 'utf8');
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
    // The single-page app owns every other GET path; its HTML carries this response's nonces.
    const page = (request: FastifyRequest, reply: FastifyReply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      const { script, style } = pageNonces(reply);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(withNonces(indexHtml, script, style));
    };
    app.get('/', { schema: { hide: true } }, page);
    app.get('/*', { schema: { hide: true } }, page);
  }
  return app;
}

/** Adds the nonces to the page's script tags and tells the app (Ant Design) the style nonce. */
export function withNonces(html: string, scriptNonce: string, styleNonce: string): string {
  return html
    .replace(/<script\b/g, `<script nonce="${scriptNonce}"`)
    .replace(/<link\b([^>]*rel="(?:stylesheet|modulepreload)")/g, `<link nonce="${scriptNonce}"$1`)
    .replace('</head>', `<meta name="csp-nonce" content="${styleNonce}" />\n</head>`);
}
