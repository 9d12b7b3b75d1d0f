import { findKind } from '../kinds/index.js';
import { label } from '../graph/model.js';
import { defineRule, isLive, type RuleFinding } from './rule.js';

/**
 * Hierarchical codes: when both ends of a `composes` relation belong to kinds
 * that declare a code pattern (today: business-process → sub-process and
 * sub-process → sub-process), the part's code continues the whole's code,
 * followed by a separator: BDL-21.03 belongs under BDL-21, not under BDL-20.
 * Kinds without a code pattern (process groups coded "TUJUAN 1", missions,
 * goals) are not hierarchical and are skipped.
 */
export function isUnder(childCode: string, parentCode: string): boolean {
  const c = childCode.trim().toLowerCase();
  const p = parentCode.trim().toLowerCase();
  return c.length > p.length && c.startsWith(p) && /[.\-/ _]/.test(c[p.length]);
}

export const codeHierarchy = defineRule({
  id: 'code-hierarchy',
  severity: 'warning',
  title: { id: 'Kode anak tidak berada di bawah kode induknya', en: 'Child code not under its parent’s code' },
  explain: {
    id: 'Pada jenis yang berkode hierarkis (proses bisnis BDL-nn, sub proses BDL-nn.nn), kode bagian meneruskan kode induknya: BDL-21.03 berada di bawah BDL-21. Bila tidak, relasi "terdiri atas" mungkin keliru atau kodenya salah. Perbaiki relasinya atau kodenya.',
    en: 'For kinds with hierarchical codes (business process BDL-nn, sub-process BDL-nn.nn) a part’s code continues its parent’s: BDL-21.03 belongs under BDL-21. When it does not, either the "composes" relation or the code is wrong. Fix whichever is.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const r of graph.relations) {
      if (r.type !== 'composes') continue;
      const parent = graph.byId.get(r.sourceId);
      const child = graph.byId.get(r.targetId);
      if (!parent || !child || !isLive(parent) || !isLive(child)) continue;
      if (!parent.code?.trim() || !child.code?.trim()) continue;
      if (!findKind(parent.kind)?.codePattern || !findKind(child.kind)?.codePattern) continue;
      if (isUnder(child.code, parent.code)) continue;
      findings.push({
        message: `"${label(child)}" menjadi bagian dari "${label(parent)}", tetapi kode ${child.code} tidak berada di bawah kode ${parent.code}.`,
        messageEn: `"${label(child)}" is part of "${label(parent)}", but code ${child.code} is not under code ${parent.code}.`,
        elementIds: [child.id, parent.id],
      });
    }
    return findings;
  },
});
