/**
 * Small text helpers for name matching. Deliberately simple and explainable:
 * lower case, accents and punctuation removed, Sørensen–Dice similarity on
 * the sets of character bigrams. No stemming, no dictionaries beyond a short stop-word list.
 */

/** Lower case, accents stripped, anything but letters and digits turned into single spaces. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' dan ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A URL reduced to host and path: no scheme, no "www.", no query, no trailing slash, lower case. */
export function normalizeUrl(url: string): string | null {
  const t = url.trim().toLowerCase();
  if (!t) return null;
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?([^/?#]+)([^?#]*)/.exec(t);
  if (!m) return null;
  const path = m[2].replace(/\/+$/, '');
  return m[1] + path;
}

/** The distinct character bigrams of a normalised string, spaces ignored. */
export function bigramSet(normalised: string): Set<string> {
  const grams = new Set<string>();
  const t = normalised.replace(/ /g, '');
  for (let i = 0; i < t.length - 1; i++) grams.add(t.slice(i, i + 2));
  return grams;
}

/** Sørensen–Dice coefficient of two sets: 2|A∩B| / (|A|+|B|). */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/** Sørensen–Dice coefficient of the distinct character bigrams of two names (normalised, spaces ignored): 0…1. */
export function similarity(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na === nb) return 1;
  return dice(bigramSet(na), bigramSet(nb));
}

/**
 * Words that say what sort of thing an application is rather than which one
 * ("Sistem Informasi …", "Aplikasi …", "Layanan …"); ignored when comparing
 * application names.
 */
export const APPLICATION_STOP_WORDS: ReadonlySet<string> = new Set([
  'aplikasi',
  'sistem',
  'informasi',
  'system',
  'information',
  'layanan',
  'manajemen',
  'management',
  'pengelolaan',
  'elektronik',
  'online',
  'daring',
  'digital',
  'e',
  'web',
  'website',
  'portal',
  'si',
  'sim',
  'dan',
  'atau',
  'untuk',
  'dari',
  'yang',
  'di',
  'ke',
  'pada',
  'kota',
  'kabupaten',
  'daerah',
  'data',
]);

/** The distinctive words of a name: normalised, stop words removed. */
export function distinctiveTokens(name: string, stopWords: ReadonlySet<string> = APPLICATION_STOP_WORDS): string[] {
  return normalizeName(name)
    .split(' ')
    .filter((t) => t.length > 1 && !stopWords.has(t));
}
