import type ExcelJS from 'exceljs';

/**
 * exceljs adds ≈ 30 MB to a process's memory. Most requests never touch a
 * spreadsheet, so it is loaded when one is first read or written.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** Label–value rows of a summary sheet: the label bold, the value left-aligned in its number format. */
export function addKeyValueRows(ws: ExcelJS.Worksheet, rows: readonly (readonly [string, string | number | null, string?])[]): void {
  for (const [label, value, numFmt] of rows) {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { horizontal: 'left' };
    if (numFmt) row.getCell(2).numFmt = numFmt;
  }
}

/** A report sheet's header row: bold on a light blue fill, wrapped. */
export function addHeaderRow(ws: ExcelJS.Worksheet, headers: readonly (string | number)[]): ExcelJS.Row {
  const row = ws.addRow([...headers]);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
  row.alignment = { vertical: 'top', wrapText: true };
  return row;
}
