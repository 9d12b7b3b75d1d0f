import { useEffect, useRef } from 'react';
import cytoscape from 'cytoscape';
import type { Element, Relation } from '../api/types';
import { clickableNodes, GRAPH_STYLE, nodeLabel } from './graph';

/** The element and its direct neighbours (Cytoscape.js, loaded in its own chunk); clicking a neighbour opens it. */
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
    const container = ref.current;
    if (!container) return;
    const nodes = new Map<string, { id: string; label: string; center?: boolean }>();
    const label = (e: { code: string | null; name: string; kind: string }) => nodeLabel(e.code, e.name, kindLabel(e.kind), 60);
    nodes.set(element.id, { id: element.id, label: label(element), center: true });
    for (const r of outgoing) nodes.set(r.target.id, { id: r.target.id, label: label(r.target) });
    for (const r of incoming) nodes.set(r.source.id, { id: r.source.id, label: label(r.source) });
    const cy = cytoscape({
      container,
      elements: [
        ...[...nodes.values()].map((n) => ({
          data: { id: n.id, label: n.label },
          classes: n.center ? 'center' : '',
        })),
        ...[...outgoing, ...incoming].map((r) => ({
          data: { id: r.id, source: r.sourceId, target: r.targetId, label: relationLabel(r.type) },
        })),
      ],
      style: GRAPH_STYLE,
      layout: nodes.size > 1 ? { name: 'concentric', concentric: (n) => (n.hasClass('center') ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 40 } : { name: 'grid' },
    });
    clickableNodes(cy, container, element.id, onOpen);
    return () => cy.destroy();
  }, [element, outgoing, incoming, kindLabel, relationLabel, onOpen]);

  return <div ref={ref} className="atlas-graph" role="img" aria-label={ariaLabel} data-testid="relation-graph" />;
}
