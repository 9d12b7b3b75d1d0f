import type cytoscape from 'cytoscape';

/** The look every architecture graph shares: element boxes, the focused element filled, labelled arrows. */
export const GRAPH_STYLE: cytoscape.StylesheetStyle[] = [
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
];

/** A node's label: code · name (cut to `max` characters), then the kind on its own line. */
export function nodeLabel(code: string | null, name: string, kind: string, max: number): string {
  const short = name.length > max ? `${name.slice(0, max - 3)}…` : name;
  return `${code ? `${code} · ` : ''}${short}\n(${kind})`;
}

/**
 * Opens an element when its node is clicked (not the focused one), and keeps the nodes' on-screen
 * centres in the container's `data-node-positions` (JSON id → {x, y}, relative to the container)
 * so that browser tests can click them.
 */
export function clickableNodes(cy: cytoscape.Core, container: HTMLElement, focusId: string, onOpen: (id: string) => void): void {
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
    const id = (evt.target as cytoscape.NodeSingular).id();
    if (id !== focusId) onOpen(id);
  });
}
