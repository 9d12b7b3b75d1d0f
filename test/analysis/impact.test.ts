import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { RELATION_TYPES } from '../../src/domain/kind.js';
import { impactBfs, memoryExpand, traversal, type DirectedRelation, type ImpactDirection } from '../../src/domain/graph/impact.js';
import { AnalysisRepository } from '../../src/store/repositories/analysis.repository.js';
import type { Actor } from '../../src/domain/policy.js';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { builder, craftCity } from './crafted.js';

describe.each(DATABASES)('impact analysis and traceability on %s', (db) => {
  let f: Fixture;
  let ids: Record<string, string>;
  beforeAll(async () => {
    f = await fixture(db);
    ids = await craftCity(f);
  });
  afterAll(async () => f?.close());

  const get = (url: string, token: string | null = f.tokens.admin) => call(f.app, token, { method: 'GET', url });
  const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;

  it('finds what depends on a server, level by level, with the path to each', async () => {
    const r = await get(`/api/v1/elements/${ids.SRV1}/impact?direction=dependants&depth=5`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ root: { id: ids.SRV1, kind: 'server', domain: 'infrastructure' }, direction: 'dependants', depth: 5, truncated: false });
    const got = Object.fromEntries(body.items.map((i: { element: { id: string }; distance: number; path: string[]; relation: string }) => [name(i.element.id), [i.distance, i.relation, i.path.map(name)]]));
    expect(got).toEqual({
      APP1: [1, 'hosts', ['SRV1', 'APP1']],
      SVC1: [2, 'realizes', ['SRV1', 'APP1', 'SVC1']],
      SP1: [3, 'serves', ['SRV1', 'APP1', 'SVC1', 'SP1']],
      BP1: [4, 'composes', ['SRV1', 'APP1', 'SVC1', 'SP1', 'BP1']],
      PG: [5, 'composes', ['SRV1', 'APP1', 'SVC1', 'SP1', 'BP1', 'PG']],
      G1: [5, 'supports', ['SRV1', 'APP1', 'SVC1', 'SP1', 'BP1', 'G1']],
    });
    expect(body.items[0].element).toEqual({ id: ids.APP1, kind: 'application', code: null, name: 'SIMPEG', orgUnitId: f.org.a, domain: 'application', lifecycle: 'as-is' });
    const shallow = (await get(`/api/v1/elements/${ids.SRV1}/impact?depth=2`)).json();
    expect(shallow.items.map((i: { element: { id: string } }) => name(i.element.id)).sort()).toEqual(['APP1', 'SVC1']);
    const limited = (await get(`/api/v1/elements/${ids.SRV1}/impact?depth=5&limit=2`)).json();
    expect(limited).toMatchObject({ truncated: true });
    expect(limited.items).toHaveLength(2);
  });

  it('finds what an application depends on, walking only through what the reader may see', async () => {
    const admin = (await get(`/api/v1/elements/${ids.APP1}/impact?direction=dependencies&depth=4`)).json();
    expect(admin.items.map((i: { element: { id: string } }) => name(i.element.id)).sort()).toEqual(['D1', 'FW', 'SRV1']);
    const viewer = (await get(`/api/v1/elements/${ids.APP1}/impact?direction=dependencies&depth=4`, f.tokens.viewer)).json();
    expect(viewer.items.map((i: { element: { id: string } }) => name(i.element.id)).sort()).toEqual(['D1', 'SRV1']);
    // The server is terbatas: anonymous readers see neither it nor anything through it.
    const anon = (await get(`/api/v1/elements/${ids.APP1}/impact?direction=dependencies`, null)).json();
    expect(anon.items.map((i: { element: { id: string } }) => name(i.element.id))).toEqual(['D1']);
  });

  it('answers 404, 401 and 422 like the element routes', async () => {
    expect((await get(`/api/v1/elements/${uuidv7()}/impact`)).statusCode).toBe(404);
    expect((await get(`/api/v1/elements/${ids.SRV1}/impact`, null)).statusCode).toBe(401);
    expect((await get(`/api/v1/elements/${ids.FW}/impact`, f.tokens.viewer)).statusCode).toBe(404);
    expect((await get(`/api/v1/elements/${ids.APP1}/impact`, f.tokens.otherAdmin)).statusCode).toBe(404);
    expect((await get(`/api/v1/elements/${ids.APP1}/impact?depth=11`)).statusCode).toBe(422);
    expect((await get(`/api/v1/elements/${ids.APP1}/impact?direction=sideways`)).statusCode).toBe(422);
    expect((await get(`/api/v1/elements/${ids.FW}/trace`, f.tokens.operator)).statusCode).toBe(404);
  });

  it('traces an application across the domains, as a graph and as a matrix', async () => {
    const r = await get(`/api/v1/elements/${ids.APP1}/trace`);
    expect(r.statusCode, r.body).toBe(200);
    const t = r.json();
    expect(t.root).toMatchObject({ id: ids.APP1, name: 'SIMPEG' });
    const side = Object.fromEntries(t.nodes.map((n: { id: string; side: string }) => [name(n.id), n.side]));
    expect(side).toEqual({ APP1: 'root', SVC1: 'upstream', D1: 'upstream', SP1: 'upstream', BP1: 'upstream', PG: 'upstream', G1: 'upstream', SRV1: 'downstream', FW: 'downstream' });
    expect(t.matrix.map((m: { domain: string; elements: { id: string }[] }) => [m.domain, m.elements.map((e) => name(e.id)).sort()])).toEqual([
      ['strategy', ['G1']],
      ['business', ['BP1', 'PG', 'SP1']],
      ['service', ['SVC1']],
      ['data', ['D1']],
      ['application', ['APP1']],
      ['infrastructure', ['FW', 'SRV1']],
      ['security', []],
    ]);
    expect(t.matrix[0].label).toEqual({ id: 'Strategi', en: 'Strategy' });
    const hosts = t.edges.find((e: { type: string }) => e.type === 'hosts');
    expect({ ...hosts, id: undefined }).toEqual({ id: undefined, type: 'hosts', source: ids.SRV1, target: ids.APP1 });
    const nodeIds = new Set(t.nodes.map((n: { id: string }) => n.id));
    expect(t.edges.every((e: { source: string; target: string }) => nodeIds.has(e.source) && nodeIds.has(e.target))).toBe(true);

    const viewer = (await get(`/api/v1/elements/${ids.APP1}/trace`, f.tokens.viewer)).json();
    expect(viewer.nodes.map((n: { id: string }) => n.id)).not.toContain(ids.FW);
    expect(viewer.matrix.find((m: { domain: string }) => m.domain === 'infrastructure').elements.map((e: { id: string }) => name(e.id))).toEqual(['SRV1']);
  });

  it('traces a gap through the elements it concerns', async () => {
    await builder(f).rel(ids.GAP3, 'concerns', ids.SVC1);
    const t = (await get(`/api/v1/elements/${ids.GAP3}/trace`)).json();
    expect(t.nodes.find((n: { id: string }) => n.id === ids.SVC1)).toMatchObject({ side: 'related', distance: 1 });
    expect(t.nodes.map((n: { id: string }) => name(n.id))).toEqual(expect.arrayContaining(['SP1', 'APP1', 'SRV1']));
  });

  /** Random graphs, cycles and self-loops included, stored and walked with batched SQL; compared with the in-memory walk. */
  it('walks stored random graphs exactly as the reference walk does', async () => {
    const repo = new AnalysisRepository(f.store.dialect);
    const types = Object.keys(RELATION_TYPES);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            edges: fc.uniqueArray(fc.tuple(fc.nat(n - 1), fc.constantFrom(...types), fc.nat(n - 1)), { maxLength: 30, selector: (e) => e.join() }),
            start: fc.nat(n - 1),
            depth: fc.integer({ min: 1, max: 6 }),
            direction: fc.constantFrom<ImpactDirection>('dependants', 'dependencies'),
          }),
        ),
        async ({ n, edges, start, depth, direction }) => {
          const instansi = await f.services.datasets.createInstansi(`prop-${db}-${run++}`, 'Prop');
          const b = builder(f, instansi.id);
          const nodes: string[] = [];
          for (let i = 0; i < n; i++) nodes.push(await b.el(`n${i}`, 'application'));
          const relations: DirectedRelation[] = [];
          for (const [s, type, t] of edges) {
            await b.rel(nodes[s], type, nodes[t]);
            relations.push({ sourceId: nodes[s], type, targetId: nodes[t] });
          }
          const actor: Actor = { instansiId: instansi.id, user: { id: 'u', username: 'u', role: 'admin', orgUnitIds: [] } };
          const { forward, backward } = traversal(direction);
          const fromSql = await impactBfs(
            nodes[start],
            async (frontier) => (await repo.hops(f.store.db, actor, frontier, { forward, backward })).map((h) => ({ from: h.from, to: h.to, type: h.type })),
            { depth },
          );
          const inMemory = await impactBfs(nodes[start], memoryExpand(relations, direction), { depth });
          expect(fromSql).toEqual(inMemory);
        },
      ),
      { numRuns: 25 },
    );
  });
});
