import type ExcelJS from 'exceljs';

/**
 * exceljs adds ≈ 30 MB to a process's memory. Most requests never touch a
 * spreadsheet, so it is loaded when one is first read or written.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** A report sheet's header row: bold on a light blue fill, wrapped. */
export function addHeaderRow(ws: ExcelJS.Worksheet, headers: readonly (string | number)[]): ExcelJS.Row {
  const row = ws.addRow([...headers]);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
  row.alignment = { vertical: 'top', wrapText: true };
  return row;
}
