import { RELATION_DEPENDENCY } from './impact.js';
import type { RelationTypeId } from '../kind.js';

/**
 * Traceability: the chain across domains an element belongs to,
 *
 *   strategy → business → service → data → application → infrastructure → security
 *
 * From the element the trace walks *upstream* (towards strategy) and
 * *downstream* (towards security) along relations of any type and either
 * direction, but each step must move along the chain: upstream to a domain
 * earlier in the chain, downstream to a later one. A step inside a domain
 * follows the dependency semantics of impact.ts: downstream to what the
 * element depends on (its parts through `composes`, the facility hosting a
 * server, the security device protecting it), upstream to what depends on it
 * (a sub-process's business process, a goal's mission). Two-way relations
 * (`integrates`) never make a step. This keeps the trace a chain instead of
 * the whole connected graph: from an application it reaches the services and processes it serves
 * and the goals they support, and the servers, networks and security
 * controls beneath it — not the other applications that happen to read the
 * same data.
 *
 * Planning elements (gaps, initiatives) are not in the chain. Traced from, the
 * architecture elements they concern, close or deliver become the starting
 * points (side 'related') and are traced both ways.
 */
export const TRACE_DOMAINS = ['strategy', 'business', 'service', 'data', 'application', 'infrastructure', 'security'] as const;
export type TraceDomain = (typeof TRACE_DOMAINS)[number];

const RANK = new Map<string, number>(TRACE_DOMAINS.map((d, i) => [d, i]));

export function chainRank(domain: string): number | undefined {
  return RANK.get(domain);
}

/** A relation touching an element already reached (`from`), seen from that element. */
export interface TraceHop {
  relationId: string;
  type: string;
  from: string;
  to: string;
  /** True when `from` is the relation's source. */
  outgoing: boolean;
  toDomain: string;
}

export type TraceExpand = (frontier: readonly string[]) => Promise<readonly TraceHop[]> | readonly TraceHop[];

export type TraceSide = 'root' | 'related' | 'upstream' | 'downstream';

export interface TraceNode {
  id: string;
  domain: string;
  distance: number;
  side: TraceSide;
}

export interface TraceEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface TraceOptions {
  depth: number;
  limit?: number;
}

export interface TraceResult {
  nodes: TraceNode[];
  edges: TraceEdge[];
  truncated: boolean;
}

/**
 * Where a hop from a node on `side` leads: 'upstream', 'downstream', 'related'
 * (from a planning root into the chain) or nowhere (null).
 */
export function stepSide(fromDomain: string, side: TraceSide, hop: TraceHop): Exclude<TraceSide, 'root'> | null {
  const to = chainRank(hop.toDomain);
  if (to === undefined) return null;
  const from = chainRank(fromDomain);
  if (from === undefined) return side === 'root' ? 'related' : null;
  let move: 'upstream' | 'downstream' | null;
  if (to < from) move = 'upstream';
  else if (to > from) move = 'downstream';
  else move = sameDomainMove(hop);
  if (move === null) return null;
  if (side === 'root' || side === 'related') return move;
  return move === side ? move : null;
}

/** Inside one domain: downstream to what `from` depends on, upstream to what depends on it. */
function sameDomainMove(hop: TraceHop): 'upstream' | 'downstream' | null {
  const dependent = RELATION_DEPENDENCY[hop.type as RelationTypeId]?.dependent;
  if (dependent === 'source') return hop.outgoing ? 'downstream' : 'upstream';
  if (dependent === 'target') return hop.outgoing ? 'upstream' : 'downstream';
  return null;
}

/**
 * Level-by-level walk from the root. A node keeps the side and distance it was
 * first reached with. Edges are the relations seen between nodes of the
 * result, each once.
 */
export async function traceChain(root: { id: string; domain: string }, expand: TraceExpand, options: TraceOptions): Promise<TraceResult> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const nodes = new Map<string, TraceNode>([[root.id, { id: root.id, domain: root.domain, distance: 0, side: 'root' }]]);
  const seen = new Map<string, TraceEdge>();
  let frontier = [root.id];
  let truncated = false;
  for (let distance = 1; distance <= options.depth && frontier.length > 0; distance++) {
    const hops = [...(await expand(frontier))].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.relationId, b.relationId));
    const next: string[] = [];
    for (const hop of hops) {
      const from = nodes.get(hop.from);
      if (!from) continue;
      const edge = { id: hop.relationId, type: hop.type, source: hop.outgoing ? hop.from : hop.to, target: hop.outgoing ? hop.to : hop.from };
      const known = nodes.get(hop.to);
      if (known) {
        seen.set(edge.id, edge);
        continue;
      }
      const side = stepSide(from.domain, from.side, hop);
      if (!side) continue;
      if (nodes.size - 1 >= limit) {
        truncated = true;
        continue;
      }
      nodes.set(hop.to, { id: hop.to, domain: hop.toDomain, distance, side });
      seen.set(edge.id, edge);
      next.push(hop.to);
    }
    frontier = next;
  }
  const edges = [...seen.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));
  edges.sort((a, b) => cmp(a.id, b.id));
  return { nodes: [...nodes.values()], edges, truncated };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
