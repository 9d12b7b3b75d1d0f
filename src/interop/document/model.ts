/**
 * A small document model that both renderers (DOCX, PDF) understand. Chapter
 * builders produce blocks from data; renderers only lay them out.
 */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; align?: 'center' | 'justify'; bold?: boolean; size?: 'small' | 'large' }
  | { type: 'bullets'; items: string[]; numbered?: boolean }
  | { type: 'table'; id: string; caption: string; headers: string[]; rows: string[][]; widths?: number[]; empty?: string }
  | { type: 'figure'; id: string; caption: string; svg: string; png: Buffer; width: number; height: number }
  | { type: 'pageBreak' };

export interface DocumentModel {
  title: string;
  subtitle?: string;
  /** Lines under the title on the cover (instansi, period, version, date). */
  cover: string[];
  /** Footer text, e.g. "Arsitektur SPBE … · Versi 1.0 · 3 Desember 2026". */
  footer: string;
  blocks: Block[];
}

export type TableBlock = Extract<Block, { type: 'table' }>;

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "3 Desember 2026" */
export function tanggal(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Indonesian number format: 1.234,56 */
export function angka(n: number | null | undefined, decimals = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  return new Intl.NumberFormat('id-ID', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
}

export function tables(model: DocumentModel): TableBlock[] {
  return model.blocks.filter((b): b is TableBlock => b.type === 'table');
}
