import type { GraphElement, IndexedGraph } from '../graph/model.js';
import { distinctiveTokens, normalizeName, normalizeUrl, similarity } from './text.js';
import { isLive } from './rule.js';

/**
 * Application matching shared by the duplicate rules and the portfolio's
 * rationalisation candidates.
 */

export function isGeneralApplication(e: GraphElement): boolean {
  return e.attributes.category === 'umum';
}

/** A local application: category khusus, or scope lokal when the category is not given. */
export function isLocalApplication(e: GraphElement): boolean {
  const category = e.attributes.category;
  if (category === 'umum') return false;
  return category === 'khusus' || e.attributes.scope === 'lokal';
}

export interface DuplicateGroup {
  /** 'name' when the normalised names are equal, 'url' when the addresses are. */
  by: 'name' | 'url';
  value: string;
  elements: GraphElement[];
}

/**
 * Applications registered more than once: equal normalised names or equal
 * normalised URLs, under different OPDs. The same name under one OPD twice is
 * a duplicate too (`sameOrg` tells which). An element in a URL group is not
 * reported again by name.
 */
export function duplicateApplicationGroups(graph: IndexedGraph): DuplicateGroup[] {
  const apps = graph.ofKind('application').filter(isLive);
  const byUrl = new Map<string, GraphElement[]>();
  for (const a of apps) {
    const url = typeof a.attributes.url === 'string' ? normalizeUrl(a.attributes.url) : null;
    if (url) push(byUrl, url, a);
  }
  const groups: DuplicateGroup[] = [];
  const inUrlGroup = new Set<string>();
  for (const [url, list] of byUrl) {
    if (list.length < 2) continue;
    groups.push({ by: 'url', value: url, elements: list });
    for (const a of list) inUrlGroup.add(a.id);
  }
  const byName = new Map<string, GraphElement[]>();
  for (const a of apps) {
    const name = normalizeName(a.name);
    if (name) push(byName, name, a);
  }
  for (const [name, list] of byName) {
    if (list.length < 2 || list.every((a) => inUrlGroup.has(a.id))) continue;
    groups.push({ by: 'name', value: name, elements: list });
  }
  return groups;
}

export interface GeneralMatch {
  local: GraphElement;
  general: GraphElement;
  score: number;
}

/** How similar two application names must be, on character bigrams of their distinctive words. */
export const NAME_SIMILARITY_THRESHOLD = 0.8;

/**
 * Words naming the agency that owns a general application ("SIPADES
 * Kemendagri", "Simluhtan Kementerian Pertanian"): dropped from the general
 * name before comparing, since a local copy rarely repeats them.
 */
export const AGENCY_WORDS: ReadonlySet<string> = new Set([
  'kementerian', 'kementrian', 'kemendagri', 'kemenkes', 'kemenkeu', 'kemenag', 'kemensos', 'kemnaker', 'kemenpanrb', 'panrb',
  'kominfo', 'komdigi', 'bkkbn', 'pupr', 'bpjs', 'bpjk', 'bpk', 'bkn', 'bps', 'bssn', 'anri', 'lkpp', 'provinsi', 'pusat',
  'nasional', 'ri', 'republik', 'indonesia', 'dalam', 'negeri', 'badan', 'lembaga',
]);

/** Upper-case words of at least four letters in the general name (SRIKANDI, SIPADES, OMSPAN): product names. */
function productNames(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length >= 4 && /[A-Z]/.test(w) && w === w.toUpperCase() && !AGENCY_WORDS.has(w.toLowerCase()))
    .map((w) => w.toLowerCase());
}

/**
 * How close a local application's name is to a general one's: 1 when the local
 * name contains the general one's product name (an upper-case word of four
 * letters or more, e.g. SRIKANDI) or all its distinctive words (stop words such
 * as "Sistem Informasi", "Aplikasi", "Layanan" and the owning agency's words
 * removed; a single remaining word must have four letters or more); otherwise
 * the bigram Dice similarity of the distinctive words when it reaches 0.8;
 * otherwise 0.
 */
export function generalNameMatch(localName: string, generalName: string): number {
  const l = distinctiveTokens(localName);
  if (l.length === 0) return 0;
  const ls = new Set(l);
  if (productNames(generalName).some((p) => ls.has(p))) return 1;
  const g = distinctiveTokens(generalName).filter((t) => !AGENCY_WORDS.has(t));
  if (g.length === 0) return 0;
  if (g.every((t) => ls.has(t)) && (g.length > 1 || g[0].length >= 4)) return 1;
  const score = similarity(l.join(' '), g.join(' '));
  return score >= NAME_SIMILARITY_THRESHOLD ? score : 0;
}

/** Local (khusus/lokal) applications whose name is close to a general (umum) application's (Perpres 95/2018). */
export function localDuplicatesOfGeneral(graph: IndexedGraph): GeneralMatch[] {
  const apps = graph.ofKind('application').filter(isLive);
  const general = apps.filter(isGeneralApplication);
  const matches: GeneralMatch[] = [];
  for (const local of apps.filter(isLocalApplication)) {
    let best: GeneralMatch | undefined;
    for (const g of general) {
      const score = generalNameMatch(local.name, g.name);
      if (score > 0 && (!best || score > best.score)) best = { local, general: g, score };
    }
    if (best) matches.push(best);
  }
  return matches;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
