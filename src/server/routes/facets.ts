import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { FacetService } from '../../services/facets.service.js';
import { CLASSIFICATIONS, LIFECYCLES } from '../../domain/kind.js';
import { problemResponses } from './schemas.js';

const FacetQuery = z.object({
  kind: z.string().max(500).optional().describe('comma-separated kinds'),
  domain: z.string().max(64).optional(),
  org: z.string().max(64).optional().describe('OPD code or id'),
  ref: z.string().max(100).optional().describe('MODEL or MODEL:code, e.g. RAL:01.16 (includes the codes below it)'),
  lifecycle: z.enum(LIFECYCLES).optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  q: z.string().max(200).optional(),
  instansi: z.string().max(100).optional().describe('instansi code, for anonymous readers'),
});

const FacetBody = z
  .object({
    byKind: z.record(z.string(), z.number()).describe('elements per kind, under every filter except kind'),
    byOrg: z.record(z.string(), z.number()).describe('elements per OPD code, under every filter except org; "none" counts elements without an OPD'),
    total: z.number().describe('elements matching every filter'),
  })
  .meta({ id: 'ElementFacets' });

/** GET /elements/facets: counts per kind and per OPD for the same filters as GET /elements. */
export function facetRoutes(services: Services): FastifyPluginAsyncZod {
  const facets = new FacetService(services.store.db, services.repositories);
  return async (app) => {
    app.get(
      '/elements/facets',
      {
        schema: {
          tags: ['elements'],
          summary: 'Counts of elements per kind and per OPD',
          querystring: FacetQuery,
          response: { 200: FacetBody, ...problemResponses },
        },
      },
      async (request) => {
        const { kind, domain, org, ref, lifecycle, classification, q } = request.query;
        const orgUnitId = org ? (await services.catalog.orgUnit(request.actor, org)).id : undefined;
        let refFilter: { model: string; code: string | null } | undefined;
        if (ref) {
          const [model, code] = ref.split(':');
          refFilter = { model, code: code || null };
        }
        return facets.elementFacets(request.actor, { kinds: kind ? kind.split(',') : undefined, domain, orgUnitId, ref: refFilter, lifecycle, classification, q });
      },
    );
  };
}
