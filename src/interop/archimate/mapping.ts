import { findKind, isRelationAllowed, KINDS } from '../../domain/kinds/index.js';
import type { RelationTypeId } from '../../domain/kind.js';
import { isValidArchimateRelationship, type ArchimateRelationshipType } from './relationship-rules.js';

/**
 * The documented mapping between Atlas kinds and relation types and the
 * ArchiMate 3.1 exchange format (docs/interop.md shows it as tables). Export
 * writes the Atlas kind and relation type as properties, so a file that Atlas
 * wrote comes back exactly; the reverse maps below are for files written by
 * other tools.
 */

/** Every Atlas kind → the ArchiMate element type it is exported as. */
export const KIND_TO_ARCHIMATE: Record<string, string> = {
  vision: 'Goal',
  mission: 'Goal',
  goal: 'Goal',
  objective: 'Outcome',
  'process-group': 'BusinessFunction',
  'business-process': 'BusinessProcess',
  'sub-process': 'BusinessProcess',
  service: 'BusinessService',
  data: 'DataObject',
  application: 'ApplicationComponent',
  'application-interface': 'ApplicationInterface',
  cloud: 'Node',
  'platform-software': 'SystemSoftware',
  server: 'Node',
  storage: 'Device',
  'network-device': 'Device',
  'security-device': 'Device',
  peripheral: 'Device',
  'service-bus': 'TechnologyService',
  intranet: 'CommunicationNetwork',
  facility: 'Facility',
  'security-hardware': 'Device',
  'security-standard': 'Constraint',
  'security-awareness': 'CourseOfAction',
  vulnerability: 'Assessment',
  'security-improvement': 'CourseOfAction',
  incident: 'BusinessEvent',
  'security-audit': 'Assessment',
  'security-assessment': 'Assessment',
  gap: 'Gap',
  initiative: 'WorkPackage',
};

/** An OPD (Perangkat Daerah) is exported as a business actor. */
export const ORG_UNIT_TYPE = 'BusinessActor';

/**
 * ArchiMate element type → Atlas kind, for elements that carry no atlas:kind
 * property. Where several kinds share a type, a kind whose code pattern
 * matches the element's code wins (sub-process for "BDL-04.06"), else the
 * first listed.
 */
export const ARCHIMATE_TO_KINDS: Record<string, string[]> = {
  Goal: ['goal', 'vision', 'mission'],
  Outcome: ['objective'],
  BusinessFunction: ['process-group'],
  BusinessProcess: ['business-process', 'sub-process'],
  BusinessService: ['service'],
  BusinessObject: ['data'],
  DataObject: ['data'],
  ApplicationComponent: ['application'],
  ApplicationInterface: ['application-interface'],
  Node: ['server', 'cloud'],
  SystemSoftware: ['platform-software'],
  Device: ['network-device', 'storage', 'security-device', 'peripheral', 'security-hardware'],
  TechnologyService: ['service-bus'],
  CommunicationNetwork: ['intranet'],
  Facility: ['facility'],
  Constraint: ['security-standard'],
  CourseOfAction: ['security-improvement', 'security-awareness'],
  Assessment: ['security-assessment', 'vulnerability', 'security-audit'],
  BusinessEvent: ['incident'],
  Gap: ['gap'],
  WorkPackage: ['initiative'],
};

/** ArchiMate element types Atlas has no kind for (reported as not mapped on import). */
export const UNMAPPED_ELEMENT_TYPES = [
  'BusinessRole',
  'BusinessCollaboration',
  'BusinessInterface',
  'BusinessInteraction',
  'Contract',
  'Representation',
  'Product',
  'ApplicationCollaboration',
  'ApplicationFunction',
  'ApplicationInteraction',
  'ApplicationProcess',
  'ApplicationEvent',
  'ApplicationService',
  'TechnologyCollaboration',
  'TechnologyInterface',
  'Path',
  'TechnologyFunction',
  'TechnologyProcess',
  'TechnologyInteraction',
  'TechnologyEvent',
  'Artifact',
  'Equipment',
  'DistributionNetwork',
  'Material',
  'Stakeholder',
  'Driver',
  'Principle',
  'Requirement',
  'Meaning',
  'Value',
  'Resource',
  'Capability',
  'ValueStream',
  'Deliverable',
  'ImplementationEvent',
  'Plateau',
  'Grouping',
  'Location',
  'AndJunction',
  'OrJunction',
];

