import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSheet, type RawCell } from './parse.js';
import { Problem } from '../../services/problem.js';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function problemOf(p: Promise<unknown>): Promise<Problem> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(Problem);
  return e as Problem;
}

const tempFiles = () => readdirSync(tmpdir()).filter((f) => f.startsWith('tmp-')).length;

describe('readSheet (XLSX)', () => {
  it('turns every kind of cell into a plain value and skips empty rows', async () => {
    const date = new Date(Date.UTC(2025, 2, 14));
    const body = await workbook((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getRow(1).values = ['Nama', 'Jumlah', 'Aktif', 'Tanggal', 'Catatan', 'Rumus', 'Tautan'];
      ws.getRow(3).values = [
        'SIMPEG',
        12.5,
        true,
        date,
        { richText: [{ text: 'sangat ' }, { text: 'penting', font: { bold: true } }] },
        { formula: '1+1', result: 2 },
        { text: 'portal', hyperlink: 'https://bandarlampungkota.go.id' },
      ];
      ws.getRow(4).values = ['  ', null];
      ws.getRow(5).values = ['Nol\u0000byte'];
    });
    const sheet = await readSheet(body, 'xlsx');
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 3, 5]);
    expect(sheet.rows[1].cells).toEqual(['SIMPEG', 12.5, true, date, 'sangat penting', 2, 'portal']);
    expect(sheet.rows[2].cells).toEqual(['Nolbyte']);
    expect(sheet.kind).toBeUndefined();
  });

  it('reads the sheet named Data wherever it is, else the first sheet', async () => {
    const dataSecond = await workbook((wb) => {
      wb.addWorksheet('Petunjuk').getRow(1).values = ['Isi lembar Data'];
      wb.addWorksheet('Data').getRow(1).values = ['Kode'];
      wb.addWorksheet('Daftar').getRow(1).values = ['as-is'];
    });
    expect((await readSheet(dataSecond, 'xlsx')).rows).toEqual([{ row: 1, cells: ['Kode'] }]);
    const noData = await workbook((wb) => {
      wb.addWorksheet('Aplikasi').getRow(2).values = ['SIMPEG'];
      wb.addWorksheet('Lain').getRow(1).values = ['x'];
    });
    expect((await readSheet(noData, 'xlsx')).rows).toEqual([{ row: 2, cells: ['SIMPEG'] }]);
  });

  it('takes the kind from an Atlas template’s subject and ignores other subjects', async () => {
    const template = await workbook((wb) => {
      wb.subject = 'atlas-kind:application';
      wb.addWorksheet('Data').getRow(1).values = ['Nama'];
    });
    expect((await readSheet(template, 'xlsx')).kind).toBe('application');
    const other = await workbook((wb) => {
      wb.subject = 'Laporan';
      wb.addWorksheet('Data').getRow(1).values = ['Nama'];
    });
    expect((await readSheet(other, 'xlsx')).kind).toBeUndefined();
  });

  it('refuses what is not a workbook, a workbook without sheets and too many rows, and leaves no temporary files', async () => {
    const before = tempFiles();
    expect((await problemOf(readSheet(Buffer.from('PK not a zip'), 'xlsx'))).errors[0]).toMatchObject({ field: 'body', rule: 'xlsx' });
    const zip = new JSZip();
    zip.file('hello.txt', 'not a workbook');
    const plainZip = await zip.generateAsync({ type: 'nodebuffer' });
    expect((await problemOf(readSheet(plainZip, 'xlsx'))).errors[0]).toMatchObject({ field: 'body', rule: 'xlsx', message: 'The workbook has no sheet.' });
    const big = await workbook((wb) => {
      const ws = wb.addWorksheet('Data');
      for (let i = 1; i <= 20001; i++) ws.getRow(i).values = [i];
    });
    expect((await problemOf(readSheet(big, 'xlsx'))).errors[0]).toMatchObject({ field: 'body', rule: 'max' });
    expect(tempFiles()).toBe(before);
  });

  it('refuses a workbook that unpacks past the limit before unpacking it (zip bombs)', async () => {
    const body = await workbook((wb) => {
      const ws = wb.addWorksheet('Data');
      for (let i = 1; i <= 2000; i++) ws.getRow(i).values = ['x'.repeat(100)];
    });
    const unpacked = body.length * 3; // well below what 2,000 rows of 100 characters unpack to
    expect((await problemOf(readSheet(body, 'xlsx', { maxUnpackedBytes: unpacked }))).errors[0]).toMatchObject({ field: 'body', rule: 'max-unpacked-size' });
    expect((await readSheet(body, 'xlsx')).rows).toHaveLength(2000);
    // A real bomb: 210 MB of spaces inside the sheet compress to a few hundred kilobytes.
    const zip = await JSZip.loadAsync(body);
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(210 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect((await problemOf(readSheet(bomb, 'xlsx'))).errors[0]).toMatchObject({ rule: 'max-unpacked-size' });
  });

  it('reads back any grid of strings, numbers and booleans it was given (property)', async () => {
    const cell: fc.Arbitrary<RawCell> = fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/.test(s)),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (grid) => {
        const body = await workbook((wb) => {
          const ws = wb.addWorksheet('Data');
          grid.forEach((cells, i) => (ws.getRow(i + 1).values = cells as ExcelJS.CellValue[]));
        });
        const sheet = await readSheet(body, 'xlsx');
        expect(sheet.rows).toEqual(grid.map((cells, i) => ({ row: i + 1, cells })));
      }),
      { numRuns: 40 },
    );
  });
});
