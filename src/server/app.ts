import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Services } from '../services/container.js';
import { WEB_DIST } from '../paths.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerAuth } from './plugins/auth.js';
import { catalogRoutes } from './routes/catalog.js';
import { elementRoutes } from './routes/elements.js';
import { relationRoutes } from './routes/relations.js';
import { authRoutes } from './routes/auth.js';
import { auditRoutes } from './routes/audit.js';
import { facetRoutes } from './routes/facets.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { changeRequestRoutes } from './routes/change-requests.js';
import { interopRoutes } from './routes/interop.js';

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
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });

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
      await api.register(evaluationRoutes(services));
      await api.register(changeRequestRoutes(services));
      await api.register(interopRoutes(services));
    },
    { prefix: API_PREFIX },
  );

  const webDir = options.webDir ?? WEB_DIST;
  if (existsSync(webDir)) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
    // The single-page app owns every other GET path.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
