import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../common/exceljs.js';
import { parse } from 'csv-parse/sync';
import { Problem } from '../../services/problem.js';
import { DATA_SHEET, TEMPLATE_SUBJECT_PREFIX, type SheetFormat } from './export.js';

export type RawCell = string | number | boolean | Date | null;

export interface RawSheet {
  /** The kind a template was made for, if the file says. */
  kind?: string;
  /** Every non-empty row, with its 1-based row number. */
  rows: { row: number; cells: RawCell[] }[];
}

const MAX_ROWS = 20000;

function cellOf(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.replace(/\u0000/g, '');
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellOf((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v);
}

function isEmpty(cells: RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Reads the data sheet of an XLSX workbook or a CSV file (comma or semicolon separated). */
export async function readSheet(body: Buffer, format: SheetFormat): Promise<RawSheet> {
  if (format === 'xlsx') {
    const wb = new (await loadExcelJS()).Workbook();
    try {
      await wb.xlsx.load(body as unknown as ArrayBuffer);
    } catch {
      throw Problem.validation([{ field: 'body', rule: 'xlsx', message: 'The file is not a readable XLSX workbook.' }]);
    }
    const ws = wb.getWorksheet(DATA_SHEET) ?? wb.worksheets[0];
    if (!ws) throw Problem.validation([{ field: 'body', rule: 'xlsx', message: 'The workbook has no sheet.' }]);
    const rows: RawSheet['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
      const values = r.values as ExcelJS.CellValue[];
      const cells: RawCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
      if (!isEmpty(cells)) rows.push({ row: rowNumber, cells });
    });
    if (rows.length > MAX_ROWS) throw Problem.validation([{ field: 'body', rule: 'max', message: `At most ${MAX_ROWS} rows per import.` }]);
    const subject = wb.subject ?? '';
    return { rows, ...(subject.startsWith(TEMPLATE_SUBJECT_PREFIX) ? { kind: subject.slice(TEMPLATE_SUBJECT_PREFIX.length) } : {}) };
  }
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    throw Problem.validation([{ field: 'body', rule: 'csv', message: `Not readable CSV: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  if (records.length > MAX_ROWS) throw Problem.validation([{ field: 'body', rule: 'max', message: `At most ${MAX_ROWS} rows per import.` }]);
  const rows: RawSheet['rows'] = [];
  records.forEach((cells, i) => {
    const c = cells.map((s) => (s === '' ? null : s.replace(/\u0000/g, '')));
    if (!isEmpty(c)) rows.push({ row: i + 1, cells: c });
  });
  return { rows };
}
