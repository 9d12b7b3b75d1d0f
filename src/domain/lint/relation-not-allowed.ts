import { findKind, isRelationAllowed } from '../kinds/index.js';
import { RELATION_TYPES, type RelationTypeId } from '../kind.js';
import { label } from '../graph/model.js';
import { defineRule, type RuleFinding } from './rule.js';

/**
 * The API refuses relations a kind does not allow, but relations stored before
 * a kind changed (or loaded by an import that trusted its source) may no
 * longer be allowed. Such a relation misleads impact and traceability analysis.
 */
export const relationNotAllowed = defineRule({
  id: 'relation-not-allowed',
  severity: 'error',
  title: { id: 'Relasi tidak diizinkan jenisnya', en: 'Relation not allowed by its kinds' },
  explain: {
    id: 'Setiap jenis elemen menyatakan relasi apa yang boleh dimilikinya. Relasi yang tersimpan sebelum definisi jenis berubah, atau dari impor, bisa tidak lagi diizinkan dan menyesatkan analisis dampak dan keterlacakan. Hapus relasinya atau ganti dengan jenis relasi yang benar.',
    en: 'Each kind declares which relations it may have. Relations stored before a kind changed, or imported, may no longer be allowed and mislead impact and traceability analysis. Delete the relation or replace it with the right type.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const r of graph.relations) {
      const source = graph.byId.get(r.sourceId);
      const target = graph.byId.get(r.targetId);
      if (!source || !target) continue;
      if (isRelationAllowed(source.kind, r.type as RelationTypeId, target.kind)) continue;
      const s = findKind(source.kind)?.label ?? { id: source.kind, en: source.kind };
      const t = findKind(target.kind)?.label ?? { id: target.kind, en: target.kind };
      const type = RELATION_TYPES[r.type as RelationTypeId] ?? { id: r.type, en: r.type };
      findings.push({
        message: `Relasi "${type.id}" dari ${s.id} "${label(source)}" ke ${t.id} "${label(target)}" tidak diizinkan.`,
        messageEn: `Relation "${type.en}" from ${s.en} "${label(source)}" to ${t.en} "${label(target)}" is not allowed.`,
        elementIds: [source.id, target.id],
      });
    }
    return findings;
  },
});
