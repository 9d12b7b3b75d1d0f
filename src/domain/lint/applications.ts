import type { GraphElement, IndexedGraph } from '../graph/model.js';
import { bigramSet, dice, distinctiveTokens, normalizeName, normalizeUrl } from './text.js';
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

interface GeneralName {
  index: number;
  products: string[];
  tokens: string[];
  grams: Set<string>;
}

function describeGeneral(name: string, index: number): GeneralName {
  const tokens = distinctiveTokens(name).filter((t) => !AGENCY_WORDS.has(t));
  return { index, products: productNames(name), tokens, grams: bigramSet(tokens.join(' ')) };
}

interface LocalName {
  tokens: Set<string>;
  grams: Set<string>;
}

function describeLocal(name: string): LocalName | null {
  const l = distinctiveTokens(name);
  return l.length ? { tokens: new Set(l), grams: bigramSet(l.join(' ')) } : null;
}

function score(l: LocalName, g: GeneralName): number {
  if (g.products.some((p) => l.tokens.has(p))) return 1;
  if (g.tokens.length === 0) return 0;
  if (g.tokens.every((t) => l.tokens.has(t)) && (g.tokens.length > 1 || g.tokens[0].length >= 4)) return 1;
  const s = dice(l.grams, g.grams);
  return s >= NAME_SIMILARITY_THRESHOLD ? s : 0;
}

/**
 * How close a local application's name is to a general one's: 1 when the local
 * name contains the general one's product name (an upper-case word of four
 * letters or more, e.g. SRIKANDI) or all its distinctive words (stop words such
 * as "Sistem Informasi", "Aplikasi", "Layanan" and the owning agency's words
 * removed; a single remaining word must have four letters or more); otherwise
 * the Dice similarity of the bigram sets of the distinctive words when it
 * reaches 0.8; otherwise 0.
 */
export function generalNameMatch(localName: string, generalName: string): number {
  const l = describeLocal(localName);
  return l ? score(l, describeGeneral(generalName, 0)) : 0;
}

/** Minimum overlap a set of `n` bigrams needs with any partner to reach the Dice threshold t: n·t/(2−t). */
function minOverlap(n: number): number {
  const t = NAME_SIMILARITY_THRESHOLD;
  return Math.max(1, Math.ceil((n * t) / (2 - t) - 1e-9));
}

/**
 * Finds, for a local application name, the general application it resembles
 * most (as `generalNameMatch`, ties to the earlier general) without comparing
 * it with every general application: product names and distinctive words are
 * looked up in maps, and the similarity rule uses prefix filtering — under one
 * global order of bigrams (rarest first), two sets reaching Dice t share a
 * bigram within the first n − ⌈n·t/(2−t)⌉ + 1 of each — so only generals
 * sharing such a bigram are scored.
 */
export class GeneralNameIndex {
  private readonly generals: GeneralName[];
  private readonly byProduct = new Map<string, GeneralName[]>();
  private readonly byToken = new Map<string, GeneralName[]>();
  private readonly byPrefixGram = new Map<string, GeneralName[]>();
  private readonly rank = new Map<string, number>();

  constructor(names: readonly string[]) {
    this.generals = names.map(describeGeneral);
    const df = new Map<string, number>();
    for (const g of this.generals) for (const gram of g.grams) df.set(gram, (df.get(gram) ?? 0) + 1);
    [...df.keys()].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0)).forEach((gram, i) => this.rank.set(gram, i));
    const tf = new Map<string, number>();
    for (const g of this.generals) for (const t of new Set(g.tokens)) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const g of this.generals) {
      for (const p of g.products) push(this.byProduct, p, g);
      // Every distinctive word must be in the local name, so its rarest one is enough to find it by.
      if (g.tokens.length) push(this.byToken, g.tokens.reduce((a, b) => (tf.get(b)! < tf.get(a)! ? b : a)), g);
      for (const gram of this.prefix(g.grams)) push(this.byPrefixGram, gram, g);
    }
  }

  /** The bigrams of a set a Dice match must share one of, rarest first (unknown bigrams first of all). */
  private prefix(grams: ReadonlySet<string>): string[] {
    const ordered = [...grams].sort((a, b) => (this.rank.get(a) ?? -1) - (this.rank.get(b) ?? -1) || (a < b ? -1 : a > b ? 1 : 0));
    return ordered.slice(0, grams.size - minOverlap(grams.size) + 1);
  }

  /** The best match for a local application name: index of the general name and score, or null. */
  best(localName: string): { index: number; score: number } | null {
    const l = describeLocal(localName);
    if (!l) return null;
    const candidates = new Set<GeneralName>();
    for (const t of l.tokens) {
      for (const g of this.byProduct.get(t) ?? []) candidates.add(g);
      for (const g of this.byToken.get(t) ?? []) candidates.add(g);
    }
    for (const gram of this.prefix(l.grams)) for (const g of this.byPrefixGram.get(gram) ?? []) candidates.add(g);
    let best: { index: number; score: number } | null = null;
    for (const g of candidates) {
      const s = score(l, g);
      if (s > 0 && (!best || s > best.score || (s === best.score && g.index < best.index))) best = { index: g.index, score: s };
    }
    return best;
  }
}

/** Local (khusus/lokal) applications whose name is close to a general (umum) application's (Perpres 95/2018). */
export function localDuplicatesOfGeneral(graph: IndexedGraph): GeneralMatch[] {
  const apps = graph.ofKind('application').filter(isLive);
  const general = apps.filter(isGeneralApplication);
  const index = new GeneralNameIndex(general.map((g) => g.name));
  const cache = new Map<string, { index: number; score: number } | null>();
  const matches: GeneralMatch[] = [];
  for (const local of apps.filter(isLocalApplication)) {
    const key = normalizeName(local.name);
    if (!cache.has(key)) cache.set(key, index.best(local.name));
    const best = cache.get(key);
    if (best) matches.push({ local, general: general[best.index], score: best.score });
  }
  return matches;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
