import type ExcelJS from 'exceljs';

/**
 * exceljs adds ≈ 30 MB to a process's memory. Most requests never touch a
 * spreadsheet, so it is loaded when one is first read or written.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
