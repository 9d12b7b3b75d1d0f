import { useEffect, useRef } from 'react';
import cytoscape from 'cytoscape';
import type { Element, Relation } from '../api/types';

/** The element and its direct neighbours (Cytoscape.js, loaded in its own chunk). */
export default function RelationGraph({
  element,
  outgoing,
  incoming,
  kindLabel,
  relationLabel,
  ariaLabel,
  onOpen,
}: {
  element: Element;
  outgoing: Relation[];
  incoming: Relation[];
  kindLabel: (kind: string) => string;
  relationLabel: (type: string) => string;
  ariaLabel: string;
  onOpen: (id: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!ref.current) return;
    const nodes = new Map<string, { id: string; label: string; kind: string; center?: boolean }>();
    const short = (name: string) => (name.length > 60 ? `${name.slice(0, 57)}…` : name);
    const nodeLabel = (code: string | null, name: string) => (code ? `${code} · ${short(name)}` : short(name));
    nodes.set(element.id, { id: element.id, label: nodeLabel(element.code, element.name), kind: element.kind, center: true });
    for (const r of outgoing) nodes.set(r.target.id, { id: r.target.id, label: nodeLabel(r.target.code, r.target.name), kind: r.target.kind });
    for (const r of incoming) nodes.set(r.source.id, { id: r.source.id, label: nodeLabel(r.source.code, r.source.name), kind: r.source.kind });
    const cy = cytoscape({
      container: ref.current,
      elements: [
        ...[...nodes.values()].map((n) => ({
          data: { id: n.id, label: `${n.label}\n(${kindLabel(n.kind)})` },
          classes: n.center ? 'center' : '',
        })),
        ...[...outgoing, ...incoming].map((r) => ({
          data: { id: r.id, source: r.sourceId, target: r.targetId, label: relationLabel(r.type) },
        })),
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
      layout: nodes.size > 1 ? { name: 'concentric', concentric: (n) => (n.hasClass('center') ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 40 } : { name: 'grid' },
    });
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id();
      if (id !== element.id) onOpen(id);
    });
    return () => cy.destroy();
  }, [element, outgoing, incoming, kindLabel, relationLabel, onOpen]);

  return <div ref={ref} className="atlas-graph" role="img" aria-label={ariaLabel} />;
}
