import { findKind } from '../kinds/index.js';
import { label } from '../graph/model.js';
import { defineRule, isLive, type RuleFinding } from './rule.js';

/**
 * Codes are how documents (Tabel 4.2, the RPJMD, the Peta Rencana) refer to an
 * element, so within one kind a code should name one element. The seed itself
 * breaks this (BDL-20.01 and BDL-47.01 are each used twice), which is why codes
 * are never keys in Atlas and why this is a check rather than a constraint,
 * and a warning rather than an error.
 * Codes are compared trimmed and case-insensitively; retired elements are ignored.
 */
export const duplicateCode = defineRule({
  id: 'duplicate-code',
  severity: 'warning',
  title: { id: 'Kode ganda dalam satu jenis', en: 'Duplicate code within a kind' },
  explain: {
    id: 'Kode dipakai dokumen (Tabel 4.2, Peta Rencana, RPJMD) untuk merujuk satu elemen. Dua elemen sejenis dengan kode yang sama membuat rujukan itu ambigu. Beri salah satu elemen kode baru, atau gabungkan bila keduanya sebenarnya elemen yang sama.',
    en: 'Documents (Tabel 4.2, the roadmap, the RPJMD) refer to an element by its code. Two elements of one kind sharing a code make that reference ambiguous. Give one of them a new code, or merge them when they are really the same element.',
  },
  check(graph) {
    const groups = new Map<string, string[]>();
    for (const e of graph.elements) {
      if (!e.code?.trim() || !isLive(e)) continue;
      const key = `${e.kind}\u0000${e.code.trim().toLowerCase()}`;
      const list = groups.get(key);
      if (list) list.push(e.id);
      else groups.set(key, [e.id]);
    }
    const findings: RuleFinding[] = [];
    for (const ids of groups.values()) {
      if (ids.length < 2) continue;
      const first = graph.byId.get(ids[0])!;
      const kind = findKind(first.kind)?.label ?? { id: first.kind, en: first.kind };
      const names = ids.map((id) => `"${label(graph.byId.get(id)!)}"`).join(', ');
      findings.push({
        message: `Kode ${first.code!.trim()} dipakai oleh ${ids.length} elemen ${kind.id}: ${names}.`,
        messageEn: `Code ${first.code!.trim()} is used by ${ids.length} ${kind.en} elements: ${names}.`,
        elementIds: ids,
      });
    }
    return findings;
  },
});