export interface RelationMapping {
  /** Preferred ArchiMate relationships, first valid one wins; Association is the fallback. */
  types: ArchimateRelationshipType[];
  /** Write the relationship from target to source (an application *uses* a platform = the platform *serves* it). */
  reversed?: boolean;
  accessType?: 'Access' | 'Read' | 'Write' | 'ReadWrite';
}

/** Every Atlas relation type → ArchiMate relationship. */
export const RELATION_TO_ARCHIMATE: Record<RelationTypeId, RelationMapping> = {
  composes: { types: ['Composition', 'Aggregation'] },
  aggregates: { types: ['Aggregation'] },
  serves: { types: ['Serving'] },
  realizes: { types: ['Realization'] },
  supports: { types: ['Influence', 'Realization'] },
  uses: { types: ['Serving'], reversed: true },
  accesses: { types: ['Access'], accessType: 'Access' },
  produces: { types: ['Access'], accessType: 'Write' },
  hosts: { types: ['Assignment', 'Realization'] },
  connects: { types: ['Association'] },
  integrates: { types: ['Flow'] },
  protects: { types: ['Association'] },
  concerns: { types: ['Association'] },
  closes: { types: ['Association'] },
  delivers: { types: ['Realization'] },
};

export interface ExportedRelationship {
  type: ArchimateRelationshipType;
  reversed: boolean;
  accessType?: string;
  /** Directed association (every association Atlas writes has a direction). */
  directed?: boolean;
}

/** The ArchiMate relationship an Atlas relation is written as, valid for the two element types. */
export function relationshipFor(relationType: string, sourceType: string, targetType: string): ExportedRelationship {
  const m = RELATION_TO_ARCHIMATE[relationType as RelationTypeId];
  if (m) {
    const [from, to] = m.reversed ? [targetType, sourceType] : [sourceType, targetType];
    for (const type of m.types) {
      if (type !== 'Association' && isValidArchimateRelationship(type, from, to)) {
        return { type, reversed: !!m.reversed, ...(type === 'Access' && m.accessType ? { accessType: m.accessType } : {}) };
      }
    }
  }
  return { type: 'Association', reversed: false, directed: true };
}

/**
 * Atlas relation types an ArchiMate relationship may stand for, most likely
 * first (for relationships without an atlas:relationType property). `reversed`
 * means the Atlas relation runs from the ArchiMate target to its source.
 */
export function candidateRelations(type: string, accessType: string | undefined): { type: RelationTypeId; reversed: boolean }[] {
  const f = (t: RelationTypeId, reversed = false) => ({ type: t, reversed });
  switch (type) {
    case 'Composition':
      return [f('composes')];
    case 'Aggregation':
      return [f('aggregates'), f('composes')];
    case 'Serving':
      return [f('serves'), f('uses', true)];
    case 'Realization':
      return [f('realizes'), f('delivers'), f('hosts'), f('supports')];
    case 'Access':
      return accessType === 'Write' ? [f('produces'), f('accesses')] : [f('accesses'), f('produces')];
    case 'Influence':
      return [f('supports')];
    case 'Flow':
      return [f('integrates')];
    case 'Assignment':
      return [f('hosts')];
    case 'Association':
      return [f('connects'), f('protects'), f('concerns'), f('closes'), f('integrates'), f('supports'), f('uses'), f('serves')];
    default:
      return [];
  }
}

/** The first candidate Atlas allows between the two kinds (trying the other direction for undirected associations). */
export function mapRelationship(
  type: string,
  accessType: string | undefined,
  sourceKind: string,
  targetKind: string,
  undirected: boolean,
): { type: RelationTypeId; reversed: boolean } | null {
  for (const c of candidateRelations(type, accessType)) {
    const [s, t] = c.reversed ? [targetKind, sourceKind] : [sourceKind, targetKind];
    if (isRelationAllowed(s, c.type, t)) return c;
  }
  if (undirected) {
    for (const c of candidateRelations(type, accessType)) {
      if (isRelationAllowed(targetKind, c.type, sourceKind)) return { type: c.type, reversed: !c.reversed };
    }
  }
  return null;
}

/** The Atlas kind for an ArchiMate element without an atlas:kind property. */
export function kindForType(type: string, code: string | null): string | null {
  const kinds = ARCHIMATE_TO_KINDS[type];
  if (!kinds) return null;
  if (code) {
    for (const id of kinds) {
      const pattern = findKind(id)?.codePattern;
      if (pattern && new RegExp(pattern).test(code)) return id;
    }
  }
  return kinds[0];
}

/** Sanity: every kind is mapped (checked by the tests too). */
export function unmappedKinds(): string[] {
  return KINDS.filter((k) => !KIND_TO_ARCHIMATE[k.id]).map((k) => k.id);
}
