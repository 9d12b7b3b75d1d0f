import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services/container.js';
import { problemResponses } from './schemas.js';

export const ChangeRequestBody = z
  .object({
    id: z.string(),
    action: z.enum(['create', 'update', 'delete']),
    elementId: z.string().nullable(),
    baseVersion: z.number().nullable(),
    orgUnitId: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    summary: z.string(),
    status: z.enum(['draft', 'submitted', 'approved', 'rejected', 'applied']),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    reviewedBy: z.string().nullable(),
    reviewNote: z.string().nullable(),
    appliedElementId: z.string().nullable(),
  })
  .meta({ id: 'ChangeRequest' });

/** As read back: with the usernames of author and reviewer, which reviewers cannot look up themselves (GET /users is admin/auditor). */
const Named = ChangeRequestBody.extend({ createdByUsername: z.string().nullable(), reviewedByUsername: z.string().nullable() });
const WithDiff = Named.extend({ diff: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })) });
const Id = z.object({ id: z.string().max(64) });

export function changeRequestRoutes(services: Services): FastifyPluginAsyncZod {
  const cr = services.changeRequests;
  /** Adds author and reviewer usernames, one user lookup per request. */
  async function named<T extends { createdBy: string; reviewedBy: string | null }>(instansiId: string, items: T[]) {
    const users = await services.repositories.users.listOfInstansi(services.store.db, instansiId);
    const username = new Map(users.map((u) => [u.id, u.username]));
    return items.map((r) => ({ ...r, createdByUsername: username.get(r.createdBy) ?? null, reviewedByUsername: r.reviewedBy ? (username.get(r.reviewedBy) ?? null) : null }));
  }
  return async (app) => {
    app.get(
      '/change-requests',
      {
        schema: {
          tags: ['review'],
          summary: 'Change requests: all for reviewers, admins and auditors; one’s own for operators',
          querystring: z.object({ status: z.enum(['draft', 'submitted', 'approved', 'rejected', 'applied']).optional() }),
          response: { 200: z.object({ items: z.array(Named), total: z.number() }), ...problemResponses },
        },
      },
      async (request) => {
        const items = await named(request.actor.instansiId, await cr.list(request.actor, request.query.status));
        return { items, total: items.length };
      },
    );

    app.post(
      '/change-requests',
      {
        schema: {
          tags: ['review'],
          summary: 'Propose a change (checked by a dry run); submit:true skips the draft stage',
          body: z.strictObject({
            action: z.enum(['create', 'update', 'delete']),
            elementId: z.string().max(64).optional(),
            baseVersion: z.number().int().min(1).optional(),
            payload: z.record(z.string(), z.unknown()).optional(),
            submit: z.boolean().optional(),
          }),
          response: { 201: ChangeRequestBody, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { submit, ...proposal } = request.body;
        return reply.status(201).send(await cr.propose(request.actor, proposal, submit));
      },
    );

    app.get('/change-requests/:id', { schema: { tags: ['review'], summary: 'A change request with its diff', params: Id, response: { 200: WithDiff, ...problemResponses } } }, async (request) =>
      (await named(request.actor.instansiId, [await cr.get(request.actor, request.params.id)]))[0]!,
    );

    const step = (path: string, summary: string, run: (actor: never, id: string, note?: string) => Promise<unknown>) =>
      app.post(
        `/change-requests/:id/${path}`,
        {
          schema: {
            tags: ['review'],
            summary,
            params: Id,
            body: z.object({ note: z.string().max(2000).optional() }).nullish(),
            response: { 200: ChangeRequestBody, ...problemResponses },
          },
        },
        async (request) => run(request.actor as never, request.params.id, request.body?.note) as never,
      );
    step('submit', 'Submit a draft for review (author)', (a, id) => cr.submit(a, id));
    step('approve', 'Approve (reviewer or admin, not the author)', (a, id, note) => cr.approve(a, id, note));
    step('reject', 'Reject (reviewer or admin, not the author)', (a, id, note) => cr.reject(a, id, note));
    step('apply', 'Apply an approved request (reviewer, admin or the author)', (a, id) => cr.apply(a, id));

    app.put(
      '/settings/review-required',
      { schema: { tags: ['review'], summary: 'Make operators’ changes go through review (admin)', body: z.object({ required: z.boolean() }), response: { 204: z.null(), ...problemResponses } } },
      async (request, reply) => {
        await cr.setReviewRequired(request.actor, request.body.required);
        return reply.status(204).send(null);
      },
    );
  };
}
