import { findKind } from '../kinds/index.js';
import { label, type GraphElement, type IndexedGraph } from '../graph/model.js';
import { defineRule, type RuleFinding } from './rule.js';

/** An initiative counts as delivering unless it was cancelled. */
export function deliveringInitiatives(graph: IndexedGraph, e: GraphElement): GraphElement[] {
  const out: GraphElement[] = [];
  for (const r of graph.incoming(e.id)) {
    if (r.type !== 'delivers') continue;
    const source = graph.byId.get(r.sourceId);
    if (source?.kind === 'initiative' && source.attributes.status !== 'dibatalkan') out.push(source);
  }
  return out;
}

/** A to-be architecture element outside planning with no (uncancelled) initiative delivering it. */
export function isUnplannedTarget(graph: IndexedGraph, e: GraphElement): boolean {
  return e.lifecycle === 'to-be' && e.domain !== 'planning' && deliveringInitiatives(graph, e).length === 0;
}

/**
 * A target (to-be) element is a promise; the Peta Rencana says who keeps it,
 * when and with what budget. A to-be element that no initiative `delivers`
 * (or only cancelled ones) is a target without a plan.
 */
export const tobeWithoutInitiative = defineRule({
  id: 'tobe-without-initiative',
  severity: 'warning',
  title: { id: 'Elemen target tanpa inisiatif', en: 'Target element without an initiative' },
  explain: {
    id: 'Elemen kondisi target (to-be) hanya tercapai bila ada inisiatif Peta Rencana yang mewujudkannya, lengkap dengan OPD penanggung jawab, tahun dan anggaran. Tautkan elemen ini ke inisiatif dengan relasi "menghasilkan target", atau buat inisiatifnya. Inisiatif yang dibatalkan tidak dihitung.',
    en: 'A target (to-be) element is reached only when a roadmap initiative delivers it, with an OPD in charge, years and budget. Link it to an initiative with a "delivers" relation, or create the initiative. Cancelled initiatives do not count.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const e of graph.elements) {
      if (!isUnplannedTarget(graph, e)) continue;
      const kind = findKind(e.kind)?.label ?? { id: e.kind, en: e.kind };
      findings.push({
        message: `${kind.id} target "${label(e)}" belum diwujudkan oleh inisiatif Peta Rencana mana pun.`,
        messageEn: `Target ${kind.en} "${label(e)}" is delivered by no roadmap initiative.`,
        elementIds: [e.id],
      });
    }
    return findings;
  },
});
