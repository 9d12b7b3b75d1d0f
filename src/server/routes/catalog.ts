import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { REFERENCE_MODELS } from '../../domain/kind.js';
import { Limit, problemResponses } from './schemas.js';

const OrgUnitBody = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    type: z.string(),
    parentId: z.string().nullable(),
    provenance: z.string().nullable(),
  })
  .meta({ id: 'OrgUnit' });

const AnonymousInstansi = z.object({ instansi: z.string().max(100).optional() });

export function catalogRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', { schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: z.object({ status: z.literal('ok'), database: z.string() }) } } }, async () => {
      await services.store.db.selectFrom('instansi').select('id').limit(1).execute();
      return { status: 'ok' as const, database: services.store.dialect.name };
    });

    app.get('/kinds', { schema: { tags: ['kinds'], summary: 'Every element kind with its attribute JSON Schema and labels' } }, async () => services.catalog.kinds());

    app.get(
      '/instansi/current',
      { schema: { tags: ['instansi'], querystring: AnonymousInstansi, response: { 200: z.object({ id: z.string(), code: z.string(), name: z.string(), type: z.string() }) } } },
      async (request) => {
        const { id, code, name, type } = await services.catalog.instansiById(request.actor.instansiId);
        return { id, code, name, type };
      },
    );

    app.get(
      '/org-units',
      {
        schema: {
          tags: ['org-units'],
          summary: 'Perangkat Daerah of the instansi',
          querystring: AnonymousInstansi.extend({ q: z.string().max(200).optional(), limit: Limit.optional() }),
          response: { 200: z.object({ items: z.array(OrgUnitBody), total: z.number() }) },
        },
      },
      async (request) => {
        const q = request.query.q?.toLowerCase();
        const all = (await services.catalog.orgUnitList(request.actor)).map(({ instansiId, ...o }) => o);
        const items = q ? all.filter((o) => [o.code, o.name, ...o.aliases].some((s) => s.toLowerCase().includes(q))) : all;
        return { items, total: items.length };
      },
    );

    app.get(
      '/org-units/:id',
      { schema: { tags: ['org-units'], params: z.object({ id: z.string().max(64) }), querystring: AnonymousInstansi, response: { 200: OrgUnitBody, ...problemResponses } } },
      async (request) => {
        const { instansiId, ...o } = await services.catalog.orgUnit(request.actor, request.params.id);
        return o;
      },
    );

    app.get('/reference-models', { schema: { tags: ['reference-models'] } }, async () => ({ items: services.catalog.referenceModels() }));

    app.get(
      '/reference-models/:model',
      {
        schema: {
          tags: ['reference-models'],
          summary: 'A reference model as a tree (national levels and the instansi’s own)',
          params: z.object({ model: z.enum(REFERENCE_MODELS) }),
          querystring: AnonymousInstansi,
        },
      },
      async (request) => services.catalog.referenceTree(request.actor, request.params.model),
    );
  };
}
