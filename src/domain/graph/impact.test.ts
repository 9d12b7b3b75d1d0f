import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RELATION_TYPES, type RelationTypeId } from '../kind.js';
import { RELATION_DEPENDENCY, impactBfs, memoryExpand, traversal, type DirectedRelation, type ImpactDirection } from './impact.js';

const r = (sourceId: string, type: string, targetId: string): DirectedRelation => ({ sourceId, type, targetId });

/** The architecture of a small city, hand-built. */
const CITY: DirectedRelation[] = [
  r('facility', 'hosts', 'server'),
  r('server', 'hosts', 'simpeg'),
  r('firewall', 'protects', 'server'),
  r('simpeg', 'realizes', 'svc-kepegawaian'),
  r('simpeg', 'serves', 'sp-mutasi'),
  r('simpeg', 'accesses', 'data-asn'),
  r('simpeg', 'uses', 'postgres'),
  r('bp-kepegawaian', 'composes', 'sp-mutasi'),
  r('pg-tatakelola', 'composes', 'bp-kepegawaian'),
  r('svc-kepegawaian', 'serves', 'bp-kepegawaian'),
  r('simpeg', 'integrates', 'siasn'),
  r('gap-1', 'concerns', 'simpeg'),
  r('init-1', 'closes', 'gap-1'),
];

async function run(start: string, direction: ImpactDirection, depth = 10, relations = CITY) {
  return impactBfs(start, memoryExpand(relations, direction), { depth });
}

describe('relation dependency semantics', () => {
  it('declares a dependent end for every relation type', () => {
    for (const type of Object.keys(RELATION_TYPES)) expect(RELATION_DEPENDENCY[type as RelationTypeId], type).toBeDefined();
  });

  it('follows each type one way for dependants and the other way for dependencies', () => {
    const dependants = traversal('dependants');
    const dependencies = traversal('dependencies');
    expect(dependants.forward).toEqual(expect.arrayContaining(['hosts', 'serves', 'realizes', 'protects', 'integrates']));
    expect(dependants.backward).toEqual(expect.arrayContaining(['composes', 'uses', 'accesses', 'concerns', 'integrates']));
    expect(dependencies.forward.sort()).toEqual([...dependants.backward].sort());
    expect(dependencies.backward.sort()).toEqual([...dependants.forward].sort());
  });
});

