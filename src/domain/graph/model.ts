/**
 * The architecture as a plain in-memory graph: what the consistency checks and
 * the in-memory graph algorithms read. A service builds it from the store for
 * one instansi (and one reader: it holds only what that reader may see).
 */
export interface GraphElement {
  id: string;
  kind: string;
  domain: string;
  code: string | null;
  name: string;
  description?: string | null;
  orgUnitId: string | null;
  lifecycle: string;
  classification?: string;
  attributes: Record<string, unknown>;
  /** "RAL:01.16" */
  refCode?: string | null;
  version?: number;
}

export interface GraphRelation {
  id?: string;
  type: string;
  sourceId: string;
  targetId: string;
}

export interface GraphOrgUnit {
  id: string;
  code: string;
  name: string;
  aliases: readonly string[];
}

export interface ArchitectureGraph {
  elements: readonly GraphElement[];
  relations: readonly GraphRelation[];
  orgUnits: readonly GraphOrgUnit[];
}

/** The graph with lookups every rule needs; built once per run. */
export interface IndexedGraph extends ArchitectureGraph {
  byId: ReadonlyMap<string, GraphElement>;
  orgById: ReadonlyMap<string, GraphOrgUnit>;
  /** Relations leaving an element. */
  outgoing(id: string): readonly GraphRelation[];
  /** Relations arriving at an element. */
  incoming(id: string): readonly GraphRelation[];
  ofKind(kind: string): readonly GraphElement[];
}

const NONE: readonly GraphRelation[] = [];

export function indexGraph(graph: ArchitectureGraph): IndexedGraph {
  if (isIndexed(graph)) return graph;
  const byId = new Map(graph.elements.map((e) => [e.id, e]));
  const out = new Map<string, GraphRelation[]>();
  const inc = new Map<string, GraphRelation[]>();
  const kinds = new Map<string, GraphElement[]>();
  for (const r of graph.relations) {
    // A relation to an element outside the graph (hidden from the reader) is ignored.
    if (!byId.has(r.sourceId) || !byId.has(r.targetId)) continue;
    push(out, r.sourceId, r);
    push(inc, r.targetId, r);
  }
  for (const e of graph.elements) push(kinds, e.kind, e);
  return {
    ...graph,
    byId,
    orgById: new Map(graph.orgUnits.map((o) => [o.id, o])),
    outgoing: (id) => out.get(id) ?? NONE,
    incoming: (id) => inc.get(id) ?? NONE,
    ofKind: (kind) => kinds.get(kind) ?? [],
  };
}

function isIndexed(g: ArchitectureGraph): g is IndexedGraph {
  return typeof (g as IndexedGraph).outgoing === 'function';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How an element is named in a message: its code and name, or its name. */
export function label(e: Pick<GraphElement, 'code' | 'name'>): string {
  return e.code ? `${e.code} ${e.name}` : e.name;
}
