import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../common/exceljs.js';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';
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

const notXlsx = () => Problem.validation([{ field: 'body', rule: 'xlsx', message: 'The file is not a readable XLSX workbook.' }]);

/** The template kind a workbook declares in its document properties (docProps/core.xml, dc:subject). */
async function templateKind(zip: JSZip): Promise<string | undefined> {
  const core = await zip.file('docProps/core.xml')?.async('string');
  if (!core) return undefined;
  const props = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(core) as { coreProperties?: { subject?: unknown } };
  const subject = props.coreProperties?.subject;
  return typeof subject === 'string' && subject.startsWith(TEMPLATE_SUBJECT_PREFIX) ? subject.slice(TEMPLATE_SUBJECT_PREFIX.length) : undefined;
}

/** 20,000 rows of the widest template unpack to ≈ 15 MB; anything far beyond is not a sheet of elements. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * What the zip's directory says its entries unpack to. JSZip keeps the sizes
 * in a field its typings leave private; a file without them counts as 0 here
 * and is still bounded by the row limit.
 */
function declaredUnpackedBytes(zip: JSZip): number {
  let total = 0;
  zip.forEach((_, file) => {
    const size = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
    if (typeof size === 'number' && Number.isFinite(size)) total += size;
  });
  return total;
}

/**
 * The data sheet (named "Data", else the first) of an XLSX workbook, read
 * with exceljs's streaming reader: cells are turned into plain values row by
 * row and the workbook model is never built, which for a 10,000-row import
 * halves the memory the read takes. Every sheet is read to its end so that
 * the reader removes the temporary files it parks sheets in.
 */
async function readXlsx(body: Buffer, maxUnpackedBytes: number): Promise<RawSheet> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(body);
  } catch {
    throw notXlsx();
  }
  // A zip bomb is refused before anything is unpacked (exceljs would park its sheets in temporary files).
  if (declaredUnpackedBytes(zip) > maxUnpackedBytes) {
    throw Problem.validation([{ field: 'body', rule: 'max-unpacked-size', message: `The workbook unpacks to more than ${Math.round(maxUnpackedBytes / 1024 / 1024)} MB.` }]);
  }
  const kind = await templateKind(zip).catch(() => undefined);
  const { stream } = await loadExcelJS();
  const reader = new stream.xlsx.WorkbookReader(Readable.from([body]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let first: RawSheet['rows'] | undefined;
  let data: RawSheet['rows'] | undefined;
  try {
    for await (const sheet of reader) {
      const isData = (sheet as unknown as { name?: string }).name === DATA_SHEET;
      let keep: RawSheet['rows'] | undefined;
      if (isData && !data) keep = data = [];
      else if (!first) keep = first = [];
      for await (const r of sheet) {
        if (!keep) continue;
        const values = r.values as ExcelJS.CellValue[];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
        // One row past the limit is enough to refuse the file; the rest is read and dropped.
        if (!isEmpty(cells) && keep.length <= MAX_ROWS) keep.push({ row: r.number, cells });
      }
    }
  } catch {
    throw notXlsx();
  }
  const rows = data ?? first;
  if (!rows) throw Problem.validation([{ field: 'body', rule: 'xlsx', message: 'The workbook has no sheet.' }]);
  if (rows.length > MAX_ROWS) throw Problem.validation([{ field: 'body', rule: 'max', message: `At most ${MAX_ROWS} rows per import.` }]);
  return { rows, ...(kind ? { kind } : {}) };
}

/** Reads the data sheet of an XLSX workbook or a CSV file (comma or semicolon separated). */
export async function readSheet(body: Buffer, format: SheetFormat, limits = { maxUnpackedBytes: MAX_UNPACKED_BYTES }): Promise<RawSheet> {
  if (format === 'xlsx') return readXlsx(body, limits.maxUnpackedBytes);
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
