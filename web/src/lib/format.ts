/** Indonesian formats: numbers 1.234,56 and dates "3 Desember 2026". */
const numberFmt = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
const integerFmt = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return Number.isInteger(n) ? integerFmt.format(n) : numberFmt.format(n);
}

export function formatRupiah(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return 'Rp ' + integerFmt.format(n);
}

function dateLocale(lang: string | undefined): string {
  return lang?.startsWith('en') ? 'en-GB' : 'id-ID';
}

function parse(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  if (value instanceof Date) return value;
  // A bare ISO date is a calendar date: read it as local noon so no time zone shifts the day.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(value: string | Date | null | undefined, lang?: string): string {
  const d = parse(value);
  if (!d) return typeof value === 'string' ? value : '';
  return new Intl.DateTimeFormat(dateLocale(lang), { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

export function formatDateTime(value: string | Date | null | undefined, lang?: string): string {
  const d = parse(value);
  if (!d) return typeof value === 'string' ? value : '';
  return new Intl.DateTimeFormat(dateLocale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}
