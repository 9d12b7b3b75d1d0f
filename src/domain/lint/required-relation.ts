import { findKind } from '../kinds/index.js';
import { RELATION_TYPES, type Label, type RelationTypeId } from '../kind.js';
import { label, type GraphElement, type IndexedGraph } from '../graph/model.js';
import { defineRule, isLive, type RuleFinding } from './rule.js';

/**
 * What each kind must be connected to, declared here as data. The kinds
 * declare what relations are *allowed*; this declares which are *expected*.
 * `direction: 'in'` means another element points at this one (a business
 * process is composed *by* a process group); `'out'` means this one points
 * out (an application serves or realizes something). `from` limits the kinds
 * at the other end; empty means any kind.
 */
export interface RelationRequirement {
  kind: string;
  direction: 'in' | 'out';
  types: readonly RelationTypeId[];
  from: readonly string[];
  /** What is missing, completing "… has no …". */
  missing: Label;
}

export const RELATION_REQUIREMENTS: readonly RelationRequirement[] = [
  {
    kind: 'business-process',
    direction: 'in',
    types: ['composes'],
    from: ['process-group'],
    missing: { id: 'kelompok proses bisnis yang memuatnya', en: 'process group composing it' },
  },
  {
    kind: 'sub-process',
    direction: 'in',
    types: ['composes'],
    from: ['business-process', 'sub-process'],
    missing: { id: 'proses bisnis induk', en: 'parent business process' },
  },
  {
    kind: 'mission',
    direction: 'in',
    types: ['composes'],
    from: ['vision'],
    missing: { id: 'visi yang memuatnya', en: 'vision composing it' },
  },
  {
    kind: 'goal',
    direction: 'in',
    types: ['composes'],
    from: ['mission'],
    missing: { id: 'misi yang memuatnya', en: 'mission composing it' },
  },
  {
    kind: 'objective',
    direction: 'in',
    types: ['composes'],
    from: ['goal'],
    missing: { id: 'tujuan yang memuatnya', en: 'goal composing it' },
  },
  {
    kind: 'application',
    direction: 'out',
    types: ['serves', 'realizes'],
    from: [],
    missing: { id: 'relasi melayani/mewujudkan layanan atau proses bisnis', en: 'serves/realizes relation to a service or business process' },
  },
  {
    kind: 'application-interface',
    direction: 'out',
    types: ['connects'],
    from: ['application'],
    missing: { id: 'aplikasi yang dihubungkan', en: 'application it connects' },
  },
];

export function meetsRequirement(graph: IndexedGraph, e: GraphElement, req: RelationRequirement): boolean {
  const relations = req.direction === 'in' ? graph.incoming(e.id) : graph.outgoing(e.id);
  return relations.some((r) => {
    if (!(req.types as readonly string[]).includes(r.type)) return false;
    if (req.from.length === 0) return true;
    const other = graph.byId.get(req.direction === 'in' ? r.sourceId : r.targetId);
    return !!other && req.from.includes(other.kind);
  });
}

function describeTypes(req: RelationRequirement): { id: string; en: string } {
  return {
    id: req.types.map((t) => `"${RELATION_TYPES[t].id}"`).join('/'),
    en: req.types.map((t) => `"${RELATION_TYPES[t].en}"`).join('/'),
  };
}

export const requiredRelation = defineRule({
  id: 'required-relation',
  severity: 'warning',
  title: { id: 'Relasi wajib belum ada', en: 'Required relation missing' },
  explain: {
    id: 'Setiap elemen harus tertaut pada kerangkanya: proses bisnis dimuat kelompok proses bisnis, sub proses dimuat proses bisnis, misi/tujuan/sasaran dimuat visi/misi/tujuan, aplikasi melayani atau mewujudkan layanan atau proses bisnis. Elemen yang lepas tidak terlacak dalam analisis keterlacakan dan dampak. Tambahkan relasinya.',
    en: 'Every element must hang in its frame: business processes in a process group, sub-processes in a business process, missions/goals/objectives under the vision/mission/goal, applications serving or realizing a service or process. A loose element drops out of traceability and impact analysis. Add the relation.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const req of RELATION_REQUIREMENTS) {
      const kind = findKind(req.kind);
      if (!kind) continue;
      const types = describeTypes(req);
      for (const e of graph.ofKind(req.kind)) {
        if (!isLive(e) || meetsRequirement(graph, e, req)) continue;
        findings.push({
          message: `${kind.label.id} "${label(e)}" belum memiliki ${req.missing.id} (relasi ${types.id}).`,
          messageEn: `${kind.label.en} "${label(e)}" has no ${req.missing.en} (${types.en} relation).`,
          elementIds: [e.id],
        });
      }
    }
    return findings;
  },
});
