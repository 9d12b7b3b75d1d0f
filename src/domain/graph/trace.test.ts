import { describe, expect, it } from 'vitest';
import { stepSide, traceChain, type TraceHop } from './trace.js';

interface R {
  id: string;
  type: string;
  source: string;
  target: string;
}
const DOMAIN: Record<string, string> = {
  goal: 'strategy',
  pg: 'business',
  bp: 'business',
  sp: 'business',
  svc: 'service',
  data: 'data',
  app: 'application',
  app2: 'application',
  server: 'infrastructure',
  fw: 'security',
  gap: 'planning',
};
const RELS: R[] = [
  { id: 'r1', type: 'supports', source: 'bp', target: 'goal' },
  { id: 'r2', type: 'composes', source: 'pg', target: 'bp' },
  { id: 'r3', type: 'composes', source: 'bp', target: 'sp' },
  { id: 'r4', type: 'serves', source: 'svc', target: 'sp' },
  { id: 'r5', type: 'realizes', source: 'app', target: 'svc' },
  { id: 'r6', type: 'accesses', source: 'app', target: 'data' },
  { id: 'r7', type: 'accesses', source: 'app2', target: 'data' },
  { id: 'r8', type: 'hosts', source: 'server', target: 'app' },
  { id: 'r9', type: 'protects', source: 'fw', target: 'server' },
  { id: 'r10', type: 'concerns', source: 'gap', target: 'app' },
  { id: 'r11', type: 'integrates', source: 'app', target: 'app2' },
];

function expand(frontier: readonly string[]): TraceHop[] {
  const hops: TraceHop[] = [];
  for (const id of frontier) {
    for (const r of RELS) {
      if (r.source === id) hops.push({ relationId: r.id, type: r.type, from: id, to: r.target, outgoing: true, toDomain: DOMAIN[r.target] });
      if (r.target === id) hops.push({ relationId: r.id, type: r.type, from: id, to: r.source, outgoing: false, toDomain: DOMAIN[r.source] });
    }
  }
  return hops;
}

describe('traceability chain', () => {
  it('walks from an application up to strategy and down to security, not sideways', async () => {
    const t = await traceChain({ id: 'app', domain: 'application' }, expand, { depth: 10 });
    const side = Object.fromEntries(t.nodes.map((n) => [n.id, n.side]));
    expect(side).toEqual({ app: 'root', svc: 'upstream', data: 'upstream', sp: 'upstream', bp: 'upstream', goal: 'upstream', pg: 'upstream', server: 'downstream', fw: 'downstream' });
    // Not the other application reading the same data, not the gap.
    expect(side.app2).toBeUndefined();
    expect(side.gap).toBeUndefined();
    expect(t.edges.map((e) => e.id).sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r8', 'r9']);
    expect(t.edges.find((e) => e.id === 'r8')).toEqual({ id: 'r8', type: 'hosts', source: 'server', target: 'app' });
  });

  it('walks down from a business process through its parts', async () => {
    const t = await traceChain({ id: 'bp', domain: 'business' }, expand, { depth: 10 });
    const ids = t.nodes.map((n) => n.id).sort();
    expect(ids).toEqual(['app', 'bp', 'fw', 'goal', 'pg', 'server', 'sp', 'svc'].sort());
    expect(t.nodes.find((n) => n.id === 'server')).toMatchObject({ side: 'downstream', distance: 4 });
  });

  it('starts a planning element’s trace from the elements it concerns', async () => {
    const t = await traceChain({ id: 'gap', domain: 'planning' }, expand, { depth: 10 });
    expect(t.nodes.find((n) => n.id === 'app')).toMatchObject({ side: 'related', distance: 1 });
    expect(t.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['svc', 'goal', 'server', 'fw']));
    expect(t.nodes.map((n) => n.id)).not.toContain('app2');
  });

  it('respects depth and limit', async () => {
    const shallow = await traceChain({ id: 'app', domain: 'application' }, expand, { depth: 1 });
    expect(shallow.nodes.map((n) => n.id).sort()).toEqual(['app', 'data', 'server', 'svc']);
    const limited = await traceChain({ id: 'app', domain: 'application' }, expand, { depth: 10, limit: 2 });
    expect(limited.nodes).toHaveLength(3);
    expect(limited.truncated).toBe(true);
  });

  it('moves within a domain along dependencies: down to what it needs, up to what needs it, never sideways', () => {
    const hop = (type: string, outgoing: boolean, toDomain = 'business'): TraceHop => ({ relationId: 'x', type, from: 'a', to: 'b', outgoing, toDomain });
    expect(stepSide('business', 'upstream', hop('composes', false))).toBe('upstream'); // to the whole
    expect(stepSide('business', 'upstream', hop('composes', true))).toBeNull();
    expect(stepSide('business', 'downstream', hop('composes', true))).toBe('downstream'); // to a part
    // A server is protected by a security device (an infrastructure kind) and hosted by a facility: both below it.
    expect(stepSide('infrastructure', 'downstream', hop('protects', false, 'infrastructure'))).toBe('downstream');
    expect(stepSide('infrastructure', 'root', hop('hosts', false, 'infrastructure'))).toBe('downstream');
    expect(stepSide('infrastructure', 'root', hop('hosts', true, 'infrastructure'))).toBe('upstream');
    expect(stepSide('application', 'root', hop('integrates', true, 'application'))).toBeNull();
    expect(stepSide('application', 'root', hop('delivers', false, 'planning'))).toBeNull();
  });
});
