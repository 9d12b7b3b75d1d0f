import { useEffect, useRef } from 'react';
import cytoscape from 'cytoscape';
import { clickableNodes, GRAPH_STYLE, nodeLabel } from '../graph';

export interface TraceNode {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  domain: string;
  side: 'root' | 'related' | 'upstream' | 'downstream';
}
export interface TraceEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

/** Domain columns left to right, strategy to security (planning last). */
const DOMAIN_ORDER = ['strategy', 'business', 'service', 'data', 'application', 'infrastructure', 'security', 'planning'];

/**
 * The traceability chain as a graph (Cytoscape.js, loaded in its own chunk): one column per domain.
 * Clicking a node opens the element.
 */
export default function TraceGraph({
  rootId,
  nodes,
  edges,
  kindLabel,
  relationLabel,
  ariaLabel,
  onOpen,
}: {
  rootId: string;
  nodes: TraceNode[];
  edges: TraceEdge[];
  kindLabel: (kind: string) => string;
  relationLabel: (type: string) => string;
  ariaLabel: string;
  onOpen: (id: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const ids = new Set(nodes.map((n) => n.id));
    // Column by domain, row by order of appearance within the domain.
    const rows = new Map<string, number>();
    const position = (n: TraceNode) => {
      const col = Math.max(0, DOMAIN_ORDER.indexOf(n.domain));
      const row = rows.get(n.domain) ?? 0;
      rows.set(n.domain, row + 1);
      return { x: col * 230, y: row * 95 };
    };
    const cy = cytoscape({
      container,
      elements: [
        ...nodes.map((n) => ({
          data: { id: n.id, label: nodeLabel(n.code, n.name, kindLabel(n.kind), 50) },
          position: position(n),
          classes: n.id === rootId ? 'center' : n.side,
        })),
        ...edges
          .filter((e) => ids.has(e.source) && ids.has(e.target))
          .map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: relationLabel(e.type) } })),
      ],
      style: [...GRAPH_STYLE, { selector: 'node.related', style: { 'background-color': '#fff7e6', 'border-color': '#ad6800' } }],
      layout: { name: 'preset', fit: true, padding: 24 },
    });
    clickableNodes(cy, container, rootId, onOpen);
    return () => cy.destroy();
  }, [rootId, nodes, edges, kindLabel, relationLabel, onOpen]);

  return <div ref={ref} className="atlas-graph" role="img" aria-label={ariaLabel} data-testid="trace-graph" />;
}
