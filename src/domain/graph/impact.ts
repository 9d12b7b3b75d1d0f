import { RELATION_TYPES, type RelationTypeId } from '../kind.js';

/**
 * Impact analysis: which elements depend, directly or through others, on an
 * element (its dependants: what breaks when it changes or fails), and which
 * elements it depends on (its dependencies: what it needs).
 *
 * A relation is directed source → target; whether the source depends on the
 * target or the other way round depends on its type. Each type says which end
 * is the *dependent* one:
 *
 *  - target: the target depends on the source (the source provides something
 *    to it). serves, realizes, supports, produces, hosts, connects, protects,
 *    closes, delivers.
 *  - source: the source depends on the target (it consumes or is made of the
 *    target). composes, aggregates, uses, accesses, concerns.
 *  - both: a two-way exchange. integrates.
 *
 * `composes`: the whole depends on its parts. If a sub-process, a module or a
 * network segment is impaired, so is the process, application or network made
 * of it; impact therefore climbs from a failing server through the
 * application and sub-process it serves to the business process and process
 * group. (ArchiMate reads composition the other way for existence — a part
 * cannot outlive its whole — but for change and failure impact, which is what
 * this answers, the whole depending on its parts is what planners need.)
 */
export type DependentEnd = 'source' | 'target' | 'both';

export interface RelationDependency {
  dependent: DependentEnd;
  /** One line for the documentation and the UI legend. */
  why: { id: string; en: string };
}

export const RELATION_DEPENDENCY: Record<RelationTypeId, RelationDependency> = {
  composes: {
    dependent: 'source',
    why: { id: 'Keseluruhan bergantung pada bagian-bagiannya.', en: 'The whole depends on its parts.' },
  },
  aggregates: {
    dependent: 'source',
    why: { id: 'Kelompok bergantung pada anggotanya.', en: 'The group depends on its members.' },
  },
  serves: {
    dependent: 'target',
    why: { id: 'Yang dilayani bergantung pada yang melayani.', en: 'What is served depends on what serves it.' },
  },
  realizes: {
    dependent: 'target',
    why: { id: 'Layanan bergantung pada aplikasi yang mewujudkannya.', en: 'A service depends on the application realizing it.' },
  },
  supports: {
    dependent: 'target',
    why: { id: 'Tujuan/sasaran bergantung pada yang mendukungnya.', en: 'A goal or objective depends on what supports it.' },
  },
  uses: {
    dependent: 'source',
    why: { id: 'Pengguna bergantung pada yang digunakan.', en: 'The user depends on what it uses.' },
  },
  accesses: {
    dependent: 'source',
    why: { id: 'Yang mengakses data bergantung pada data itu.', en: 'Whatever accesses data depends on it.' },
  },
  produces: {
    dependent: 'target',
    why: { id: 'Data bergantung pada proses/aplikasi yang menghasilkannya.', en: 'Data depend on the process or application producing them.' },
  },
  hosts: {
    dependent: 'target',
    why: { id: 'Yang ditampung bergantung pada penampungnya (server, cloud, fasilitas).', en: 'What is hosted depends on its host (server, cloud, facility).' },
  },
  connects: {
    dependent: 'target',
    why: { id: 'Yang dihubungkan bergantung pada jaringan/penghubungnya.', en: 'What is connected depends on the network or bus connecting it.' },
  },
  integrates: {
    dependent: 'both',
    why: { id: 'Dua aplikasi yang terintegrasi saling bergantung.', en: 'Two integrated applications depend on each other.' },
  },
  protects: {
    dependent: 'target',
    why: { id: 'Yang dilindungi bergantung pada pelindungnya.', en: 'What is protected depends on its protection.' },
  },
  concerns: {
    dependent: 'source',
    why: {
      id: 'Kesenjangan atau kegiatan keamanan bergantung pada elemen yang dibahasnya: bila elemen berubah, ia perlu ditinjau.',
      en: 'A gap or security activity depends on the element it is about: when the element changes, it needs review.',
    },
  },
  closes: {
    dependent: 'target',
    why: { id: 'Penutupan kesenjangan bergantung pada inisiatifnya.', en: 'Closing a gap depends on its initiative.' },
  },
  delivers: {
    dependent: 'target',
    why: { id: 'Elemen target bergantung pada inisiatif yang mewujudkannya.', en: 'A target element depends on the initiative delivering it.' },
  },
};

