import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { multipartBody } from '../security/world.js';
import { GROUPS_SHEET, INDICATOR_HEADERS, INDICATORS_SHEET, SUMMARY_SHEET } from '../../src/interop/assessment-export.js';

// Evidence goes to a scratch data directory; read when the services are created.
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-export-'));
process.env.ATLAS_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const id2 = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The text of a PDF (poppler's pdftotext), whitespace collapsed so wrapped cells read as one line. */
function pdfText(pdf: Buffer): string {
  const file = join(dataDir, `export-${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function readWorkbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return wb;
}

/** Rows of a sheet as arrays of values (1-based columns dropped to 0-based). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

function summaryValue(ws: ExcelJS.Worksheet, label: string): unknown {
  const row = rowsOf(ws).find((r) => r[0] === label);
  expect(row, label).toBeDefined();
  return row![1] ?? null;
}

describe.each(DATABASES)('assessment export on %s', (db) => {
  let f: Fixture;
  let seeded: string;
  let json: any;
  beforeAll(async () => {
    f = await fixture(db);
    await f.services.evaluation.seedHistory(f.instansiId, f.services.datasets.datasetDir('bandar-lampung'));
    const list = (await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/assessments?framework=spbe-59-2020&year=2024' })).json();
    seeded = list.items[0].id;
    json = (await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/assessments/${seeded}` })).json();
  });
  afterAll(async () => {
    await f?.close();
  });

  const exportOf = (id: string, format: string | null, token: string | null = f.tokens.viewer) =>
    call(f.app, token, { method: 'GET', url: `/api/v1/assessments/${id}/export${format === null ? '' : `?format=${format}`}` });

  it('exports the seeded 2024 assessment as a workbook whose numbers are those of the JSON', async () => {
    expect(json.year).toBe(2024);
    expect(json.indexRounded).toEqual(expect.any(Number));
    const r = await exportOf(seeded, 'xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toBe('attachment; filename="indeks-spbe-2024-kota-uji.xlsx"');
    expect(r.headers['cache-control']).toBe('no-store');
    // xlsx is the default format
    expect((await exportOf(seeded, null)).headers['content-type']).toBe(XLSX);

    const wb = await readWorkbook(r.rawPayload);
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(summaryValue(summary, 'Instansi')).toBe('Kota Uji (kota-uji)');
    expect(summaryValue(summary, 'Kerangka Evaluasi')).toBe(json.frameworkName);
    expect(summaryValue(summary, 'Tahun')).toBe(2024);
    expect(summaryValue(summary, 'Status')).toBe('Final');
    expect(summaryValue(summary, 'Indeks')).toBe(json.indexRounded);
    expect(summaryValue(summary, 'Indeks (presisi penuh)')).toBe(json.index);
    expect(String(summaryValue(summary, 'Predikat'))).toContain(json.predicate.name);

    const groups = rowsOf(wb.getWorksheet(GROUPS_SHEET)!);
    expect(groups[0]).toEqual(['Tingkat', 'Kode', 'Nama', 'Domain', 'Bobot (%)', 'Nilai', 'Nilai (presisi penuh)', 'Indikator Dinilai', 'Jumlah Indikator']);
    expect(groups.length - 1).toBe(json.domains.length + json.aspects.length);
    for (const d of json.domains) expect(groups).toContainEqual(['Domain', d.code, d.name, d.code, d.weight, d.rounded, d.value, d.assessed, d.total]);
    for (const x of json.aspects) expect(groups).toContainEqual(['Aspek', x.code, x.name, x.domainCode, x.weight, x.rounded, x.value, x.assessed, x.total]);

    const ws = wb.getWorksheet(INDICATORS_SHEET)!;
    const rows = rowsOf(ws);
    expect(rows[0]).toEqual([...INDICATOR_HEADERS]);
    expect(rows).toHaveLength(json.indicators.length + 1);
    for (const ind of json.indicators) {
      const row = rows.find((x) => x[0] === ind.no)!;
      expect(row[1]).toBe(ind.name);
      expect(row[3]).toBe(ind.aspectCode);
      expect(row[5]).toBe(ind.weight);
      expect(row[6] ?? null).toBe(ind.selfLevel);
      expect(row[7] ?? null).toBe(ind.verifiedLevel);
      expect(row[8] ?? null).toBe(ind.level);
    }
    // real numeric cells, not text
    const first = ws.getRow(2);
    for (const col of [1, 6, 9]) expect(first.getCell(col).type, `column ${col}`).toBe(ExcelJS.ValueType.Number);
    expect(summary.getRow(rowsOf(summary).findIndex((x) => x[0] === 'Indeks') + 1).getCell(2).type).toBe(ExcelJS.ValueType.Number);
  });

  it('exports the seeded 2024 assessment as a PDF with the index as shown and the indicator names', async () => {
    const r = await exportOf(seeded, 'pdf');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe('attachment; filename="indeks-spbe-2024-kota-uji.pdf"');
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(r.rawPayload);
    const shown = id2.format(json.indexRounded);
    expect(shown).toMatch(/^\d,\d\d$/);
    expect(text).toContain(`Indeks ${shown}`);
    expect(text).toContain(json.predicate.name);
    expect(text).toContain('Kota Uji');
    expect(text).toContain(json.frameworkName);
    expect(text).toContain('Final');
    expect(text).toContain('Nilai Domain dan Aspek');
    expect(text).toContain('Nilai Indikator');
    for (const d of json.domains) expect(text).toContain(d.name);
    for (const ind of json.indicators.slice(0, 5)) {
      // a long name wraps inside its cell: its first words are on one line
      expect(text).toContain(ind.name.split(' ').slice(0, 4).join(' '));
    }
  });

  it('exports a draft with self-assessed levels, notes and evidence file names', async () => {
    const created = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/assessments', payload: { framework: 'spbe-59-2020', year: 2031 } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const put = (no: number, payload: object) => call(f.app, f.tokens.operator, { method: 'PUT', url: `/api/v1/assessments/${id}/indicators/${no}`, payload });
    expect((await put(1, { level: 3, note: 'Kebijakan internal arsitektur SPBE' })).statusCode).toBe(200);
    expect((await put(2, { level: 4 })).statusCode).toBe(200);
    expect((await put(5, { level: 2, note: '=HYPERLINK("http://x")' })).statusCode).toBe(200);
    const { payload, headers } = multipartBody('file', 'sk-tim-koordinasi-spbe.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n% bukti\n%%EOF\n'));
    expect((await call(f.app, f.tokens.operator, { method: 'POST', url: `/api/v1/assessments/${id}/indicators/1/evidence`, payload, headers })).statusCode).toBe(201);
    const view = (await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/assessments/${id}` })).json();
    expect(view.assessed).toBe(3);

    const r = await exportOf(id, 'xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="indeks-spbe-2031-kota-uji.xlsx"');
    const wb = await readWorkbook(r.rawPayload);
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(summaryValue(summary, 'Status')).toBe('Draf');
    expect(summaryValue(summary, 'Indeks')).toBe(view.indexRounded);
    expect(summaryValue(summary, 'Indeks (presisi penuh)')).toBe(view.index);
    expect(summaryValue(summary, 'Indikator Dinilai')).toBe(3);
    const rows = rowsOf(wb.getWorksheet(INDICATORS_SHEET)!);
    const row = (no: number) => rows.find((x) => x[0] === no)!;
    expect(row(1).slice(5, 9)).toEqual([view.indicators[0].weight, 3, undefined, 3]);
    expect(row(1)[10]).toBe('Kebijakan internal arsitektur SPBE');
    expect(row(1)[12]).toBe('sk-tim-koordinasi-spbe.pdf');
    expect(row(2)[8]).toBe(4);
    expect(row(3)[8]).toBeUndefined();
    // a note that looks like a formula stays text
    expect(row(5)[10]).toBe('\'=HYPERLINK("http://x")');

    const text = pdfText((await exportOf(id, 'pdf')).rawPayload);
    expect(text).toContain('Draf');
    expect(text).toContain(`Indeks ${id2.format(view.indexRounded)}`);
    expect(text).toContain('Kebijakan internal arsitektur SPBE');
    expect(text).toContain('sk-tim-koordinasi-spbe.pdf');
    expect(text).toContain('3 dari 47');
  });

  it('is readable by exactly those who may read the assessment', async () => {
    for (const token of [f.tokens.viewer, f.tokens.auditor, f.tokens.reviewer, f.tokens.operator, f.tokens.admin]) {
      expect((await exportOf(seeded, 'pdf', token)).statusCode).toBe(200);
    }
    const anonymous = await exportOf(seeded, 'xlsx', null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const other = await exportOf(seeded, 'xlsx', f.tokens.otherAdmin);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect((await exportOf('0190a0b0-0000-7000-8000-000000000000', 'xlsx')).statusCode).toBe(404);
  });

  it('answers an unknown format with 422 naming the field', async () => {
    for (const format of ['docx', 'csv', '']) {
      const r = await exportOf(seeded, format);
      expect(r.statusCode, format).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors).toContainEqual(expect.objectContaining({ field: 'query.format', rule: 'enum' }));
    }
  });
});
