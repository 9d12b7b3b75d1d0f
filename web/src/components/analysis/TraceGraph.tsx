import { useEffect, useRef } from 'react';
import cytoscape from 'cytoscape';

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
 * Clicking a node opens the element. The container carries the nodes' on-screen centres in
 * `data-node-positions` (JSON id → {x, y}, relative to the container) so that browser tests can click them.
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
    const short = (name: string) => (name.length > 50 ? `${name.slice(0, 47)}…` : name);
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
          data: { id: n.id, label: `${n.code ? `${n.code} · ` : ''}${short(n.name)}\n(${kindLabel(n.kind)})` },
          position: position(n),
          classes: n.id === rootId ? 'center' : n.side,
        })),
        ...edges
          .filter((e) => ids.has(e.source) && ids.has(e.target))
          .map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: relationLabel(e.type) } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            'background-color': '#e6f4ff',
            'border-color': '#0b57c6',
            'border-width': 1,
            shape: 'round-rectangle',
            label: 'data(label)',
            'text-wrap': 'wrap',
            'text-max-width': '170px',
            'text-valign': 'center',
            'text-halign': 'center',
            'font-size': 11,
            color: '#1f1f1f',
            width: 190,
            height: 72,
          },
        },
        { selector: 'node.related', style: { 'background-color': '#fff7e6', 'border-color': '#ad6800' } },
        { selector: 'node.center', style: { 'background-color': '#0b57c6', color: '#fff', 'border-width': 2 } },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#8c8c8c',
            'target-arrow-color': '#8c8c8c',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            label: 'data(label)',
            'font-size': 9,
            color: '#333',
            'text-background-color': '#fff',
            'text-background-opacity': 1,
            'text-rotation': 'autorotate',
          },
        },
      ],
      layout: { name: 'preset', fit: true, padding: 24 },
    });
    const publish = () => {
      const pos: Record<string, { x: number; y: number }> = {};
      cy.nodes().forEach((n) => {
        const p = n.renderedPosition();
        pos[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
      });
      container.dataset.nodePositions = JSON.stringify(pos);
    };
    publish();
    cy.on('render viewport', publish);
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id();
      if (id !== rootId) onOpen(id);
    });
    return () => cy.destroy();
  }, [rootId, nodes, edges, kindLabel, relationLabel, onOpen]);

  return <div ref={ref} className="atlas-graph" role="img" aria-label={ariaLabel} data-testid="trace-graph" />;
}