export const IMPACT_DIRECTIONS = ['dependants', 'dependencies'] as const;
export type ImpactDirection = (typeof IMPACT_DIRECTIONS)[number];

/**
 * Which relation types to follow from a known element to the next one:
 * `forward` from the relation's source to its target, `backward` from its
 * target to its source. Relation types not declared above are not followed.
 */
export function traversal(direction: ImpactDirection): { forward: RelationTypeId[]; backward: RelationTypeId[] } {
  const forward: RelationTypeId[] = [];
  const backward: RelationTypeId[] = [];
  for (const type of Object.keys(RELATION_TYPES) as RelationTypeId[]) {
    const { dependent } = RELATION_DEPENDENCY[type];
    // Dependants of X: for target-dependent types X is the source and the target depends on it.
    const targetDependsOnSource = dependent === 'target' || dependent === 'both';
    const sourceDependsOnTarget = dependent === 'source' || dependent === 'both';
    if (direction === 'dependants') {
      if (targetDependsOnSource) forward.push(type);
      if (sourceDependsOnTarget) backward.push(type);
    } else {
      if (sourceDependsOnTarget) forward.push(type);
      if (targetDependsOnSource) backward.push(type);
    }
  }
  return { forward, backward };
}

/** One step from an element already reached (`from`) to a neighbour (`to`) along a relation of `type`. */
export interface Hop {
  from: string;
  to: string;
  type: string;
}

/** Given the elements of one BFS level, the hops leaving them (one batch: one or a few queries, never one per element). */
export type Expand = (frontier: readonly string[]) => Promise<readonly Hop[]> | readonly Hop[];

export interface ImpactItem {
  id: string;
  /** Number of relations between the start and this element along the shortest chain. */
  distance: number;
  /** Element ids from the start to this element, both included. */
  path: string[];
  /** Type of the last relation on the path. */
  relation: string;
}

export interface ImpactOptions {
  depth: number;
  /** Stop after this many elements (the result says it was truncated). */
  limit?: number;
}

export interface ImpactResult {
  items: ImpactItem[];
  truncated: boolean;
}

/**
 * Breadth-first search level by level: every level is expanded in one call, so
 * a store answers it with batched queries. Each element is reported once, at
 * its shortest distance, with one shortest path (deterministic: the path
 * through the earliest-reached predecessor, ties broken by id). Cycles end
 * where they meet an element already reached. The start is not reported.
 */
export async function impactBfs(startId: string, expand: Expand, options: ImpactOptions): Promise<ImpactResult> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const paths = new Map<string, string[]>([[startId, [startId]]]);
  const items: ImpactItem[] = [];
  let frontier = [startId];
  let truncated = false;
  for (let distance = 1; distance <= options.depth && frontier.length > 0 && !truncated; distance++) {
    const order = new Map(frontier.map((id, i) => [id, i]));
    const hops = [...(await expand(frontier))]
      .filter((h) => order.has(h.from))
      .sort((a, b) => order.get(a.from)! - order.get(b.from)! || cmp(a.to, b.to) || cmp(a.type, b.type));
    const next: string[] = [];
    for (const hop of hops) {
      if (paths.has(hop.to)) continue;
      if (items.length >= limit) {
        truncated = true;
        break;
      }
      const path = [...paths.get(hop.from)!, hop.to];
      paths.set(hop.to, path);
      items.push({ id: hop.to, distance, path, relation: hop.type });
      next.push(hop.to);
    }
    frontier = next;
  }
  return { items, truncated };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DirectedRelation {
  type: string;
  sourceId: string;
  targetId: string;
}

/** An Expand over relations held in memory, following the dependency semantics of `direction`. */
export function memoryExpand(relations: readonly DirectedRelation[], direction: ImpactDirection): (frontier: readonly string[]) => Hop[] {
  const { forward, backward } = traversal(direction);
  const fwd = new Set<string>(forward);
  const bwd = new Set<string>(backward);
  const out = new Map<string, Hop[]>();
  const add = (h: Hop) => {
    const list = out.get(h.from);
    if (list) list.push(h);
    else out.set(h.from, [h]);
  };
  for (const r of relations) {
    if (fwd.has(r.type)) add({ from: r.sourceId, to: r.targetId, type: r.type });
    if (bwd.has(r.type)) add({ from: r.targetId, to: r.sourceId, type: r.type });
  }
  return (frontier) => frontier.flatMap((id) => out.get(id) ?? []);
}
