import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../common/exceljs.js';
import { stringify } from 'csv-stringify/sync';
import type { Element } from '../../store/repositories/element.repository.js';
import type { OrgUnit } from '../../store/repositories/org-unit.repository.js';
import { findKind, KINDS } from '../../domain/kinds/index.js';
import type { KindDefinition } from '../../domain/kind.js';
import { BOOLEAN_VALUES, columnLetter, columnsFor, neutralise, type Column } from './columns.js';

export type SheetFormat = 'xlsx' | 'csv';

export const DATA_SHEET = 'Data';
const LISTS_SHEET = 'Daftar';
const HELP_SHEET = 'Petunjuk';
const FIRST_DATA_ROW = 3;
const VALIDATED_ROWS = 2000;
/** Workbook "subject" of a template: tells import which kind the rows are. */
export const TEMPLATE_SUBJECT_PREFIX = 'atlas-kind:';

type Cell = string | number | null;

export function cellValue(e: Element, col: Column, orgCode: Map<string, string>): Cell {
  let v: unknown;
  if (col.core) {
    v = col.core === 'org' ? (e.orgUnitId ? (orgCode.get(e.orgUnitId) ?? e.orgUnitId) : null) : e[col.core];
  } else if (col.attribute) {
    v = e.attributes[col.attribute.key];
    if (v !== undefined && v !== null && !findKind(e.kind)?.attributes.some((a) => a.key === col.attribute!.key)) v = null;
  }
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? BOOLEAN_VALUES[0] : BOOLEAN_VALUES[1];
  if (Array.isArray(v)) return neutralise(v.map(String).join('; '));
  return neutralise(String(v));
}

function kindsOf(elements: Element[], kindIds?: string[]): KindDefinition[] {
  const ids = new Set(kindIds?.length ? kindIds : elements.map((e) => e.kind));
  return KINDS.filter((k) => ids.has(k.id));
}

async function workbook(columns: Column[], rows: Cell[][], orgUnits: OrgUnit[], subject?: string): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Atlas SPBE';
  wb.created = new Date(0);
  if (subject) wb.subject = subject;
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.getRow(1);
  const codes = ws.getRow(2);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.required ? `${c.header} *` : c.header;
    codes.getCell(i + 1).value = c.code;
  });
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
  codes.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  for (const r of rows) ws.addRow(r);

  // Lists for drop-downs live on a hidden sheet, one column per list.
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  let listCol = 0;
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((c, i) => {
    if (!c.list) return;
    const values = c.list === 'org' ? orgUnits.map((o) => o.code).sort() : [...c.list];
    if (!values.length) return;
    const letter = columnLetter(listCol++);
    lists.getCell(`${letter}1`).value = c.code;
    values.forEach((v, j) => (lists.getCell(`${letter}${j + 2}`).value = v));
    const col = columnLetter(i);
    validations.add(`${col}${FIRST_DATA_ROW}:${col}${VALIDATED_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${LISTS_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: 'Pilih salah satu nilai dari daftar.',
    });
  });

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 28 }, { width: 26 }, { width: 8 }, { width: 90 }];
  help.addRow(['Kolom', 'Kode', 'Wajib', 'Keterangan']).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.code, c.required ? 'ya' : '', c.help]);
  help.addRow([]);
  help.addRow(['Baris 1 berisi judul kolom, baris 2 kode kolom yang dibaca saat impor; data mulai baris 3. Sel yang diawali =, +, - atau @ diberi tanda petik (\') pada ekspor.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csv(columns: Column[], rows: Cell[][]): string {
  return `\uFEFF${stringify([columns.map((c) => (c.required ? `${c.header} *` : c.header)), columns.map((c) => c.code), ...rows])}`;
}

/** An empty import template for one kind. */
export async function buildTemplate(kind: KindDefinition, orgUnits: OrgUnit[], format: SheetFormat): Promise<Buffer | string> {
  const columns = columnsFor([kind], false);
  return format === 'xlsx' ? workbook(columns, [], orgUnits, `${TEMPLATE_SUBJECT_PREFIX}${kind.id}`) : csv(columns, []);
}

/** A list of elements in the template layout, ready to edit and import again. */
export async function exportElements(elements: Element[], orgUnits: OrgUnit[], format: SheetFormat, kindIds?: string[]): Promise<Buffer | string> {
  const columns = columnsFor(kindsOf(elements, kindIds), true);
  const orgCode = new Map(orgUnits.map((o) => [o.id, o.code]));
  const rows = elements.map((e) => columns.map((c) => cellValue(e, c, orgCode)));
  return format === 'xlsx' ? workbook(columns, rows, orgUnits) : csv(columns, rows);
}
