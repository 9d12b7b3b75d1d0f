import type { GraphElement, IndexedGraph } from '../graph/model.js';
import { duplicateApplicationGroups } from './applications.js';
import { defineRule, type RuleFinding } from './rule.js';

export function orgName(graph: IndexedGraph, e: GraphElement): string {
  const org = e.orgUnitId ? graph.orgById.get(e.orgUnitId) : undefined;
  return org ? org.code : '–';
}

/**
 * One application, one element: each OPD's use of it is a relation, not a
 * second registration. Two application elements with the same normalised name
 * (case, punctuation and spacing ignored) or the same address (scheme, "www."
 * and trailing slash ignored) are reported, whether under different OPDs (the
 * usual case: "Website profil" registered by every dinas) or under one.
 */
export const duplicateApplication = defineRule({
  id: 'duplicate-application',
  severity: 'warning',
  title: { id: 'Aplikasi tercatat lebih dari sekali', en: 'Application registered more than once' },
  explain: {
    id: 'Satu aplikasi dicatat sebagai satu elemen; pemakaian oleh beberapa Perangkat Daerah dinyatakan dengan relasi. Nama yang sama (setelah huruf besar/kecil, tanda baca dan spasi diabaikan) atau alamat URL yang sama menandakan aplikasi dicatat ganda — atau beberapa aplikasi sejenis yang dapat dikonsolidasikan (Perpres 95/2018). Gabungkan elemennya, atau bedakan namanya bila memang aplikasi berbeda.',
    en: 'One application is one element; its use by several OPDs is expressed by relations. The same name (case, punctuation and spacing ignored) or the same URL means it was registered twice — or that several similar applications could be consolidated (Perpres 95/2018). Merge the elements, or name them apart when they really are different applications.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const g of duplicateApplicationGroups(graph)) {
      const orgs = new Set(g.elements.map((e) => e.orgUnitId ?? ''));
      const where = g.elements.map((e) => orgName(graph, e)).join(', ');
      const what = g.by === 'url' ? { id: `alamat ${g.value}`, en: `address ${g.value}` } : { id: `nama "${g.elements[0].name}"`, en: `name "${g.elements[0].name}"` };
      findings.push({
        message:
          orgs.size > 1
            ? `Aplikasi dengan ${what.id} tercatat ${g.elements.length} kali oleh ${orgs.size} Perangkat Daerah (${where}).`
            : `Aplikasi dengan ${what.id} tercatat ${g.elements.length} kali oleh Perangkat Daerah yang sama (${where}).`,
        messageEn:
          orgs.size > 1
            ? `An application with ${what.en} is registered ${g.elements.length} times by ${orgs.size} OPDs (${where}).`
            : `An application with ${what.en} is registered ${g.elements.length} times by the same OPD (${where}).`,
        elementIds: g.elements.map((e) => e.id),
      });
    }
    return findings;
  },
});
