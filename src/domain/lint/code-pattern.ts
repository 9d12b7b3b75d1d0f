import { findKind } from '../kinds/index.js';
import { label } from '../graph/model.js';
import { defineRule, isLive, type RuleFinding } from './rule.js';

/**
 * A kind may declare the shape of its local codes (`codePattern`, e.g. a
 * sub-process is BDL-nn.nn). Codes that break it are usually typing slips
 * ("WK.22.06" among the BDL-22.xx rows of Tabel 4.2) or an element filed under
 * the wrong kind. Elements without a code are not this rule's business.
 */
export const codePattern = defineRule({
  id: 'code-pattern',
  severity: 'warning',
  title: { id: 'Kode tidak sesuai pola jenisnya', en: 'Code does not match its kind’s pattern' },
  explain: {
    id: 'Beberapa jenis elemen memiliki pola kode (mis. sub proses bisnis BDL-nn.nn). Kode yang menyimpang biasanya salah ketik atau elemen tercatat pada jenis yang keliru. Perbaiki kodenya atau pindahkan elemen ke jenis yang tepat.',
    en: 'Some kinds have a code pattern (e.g. a business sub-process is BDL-nn.nn). A code that departs from it is usually a typing slip or an element filed under the wrong kind. Fix the code or re-create the element as the right kind.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    const patterns = new Map<string, RegExp | null>();
    for (const e of graph.elements) {
      if (!e.code?.trim() || !isLive(e)) continue;
      if (!patterns.has(e.kind)) {
        const p = findKind(e.kind)?.codePattern;
        patterns.set(e.kind, p ? new RegExp(p) : null);
      }
      const re = patterns.get(e.kind);
      if (!re || re.test(e.code.trim())) continue;
      const kind = findKind(e.kind)!;
      findings.push({
        message: `Kode "${e.code}" pada ${kind.label.id} "${label(e)}" tidak sesuai pola ${kind.codePattern}.`,
        messageEn: `Code "${e.code}" of ${kind.label.en} "${label(e)}" does not match the pattern ${kind.codePattern}.`,
        elementIds: [e.id],
      });
    }
    return findings;
  },
});
