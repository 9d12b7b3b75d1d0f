import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { countRows } from './support.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  return (ws.getRow(n).values as unknown[]).slice(1);
}

/** A workbook in the template layout with the given rows. */
async function sheet(codes: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(codes.map((c) => `Judul ${c}`));
  ws.addRow(codes);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(DATABASES)('spreadsheets on %s', (db) => {
  let f: Fixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    f = await fixture(db);
    const mk = async (body: Record<string, unknown>) => {
      const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: body });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    };
    ids.app = await mk({ kind: 'application', code: 'APP-01', name: 'Sistem Informasi Kepegawaian', orgUnitId: f.org.a, attributes: { category: 'khusus', basis: ['Web', 'Mobile'], status: 'aktif' } });
    ids.formula = await mk({ kind: 'application', code: 'APP-02', name: '=HYPERLINK("http://evil","klik")', description: '+62 811 untuk -info @admin', orgUnitId: f.org.a });
    ids.server = await mk({ kind: 'server', code: 'SRV-01', name: 'Server Basis Data', orgUnitId: f.org.a, attributes: { memoryCapacity: 64, serverUsage: ['database'] } });
  });
  afterAll(async () => f?.close());

  it('serves an XLSX template per kind: Indonesian headers, field codes, drop-down lists', async () => {
    const r = await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/templates/server?format=xlsx' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toContain('templat-server.xlsx');
    const wb = await workbook(r.rawPayload);
    const ws = wb.getWorksheet('Data')!;
    const headers = rowValues(ws, 1);
    const codes = rowValues(ws, 2);
    expect(headers).toContain('Nama *');
    expect(headers).toContain('Status Kepemilikan');
    expect(codes.slice(0, 4)).toEqual(['id', 'code', 'name', 'description']);
    expect(codes).toContain('attributes.ownershipStatus');
    expect(codes).toContain('attributes.memoryCapacity');
    // Enumerated fields and OPDs are lists on the hidden "Daftar" sheet.
    const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const col = (code: string) => String.fromCharCode(65 + codes.indexOf(code));
    const rule = (code: string) => Object.entries(model).find(([range]) => range.startsWith(`${col(code)}3`))?.[1];
    expect(rule('attributes.ownershipStatus')).toMatchObject({ type: 'list' });
    expect(rule('org')?.formulae[0]).toMatch(/Daftar/);
    const lists = wb.getWorksheet('Daftar')!;
    expect(lists.state).toBe('hidden');
    const listed = lists.getColumn(1).values.slice(2);
    expect(listed).toEqual(['DINKES', 'DISKOMINFO']);
    expect(wb.getWorksheet('Petunjuk')).toBeDefined();
    expect(wb.subject).toBe('atlas-kind:server');

    const csv = await call(f.app, null, { method: 'GET', url: '/api/v1/templates/application?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const [h, c] = parse(csv.body.replace(/^\uFEFF/, '')) as string[][];
    expect(h[c.indexOf('attributes.license')]).toBe('Tipe Lisensi');
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/templates/nope' })).statusCode).toBe(404);
  });

  it('exports any list view with the filters of GET /elements and neutralises formula-like cells', async () => {
    const csv = await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/export/elements?format=csv&kind=application&org=DISKOMINFO&sort=code` });
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body.replace(/^\uFEFF/, '')) as string[][];
    const codes = rows[1];
    expect(rows.length).toBe(4);
    const at = (r: string[], code: string) => r[codes.indexOf(code)];
    expect(at(rows[2], 'name')).toBe('Sistem Informasi Kepegawaian');
    expect(at(rows[2], 'attributes.basis')).toBe('Web; Mobile');
    expect(at(rows[2], 'org')).toBe('DISKOMINFO');
    expect(at(rows[3], 'name')).toBe(`'=HYPERLINK("http://evil","klik")`);
    expect(at(rows[3], 'description')).toBe(`'+62 811 untuk -info @admin`);
    for (const r of rows.slice(2)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);

    const xlsx = await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/export/elements?format=xlsx&q=server` });
    const ws = (await workbook(xlsx.rawPayload)).getWorksheet('Data')!;
    const wcodes = rowValues(ws, 2);
    expect(ws.rowCount).toBe(3);
    expect(rowValues(ws, 3)[wcodes.indexOf('attributes.memoryCapacity')]).toBe(64);
    expect(rowValues(ws, 3)[wcodes.indexOf('kind')]).toBe('server');
    const anonymous = await call(f.app, null, { method: 'GET', url: `/api/v1/export/elements?format=csv` });
    expect(anonymous.body).not.toContain('Server Basis Data'); // terbatas
  });

  it('re-imports its own export unchanged (upsert by id), formulas restored', async () => {
    const xlsx = await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/export/elements?format=xlsx` });
    const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=preview', payload: xlsx.rawPayload, headers: { 'content-type': XLSX } });
    expect(r.statusCode).toBe(200);
    expect(r.json().errors).toEqual([]);
    expect(r.json().summary.elements).toEqual({ create: 0, update: 0, unchanged: 3 });
  });

  it('imports broken rows as a row-by-row report and writes nothing', async () => {
    const before = await countRows(f.store.db);
    const body = await sheet(
      ['kind', 'code', 'name', 'org', 'attributes.status', 'attributes.memoryCapacity', 'refCode'],
      [
        ['application', 'APP-10', 'Aplikasi Baik', 'DISKOMINFO', 'aktif', null, null],
        ['application', 'APP-11', 'Aplikasi Status Salah', 'DISKOMINFO', 'hidup', null, null],
        ['server', 'SRV-10', 'Server Memori Salah', 'DISKOMINFO', null, 'banyak', null],
        ['application', 'APP-12', 'Aplikasi OPD Salah', 'DINAS-X', null, null, null],
        ['application', 'APP-13', null, 'DISKOMINFO', null, null, null],
        ['planet', 'P-1', 'Jenis Salah', null, null, null, null],
        ['application', 'APP-14', 'Referensi Salah', 'DISKOMINFO', null, null, 'RAL:01.16'],
        ['application', 'APP-15', 'Aplikasi Baik Juga', 'DINKES', null, null, 'RAA:02.02'],
      ],
    );
    const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=commit', payload: body, headers: { 'content-type': XLSX } });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const errors = r.json().errors as { row: number; column?: string; value?: unknown; rule: string; field: string }[];
    expect(errors).toContainEqual(expect.objectContaining({ row: 4, column: 'E', value: 'hidup', rule: 'enum', field: 'attributes.status' }));
    expect(errors).toContainEqual(expect.objectContaining({ row: 5, column: 'F', value: 'banyak', rule: 'type', field: 'attributes.memoryCapacity' }));
    expect(errors).toContainEqual(expect.objectContaining({ row: 6, column: 'D', value: 'DINAS-X', rule: 'exists', field: 'orgUnitId' }));
    expect(errors).toContainEqual(expect.objectContaining({ row: 7, rule: 'required', field: 'name' }));
    expect(errors).toContainEqual(expect.objectContaining({ row: 8, column: 'A', value: 'planet', rule: 'unknown-kind' }));
    expect(errors).toContainEqual(expect.objectContaining({ row: 9, column: 'G', value: 'RAL:01.16', rule: 'reference-model' }));
    expect(errors.map((e) => e.row).sort()).toEqual([4, 5, 6, 7, 8, 9]);
    expect(await countRows(f.store.db)).toEqual(before);

    const preview = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=preview', payload: body, headers: { 'content-type': XLSX } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().summary).toMatchObject({ errors: 6, elements: { create: 2 } });
  });

  it('upserts by id, else by (kind, code, OPD); reports ambiguous codes', async () => {
    const body = await sheet(
      ['id', 'kind', 'code', 'name', 'org', 'attributes.basis'],
      [
        [ids.app, 'application', 'APP-01', 'Sistem Informasi Kepegawaian (baru)', 'DISKOMINFO', 'Web'],
        [null, 'server', 'SRV-01', 'Server Basis Data Utama', 'DISKOMINFO', null],
        [null, 'application', 'APP-20', 'Aplikasi Baru', 'DISKOMINFO', 'Desktop; Mobile'],
      ],
    );
    const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=commit', payload: body, headers: { 'content-type': XLSX } });
    expect(r.statusCode).toBe(200);
    expect(r.json().summary.elements).toEqual({ create: 1, update: 2, unchanged: 0 });
    const app = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements/${ids.app}` })).json();
    // Attributes merge: the sheet changed basis only.
    expect(app).toMatchObject({ name: 'Sistem Informasi Kepegawaian (baru)', version: 2, attributes: { category: 'khusus', basis: ['Web'], status: 'aktif' } });
    const server = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements/${ids.server}` })).json();
    expect(server).toMatchObject({ name: 'Server Basis Data Utama', attributes: { memoryCapacity: 64 } });
    const audit = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${ids.server}` })).json();
    expect(audit.items[0]).toMatchObject({ action: 'update', username: 'admin' });

    // Two stored servers now share SRV-01 in DISKOMINFO: a row without id cannot say which.
    await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'server', code: 'SRV-01', name: 'Server Kembar', orgUnitId: f.org.a } });
    const ambiguous = await sheet(['kind', 'code', 'name', 'org'], [['server', 'SRV-01', 'Yang mana?', 'DISKOMINFO']]);
    const a = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=commit', payload: ambiguous, headers: { 'content-type': XLSX } });
    expect(a.statusCode).toBe(422);
    expect(a.json().errors[0]).toMatchObject({ row: 3, column: 'B', rule: 'ambiguous' });
  });

  it('reads CSV with semicolons and Indonesian numbers, kind from the query', async () => {
    const csv = '\uFEFFNama;Kode;Perangkat Daerah (kode);Kapasitas Penyimpanan (GB);Status Kepemilikan\nServer Cadangan;SRV-30;DISKOMINFO;1.024,5;milik sendiri\n';
    const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=commit&kind=server', payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(r.statusCode, r.body).toBe(200);
    const created = r.json().items[0];
    const el = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements/${created.id}` })).json();
    expect(el).toMatchObject({ kind: 'server', code: 'SRV-30', orgUnitId: f.org.a, attributes: { memoryCapacity: 1024.5, ownershipStatus: 'milik sendiri' } });
  });

  it('lets operators import rows of their own OPD only, and refuses viewers and anonymous visitors', async () => {
    const body = await sheet(['kind', 'name', 'org'], [['application', 'Aplikasi Operator', 'DISKOMINFO'], ['application', 'Aplikasi OPD Lain', 'DINKES']]);
    const r = await call(f.app, f.tokens.operator, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=commit', payload: body, headers: { 'content-type': XLSX } });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors).toEqual([expect.objectContaining({ row: 4, rule: 'forbidden', column: 'C' })]);
    expect((await call(f.app, f.tokens.viewer, { method: 'POST', url: '/api/v1/import/spreadsheet', payload: body, headers: { 'content-type': XLSX } })).statusCode).toBe(403);
    expect((await call(f.app, null, { method: 'POST', url: '/api/v1/import/spreadsheet', payload: body, headers: { 'content-type': XLSX } })).statusCode).toBe(401);
    const mine = await sheet(['kind', 'name', 'org'], [['application', 'Aplikasi Operator', 'DISKOMINFO']]);
    const ok = await call(f.app, f.tokens.operator, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=commit', payload: mine, headers: { 'content-type': XLSX } });
    expect(ok.statusCode).toBe(200);
  });

  it('names unknown columns and unreadable files', async () => {
    const body = await sheet(['kind', 'name', 'warna'], [['application', 'X', 'merah']]);
    const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?mode=preview', payload: body, headers: { 'content-type': XLSX } });
    expect(r.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'C', rule: 'unknown-column', value: 'warna' })]);
    const junk = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/spreadsheet?format=xlsx', payload: Buffer.from('PK not a zip'), headers: { 'content-type': XLSX } });
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors[0]).toMatchObject({ field: 'body', rule: 'xlsx' });
  });
});
