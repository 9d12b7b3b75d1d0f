import type { GraphOrgUnit } from '../graph/model.js';
import { normalizeName, similarity } from './text.js';
import { defineRule, isLive, type RuleFinding } from './rule.js';

/**
 * Attributes that name a Perangkat Daerah in free text: the kinds' "Unit
 * Pengembang", "Unit Operasional", "Unit Pelaksana", "Unit Pengelola", "Unit
 * Kerja Penanggung jawab", "Produsen Data", "Walidata", "Kepemilikan", "Nama
 * Pemilik". Descriptions are not scanned: telling where an OPD name ends in
 * running text needs more than this rule should guess.
 */
export const ORG_NAME_FIELDS: readonly string[] = [
  'developerUnit',
  'operatorUnit',
  'implementingUnit',
  'managingUnit',
  'responsibleUnit',
  'producer',
  'custodian',
  'ownership',
  'ownerName',
];

/** How close a text must be to an official name or alias to be called a variant of it. */
export const ORG_SIMILARITY_THRESHOLD = 0.8;

export interface OrgMatch {
  org: GraphOrgUnit;
  /** The official name or alias it came closest to. */
  matched: string;
  score: number;
}

function namesOf(org: GraphOrgUnit): string[] {
  return [org.name, org.code, ...org.aliases];
}

/**
 * Resolves a text naming an OPD: `exact` when it is an official name, alias or
 * code (case and punctuation aside) or contains one as whole words ("Bidang
 * Aptika Dinas Komunikasi dan Informatika"); otherwise the closest OPD when it
 * is at least 80 % similar; otherwise nothing (another agency, a unit we cannot
 * place: not this rule's to judge).
 */
export function resolveOrgName(text: string, orgs: readonly GraphOrgUnit[]): { exact: true } | { exact: false; match: OrgMatch } | null {
  const t = normalizeName(text);
  if (!t) return { exact: true };
  const padded = ` ${t} `;
  let best: OrgMatch | null = null;
  for (const org of orgs) {
    for (const name of namesOf(org)) {
      const n = normalizeName(name);
      if (!n) continue;
      if (n === t || (n.length >= 4 && padded.includes(` ${n} `))) return { exact: true };
      const score = similarity(t, n);
      if (score >= ORG_SIMILARITY_THRESHOLD && (!best || score > best.score)) best = { org, matched: name, score };
    }
  }
  return best ? { exact: false, match: best } : null;
}

export const orgNameVariant = defineRule({
  id: 'org-name-variant',
  severity: 'info',
  title: { id: 'Nama Perangkat Daerah tidak baku', en: 'Unresolved OPD name variant' },
  explain: {
    id: 'Nama Perangkat Daerah pada atribut (unit pengembang, unit pengelola, produsen data, walidata, …) sebaiknya persis nama resmi atau alias yang tercatat, agar laporan per Perangkat Daerah tepat. Nilai yang mirip tetapi tidak sama (mis. "Dinas Komunikasi dan Informasi") ditandai beserta Perangkat Daerah terdekat. Perbaiki nilainya, atau tambahkan sebagai alias Perangkat Daerah itu. Nilai yang tidak mirip Perangkat Daerah mana pun (instansi lain, bidang) tidak ditandai.',
    en: 'OPD names in attributes (developer unit, managing unit, data producer, custodian, …) should be the recorded official name or an alias, so per-OPD reports are right. A value close to but not equal to one (e.g. "Dinas Komunikasi dan Informasi") is flagged with the nearest OPD. Fix the value, or add it as an alias of that OPD. Values close to no OPD (another agency, a section) are not flagged.',
  },
  check(graph) {
    const byValue = new Map<string, { text: string; match: OrgMatch; ids: string[]; fields: Set<string> }>();
    const cache = new Map<string, ReturnType<typeof resolveOrgName>>();
    for (const e of graph.elements) {
      if (!isLive(e)) continue;
      for (const field of ORG_NAME_FIELDS) {
        const value = e.attributes[field];
        if (typeof value !== 'string' || !value.trim()) continue;
        const key = normalizeName(value);
        if (!cache.has(key)) cache.set(key, resolveOrgName(value, graph.orgUnits));
        const resolved = cache.get(key);
        if (!resolved || resolved.exact) continue;
        const entry = byValue.get(key) ?? { text: value.trim(), match: resolved.match, ids: [], fields: new Set<string>() };
        if (!entry.ids.includes(e.id)) entry.ids.push(e.id);
        entry.fields.add(field);
        byValue.set(key, entry);
      }
    }
    const findings: RuleFinding[] = [];
    for (const { text, match, ids } of byValue.values()) {
      const pct = Math.round(match.score * 100);
      findings.push({
        message: `"${text}" (pada ${ids.length} elemen) bukan nama atau alias Perangkat Daerah yang tercatat; paling mirip "${match.org.name}" (${match.org.code}, kemiripan ${pct}%). Perbaiki nilainya atau tambahkan sebagai alias.`,
        messageEn: `"${text}" (in ${ids.length} element${ids.length > 1 ? 's' : ''}) is not a recorded OPD name or alias; closest is "${match.org.name}" (${match.org.code}, ${pct}% similar). Fix the value or add it as an alias.`,
        elementIds: ids,
      });
    }
    return findings;
  },
});
