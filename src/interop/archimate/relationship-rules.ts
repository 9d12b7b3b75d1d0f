/**
 * Which ArchiMate 3.1 relationships are valid between the element types Atlas
 * exports (ArchiMate 3.1 specification, Appendix B "Relationships", as encoded
 * by the Archi modelling tool). Letters: a access, c composition, f flow,
 * g aggregation, i assignment, n influence, o association, r realization,
 * s specialization, t triggering, v serving.
 */
const TYPES = 
["ApplicationComponent","ApplicationInterface","Assessment","BusinessActor","BusinessEvent","BusinessFunction","BusinessObject","BusinessProcess","BusinessService","CommunicationNetwork","Constraint","CourseOfAction","DataObject","Device","Facility","Gap","Goal","Node","Outcome","SystemSoftware","TechnologyService","WorkPackage"] as const;

/** Row = source type, column = target type (same order as TYPES). */
const MATRIX = [
  'cfgorstv|cfgortv|no|fotv|fortv|fortv|ao|fortv|fortv|fotv|nor|or|ao|fotv|fotv|o|nor|fotv|nor|fotv|fotv|o',
  'fotv|cfgostv|no|fotv|fotv|fotv|ao|fotv|fortv|fotv|nor|or|ao|fotv|fotv|o|nor|fotv|nor|fotv|fotv|o',
  'o|o|cgnos|o|o|o|o|o|o|o|no|o|o|o|o|o|no|o|no|o|o|o',
  'fotv|fotv|no|cfgostv|fiotv|fiotv|ao|fiotv|fiortv|fotv|nor|or|ao|fotv|fotv|o|nor|fotv|nor|fotv|fotv|io',
  'fotv|fotv|no|fotv|cfgostv|fotv|ao|fotv|fotv|fotv|nor|o|ao|fotv|fotv|o|nor|fotv|nor|fotv|fotv|o',
  'fotv|fotv|no|fotv|fotv|cfgostv|ao|cfgotv|fortv|fotv|nor|or|ao|fotv|fotv|o|nor|fotv|nor|fotv|fotv|o',
  'o|o|no|o|o|o|cgos|o|o|o|nor|or|o|o|o|o|nor|o|nor|o|o|o',
  'fotv|fotv|no|fotv|fotv|cfgotv|ao|cfgostv|fortv|fotv|nor|or|ao|fotv|fotv|o|nor|fotv|nor|fotv|fotv|o',
  'fotv|fotv|no|fotv|fotv|fotv|ao|fotv|cfgostv|fotv|nor|or|ao|fotv|fotv|o|nor|fotv|nor|fotv|fotv|o',
  'fortv|fortv|no|fiortv|fiortv|fiortv|ao|fiortv|fiortv|cfgostv|nor|or|ao|fgiortv|fgiortv|o|nor|fgiortv|nor|fgiortv|fiortv|o',
  'o|o|no|o|o|o|o|o|o|o|cgnos|o|o|o|o|o|nor|o|nor|o|o|o',
  'o|o|no|o|o|o|o|o|o|o|nor|cfgostv|o|o|o|o|nor|o|nor|o|o|o',
  'o|o|no|o|o|o|or|o|o|o|nor|or|cgos|o|o|o|nor|o|nor|o|o|o',
  'fortv|fortv|no|fiortv|fiortv|fiortv|ao|fiortv|fiortv|fotv|nor|or|ao|cfgiorstv|cfgiorstv|o|nor|cfgiorstv|nor|cfgiorstv|fiortv|o',
  'fortv|fortv|no|fiortv|fiortv|fiortv|ao|fiortv|fiortv|fotv|nor|or|ao|cfgiorstv|cfgiorstv|o|nor|cfgiorstv|nor|cfgiorstv|fiortv|o',
  'o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|cgos|o|o|o|o|o|o',
  'o|o|no|o|o|o|o|o|o|o|no|o|o|o|o|o|cgnos|o|no|o|o|o',
  'fortv|fortv|no|fiortv|fiortv|fiortv|ao|fiortv|fiortv|fotv|nor|or|ao|cfgiorstv|cfgiorstv|o|nor|cfgiorstv|nor|cfgiorstv|fiortv|o',
  'o|o|no|o|o|o|o|o|o|o|no|o|o|o|o|o|nor|o|cgnos|o|o|o',
  'fortv|fortv|no|fiortv|fiortv|fiortv|ao|fiortv|fiortv|fotv|nor|or|ao|cfgiorstv|cfgiorstv|o|nor|cfgiorstv|nor|cfgiorstv|fiortv|o',
  'fotv|fotv|no|fotv|fotv|fotv|ao|fotv|fortv|fotv|nor|or|ao|fotv|fotv|o|nor|fotv|nor|fotv|cfgostv|o',
  'or|or|no|or|or|or|or|or|or|or|nor|or|or|or|or|o|nor|or|nor|or|or|cfgost',
];

export type RuleType = (typeof TYPES)[number];

export const RELATIONSHIP_LETTERS = {
  Access: 'a',
  Composition: 'c',
  Flow: 'f',
  Aggregation: 'g',
  Assignment: 'i',
  Influence: 'n',
  Association: 'o',
  Realization: 'r',
  Specialization: 's',
  Triggering: 't',
  Serving: 'v',
} as const;
export type ArchimateRelationshipType = keyof typeof RELATIONSHIP_LETTERS;

const index = new Map<string, number>(TYPES.map((t, i) => [t, i]));
const cells = MATRIX.map((row) => row.split('|'));

/** Is `relationship` from an element of type `source` to one of type `target` valid ArchiMate 3.1? */
export function isValidArchimateRelationship(relationship: ArchimateRelationshipType, source: string, target: string): boolean {
  const s = index.get(source);
  const t = index.get(target);
  if (s === undefined || t === undefined) return relationship === 'Association';
  return cells[s][t].includes(RELATIONSHIP_LETTERS[relationship]);
}
