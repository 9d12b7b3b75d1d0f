import type { AttributeField, KindDefinition } from '../../domain/kind.js';
import { CLASSIFICATIONS, LIFECYCLES } from '../../domain/kind.js';

/**
 * The columns of a spreadsheet of elements. Row 1 holds the Indonesian
 * header, row 2 the field code that import reads; data start on row 3.
 */
export type CoreField = 'id' | 'kind' | 'code' | 'name' | 'description' | 'org' | 'refCode' | 'lifecycle' | 'classification' | 'provenance';

export interface Column {
  /** Field code (row 2): a core field or "attributes.<key>". */
  code: string;
  header: string;
  help: string;
  required?: boolean;
  core?: CoreField;
  attribute?: AttributeField;
  /** Values offered as a drop-down list. */
  list?: 'org' | readonly string[];
  /** Several values in one cell, separated by ";". */
  multi?: boolean;
  width: number;
}

export const LIFECYCLE_HELP = 'as-is (kondisi saat ini), to-be (kondisi target) atau retired (tidak dipakai lagi).';

export function coreColumns(withKind: boolean): Column[] {
  const cols: Column[] = [
    { code: 'id', core: 'id', header: 'ID Atlas', help: 'Kosongkan untuk elemen baru; isi untuk mengubah elemen yang ada (diisi otomatis pada ekspor).', width: 38 },
  ];
  if (withKind) cols.push({ code: 'kind', core: 'kind', header: 'Jenis', help: 'Kode jenis elemen, mis. application, service, data.', required: true, width: 18 });
  cols.push(
    { code: 'code', core: 'code', header: 'Kode', help: 'Kode lokal, mis. BDL-04.06. Bila ID kosong, baris dicocokkan dengan elemen yang ada menurut jenis, kode dan Perangkat Daerah.', width: 14 },
    { code: 'name', core: 'name', header: 'Nama', help: 'Nama elemen.', required: true, width: 40 },
    { code: 'description', core: 'description', header: 'Uraian', help: 'Deskripsi/uraian elemen.', width: 50 },
    { code: 'org', core: 'org', header: 'Perangkat Daerah (kode)', help: 'Kode Perangkat Daerah pemilik (lihat daftar).', list: 'org', width: 22 },
    { code: 'refCode', core: 'refCode', header: 'Model Referensi', help: 'Simpul model referensi, MODEL:kode, mis. RAL:01.16.', width: 16 },
    { code: 'lifecycle', core: 'lifecycle', header: 'Siklus Hidup', help: LIFECYCLE_HELP, list: LIFECYCLES, width: 12 },
    { code: 'classification', core: 'classification', header: 'Klasifikasi', help: 'terbuka, terbatas atau rahasia.', list: CLASSIFICATIONS, width: 12 },
    { code: 'provenance', core: 'provenance', header: 'Sumber', help: 'Asal-usul data, mis. "Tabel 4.5".', width: 16 },
  );
  return cols;
}

export const BOOLEAN_VALUES = ['Ya', 'Tidak'] as const;

function attributeColumn(field: AttributeField): Column {
  const help = [field.help?.id, field.unit ? `Satuan: ${field.unit}.` : '', field.type === 'date' ? 'Format: YYYY-MM-DD.' : '']
    .filter(Boolean)
    .join(' ');
  const col: Column = { code: `attributes.${field.key}`, attribute: field, header: field.label.id, help, required: field.required, width: 20 };
  switch (field.type) {
    case 'enum':
      col.list = (field.options ?? []).map((o) => o.value);
      break;
    case 'enum[]':
      col.multi = true;
      col.help = `${col.help} Beberapa nilai dipisah ";": ${(field.options ?? []).map((o) => o.value).join('; ')}.`.trim();
      break;
    case 'string[]':
      col.multi = true;
      col.help = `${col.help} Beberapa nilai dipisah ";".`.trim();
      break;
    case 'boolean':
      col.list = BOOLEAN_VALUES;
      break;
    case 'text':
      col.width = 40;
      break;
  }
  return col;
}

/** Core columns, then the attributes of the kinds (a key shared by several kinds is one column). */
export function columnsFor(kinds: readonly KindDefinition[], withKind = kinds.length !== 1): Column[] {
  const cols = coreColumns(withKind);
  const seen = new Set<string>();
  for (const k of kinds) {
    for (const field of k.attributes) {
      if (seen.has(field.key)) continue;
      seen.add(field.key);
      cols.push(attributeColumn(field));
    }
  }
  return cols;
}

/** Spreadsheet column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Cells beginning with =, +, -, @ (or a tab/carriage return) would run as formulas in a spreadsheet: prefix them with "'". */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The reverse of neutralise, applied on import. */
export function unneutralise(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}
