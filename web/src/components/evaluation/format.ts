/**
 * A value the server already rounded (indexRounded, rounded), written with
 * exactly two decimals in Indonesian: 1.5 → "1,50", 2.98 → "2,98". This pads;
 * it never rounds again (the server's values have at most two decimals).
 */
const twoDecimals = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return twoDecimals.format(v);
}

/** A full-precision value (an estimated level, an index gain) with up to four decimals. */
const upToFour = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 4 });
export function formatPrecise(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return upToFour.format(v);
}

const bytesFmt = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
export function formatBytes(n: number): string {
  if (n < 1024) return `${bytesFmt.format(n)} B`;
  if (n < 1024 * 1024) return `${bytesFmt.format(n / 1024)} KB`;
  return `${bytesFmt.format(n / (1024 * 1024))} MB`;
}