describe('impact analysis on a hand-built graph', () => {
  it('finds everything that depends on a server, with distances and paths', async () => {
    const { items, truncated } = await run('server', 'dependants');
    expect(truncated).toBe(false);
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId.simpeg).toMatchObject({ distance: 1, path: ['server', 'simpeg'], relation: 'hosts' });
    expect(byId['svc-kepegawaian']).toMatchObject({ distance: 2, path: ['server', 'simpeg', 'svc-kepegawaian'], relation: 'realizes' });
    expect(byId['sp-mutasi']).toMatchObject({ distance: 2, relation: 'serves' });
    // The business process depends on its sub-process (composes: whole on parts) and on the service; both are 2 hops from simpeg.
    expect(byId['bp-kepegawaian'].distance).toBe(3);
    expect(byId['pg-tatakelola'].distance).toBe(4);
    expect(byId.siasn).toMatchObject({ distance: 2, relation: 'integrates' });
    expect(byId['gap-1']).toMatchObject({ distance: 2, relation: 'concerns' });
    // Not dependants: what the server itself needs, or what simpeg uses.
    for (const id of ['facility', 'firewall', 'postgres', 'data-asn', 'init-1']) expect(byId[id], id).toBeUndefined();
  });

  it('finds what an application depends on', async () => {
    const ids = (await run('simpeg', 'dependencies')).items.map((i) => i.id).sort();
    expect(ids).toEqual(['data-asn', 'facility', 'firewall', 'postgres', 'server', 'siasn']);
  });

  it('stops at the requested depth and at the limit', async () => {
    expect((await run('server', 'dependants', 1)).items.map((i) => i.id)).toEqual(['simpeg']);
    const limited = await impactBfs('server', memoryExpand(CITY, 'dependants'), { depth: 10, limit: 3 });
    expect(limited.items).toHaveLength(3);
    expect(limited.truncated).toBe(true);
  });

  it('ends cycles and reports each element once, never the start', async () => {
    const cycle = [r('a', 'serves', 'b'), r('b', 'serves', 'c'), r('c', 'serves', 'a'), r('a', 'serves', 'a')];
    const { items } = await run('a', 'dependants', 10, cycle);
    expect(items.map((i) => [i.id, i.distance])).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('chooses the same shortest path whatever order the relations come in', async () => {
    const diamond = [r('s', 'hosts', 'x'), r('s', 'hosts', 'y'), r('x', 'serves', 'z'), r('y', 'serves', 'z')];
    const a = await run('s', 'dependants', 5, diamond);
    const b = await run('s', 'dependants', 5, [...diamond].reverse());
    expect(a).toEqual(b);
    expect(a.items.find((i) => i.id === 'z')!.path).toEqual(['s', 'x', 'z']);
  });
});

/** A plain reference: BFS over the dependency relation itself, one node at a time. */
function referenceDistances(relations: DirectedRelation[], start: string, direction: ImpactDirection, depth: number): Map<string, number> {
  const dependsOn = (x: string, y: string, rel: DirectedRelation) => {
    const d = RELATION_DEPENDENCY[rel.type as RelationTypeId].dependent;
    return (rel.sourceId === x && rel.targetId === y && (d === 'source' || d === 'both')) || (rel.targetId === x && rel.sourceId === y && (d === 'target' || d === 'both'));
  };
  const dist = new Map<string, number>([[start, 0]]);
  const queue = [start];
  while (queue.length) {
    const x = queue.shift()!;
    if (dist.get(x)! >= depth) continue;
    for (const rel of relations) {
      for (const y of [rel.sourceId, rel.targetId]) {
        if (dist.has(y)) continue;
        const linked = direction === 'dependants' ? dependsOn(y, x, rel) : dependsOn(x, y, rel);
        if (linked) {
          dist.set(y, dist.get(x)! + 1);
          queue.push(y);
        }
      }
    }
  }
  dist.delete(start);
  return dist;
}

const TYPES = Object.keys(RELATION_TYPES);
const randomGraph = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    relations: fc.array(
      fc.record({ sourceId: fc.nat(n - 1).map((i) => `n${i}`), type: fc.constantFrom(...TYPES), targetId: fc.nat(n - 1).map((i) => `n${i}`) }),
      { maxLength: 40 },
    ),
    start: fc.nat(n - 1).map((i) => `n${i}`),
    depth: fc.integer({ min: 0, max: 6 }),
    direction: fc.constantFrom<ImpactDirection>('dependants', 'dependencies'),
  }),
);

describe('impact analysis against a reference BFS', () => {
  it('finds the same elements at the same distances, each with a valid shortest path', async () => {
    await fc.assert(
      fc.asyncProperty(randomGraph, async ({ relations, start, depth, direction }) => {
        const { items, truncated } = await impactBfs(start, memoryExpand(relations, direction), { depth });
        const expected = referenceDistances(relations, start, direction, depth);
        expect(truncated).toBe(false);
        expect(new Map(items.map((i) => [i.id, i.distance]))).toEqual(expected);
        const hop = memoryExpand(relations, direction);
        for (const item of items) {
          expect(item.path[0]).toBe(start);
          expect(item.path.at(-1)).toBe(item.id);
          expect(item.path).toHaveLength(item.distance + 1);
          expect(new Set(item.path).size).toBe(item.path.length);
          for (let i = 1; i < item.path.length; i++) {
            expect(hop([item.path[i - 1]]).some((h) => h.to === item.path[i])).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
