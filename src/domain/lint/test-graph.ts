import { findKind } from '../kinds/index.js';
import { indexGraph, type GraphElement, type GraphOrgUnit, type GraphRelation, type IndexedGraph } from '../graph/model.js';

/** Builds small graphs for the rule tests: `el('application', {...})`, `rel('a', 'serves', 'b')`. */
export function el(kind: string, fields: Partial<GraphElement> & { id: string }): GraphElement {
  return {
    domain: findKind(kind)?.domain ?? 'unknown',
    code: null,
    name: fields.id,
    orgUnitId: null,
    lifecycle: 'as-is',
    attributes: {},
    ...fields,
    kind,
  };
}

export function rel(sourceId: string, type: string, targetId: string): GraphRelation {
  return { id: `${sourceId}-${type}-${targetId}`, type, sourceId, targetId };
}

export function org(id: string, name: string, aliases: string[] = []): GraphOrgUnit {
  return { id, code: id.toUpperCase(), name, aliases };
}

export function graph(elements: GraphElement[], relations: GraphRelation[] = [], orgUnits: GraphOrgUnit[] = []): IndexedGraph {
  return indexGraph({ elements, relations, orgUnits });
}
