import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { builder, craftCity } from './crafted.js';

describe.each(DATABASES)('roadmap on %s', (db) => {
  let f: Fixture;
  let ids: Record<string, string>;
  beforeAll(async () => {
    f = await fixture(db);
    ids = await craftCity(f);
  });
  afterAll(async () => f?.close());

  const get = (url: string, token: string | null = f.tokens.admin) => call(f.app, token, { method: 'GET', url });
  const complete = (id: string, token: string | null, version: string | undefined, payload?: Record<string, unknown>) =>
    call(f.app, token, { method: 'POST', url: `/api/v1/initiatives/${id}/complete`, headers: version ? { 'if-match': version } : {}, ...(payload === undefined ? {} : { payload }) });
  const element = async (id: string) => (await get(`/api/v1/elements/${id}`)).json();

  it('lists initiatives by year with budget, status, progress, gaps and delivered elements', async () => {
    const r = await get('/api/v1/roadmap');
    expect(r.statusCode, r.body).toBe(200);
    const map = r.json();
    expect(map.items.map((i: { code: string }) => i.code)).toEqual(['I-1', 'I-2', 'I-3']);
    expect(map.items[0]).toMatchObject({
      id: ids.INIT1,
      name: 'INIT1',
      orgUnitId: f.org.a,
      parentId: null,
      version: 1,
      roadmapDomain: 'aplikasi',
      startYear: 2025,
      endYear: 2027,
      budget: 300_000_000,
      status: 'berjalan',
      progress: 40,
      effectiveProgress: 40,
      targets: { '2025': 'Desain', '2026': 'Pembangunan' },
      gaps: [{ id: ids.GAP1, code: 'G-1', name: 'GAP1', closed: false }],
      elements: [{ id: ids.APP7, kind: 'application', domain: 'application', code: null, name: 'Portal Layanan Terpadu', lifecycle: 'to-be', orgUnitId: f.org.a }],
    });
    expect(map.items[1]).toMatchObject({ effectiveProgress: 100, gaps: [{ id: ids.GAP2, closed: true }] });
    expect(map.years).toEqual([2025, 2026, 2027]);
    expect(map.summary.budgetByYear).toEqual([
      { year: 2025, budget: 100_000_000 },
      { year: 2026, budget: 100_000_100 },
      { year: 2027, budget: 100_000_000 },
    ]);
    expect(map.domains.find((d: { id: string }) => d.id === 'aplikasi')).toEqual({ id: 'aplikasi', label: { id: 'Aplikasi SPBE', en: 'SPBE applications' } });
    expect((await get('/api/v1/roadmap?org=DINKES')).json().items.map((i: { code: string }) => i.code)).toEqual(['I-2', 'I-3']);
    expect((await get('/api/v1/roadmap?domain=aplikasi')).json().items.map((i: { code: string }) => i.code)).toEqual(['I-1']);
    expect((await get('/api/v1/roadmap?domain=lainnya')).statusCode).toBe(422);
    expect((await get('/api/v1/roadmap?org=NOPE')).statusCode).toBe(404);
  });

  it('exports the Peta Rencana as XLSX under the same filters: year bars, targets, budget per year, summary', async () => {
    const r = await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/roadmap/export' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain('peta-rencana-kota-uji.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Peta Rencana', 'Anggaran per Tahun', 'Ringkasan']);

    const plan = wb.getWorksheet('Peta Rencana')!;
    const rows = (plan.getSheetValues() as unknown[][]).filter(Boolean).map((v) => v.slice(1));
    expect(rows[0]).toEqual(['No', 'Kode', 'Inisiatif', 'Domain', 'Program', 'Kegiatan', 'OPD Penanggung Jawab', 'Tahun Mulai', 'Tahun Selesai', 2025, 2026, 2027, 'Anggaran (Rp)', 'Status', 'Progres (%)', 'Kesenjangan yang Ditutup', 'Elemen yang Dihasilkan', 'Inisiatif Induk']);
    expect(rows.slice(1).map((v) => v[1])).toEqual(['I-1', 'I-2', 'I-3']);
    const [i1, i2] = [rows[1], rows[2]];
    expect(i1.slice(2, 12)).toEqual(['INIT1', 'Aplikasi SPBE', undefined, undefined, 'Dinas Komunikasi dan Informatika', 2025, 2027, 'Desain', 'Pembangunan', undefined]);
    expect(i1.slice(12, 17)).toEqual([300_000_000, 'Berjalan', 40, 'G-1 GAP1', 'Portal Layanan Terpadu (to-be)']);
    expect(i2.slice(12, 16)).toEqual([100, 'Selesai', 100, 'G-2 GAP2 (tertutup)']);
    // The year bar: INIT1 runs 2025–2027, INIT2 only in 2026, INIT3 has no years.
    const shaded = (row: number) => [10, 11, 12].map((c) => (plan.getRow(row).getCell(c).fill as ExcelJS.FillPattern | undefined)?.pattern === 'solid');
    expect([shaded(2), shaded(3), shaded(4)]).toEqual([
      [true, true, true],
      [false, true, false],
      [false, false, false],
    ]);

    const budget = (wb.getWorksheet('Anggaran per Tahun')!.getSheetValues() as unknown[][]).filter(Boolean).map((v) => v.slice(1));
    expect(budget).toEqual([['Tahun', 'Anggaran (Rp)'], [2025, 100_000_000], [2026, 100_000_100], [2027, 100_000_000], ['Jumlah', 300_000_100]]);
    const summary = new Map((wb.getWorksheet('Ringkasan')!.getSheetValues() as unknown[][]).filter(Boolean).map((v) => [v[1], v[2]]));
    expect(summary.get('Jumlah Inisiatif')).toBe(3);
    expect(summary.get('Inisiatif Dibatalkan')).toBe(1);
    expect(summary.get('OPD Penanggung Jawab')).toBe('Semua OPD');

    const dinkes = await call(f.app, null, { method: 'GET', url: '/api/v1/roadmap/export?org=DINKES&domain=infrastruktur' });
    expect(dinkes.statusCode, dinkes.body).toBe(200);
    expect(dinkes.headers['content-disposition']).toContain('peta-rencana-kota-uji-dinkes-infrastruktur.xlsx');
    const filtered = new ExcelJS.Workbook();
    await filtered.xlsx.load(dinkes.rawPayload as unknown as ArrayBuffer);
    const codes = (filtered.getWorksheet('Peta Rencana')!.getSheetValues() as unknown[][]).filter(Boolean).slice(1).map((v) => v[2]);
    expect(codes).toEqual(['I-2', 'I-3']);
    const filter = new Map((filtered.getWorksheet('Ringkasan')!.getSheetValues() as unknown[][]).filter(Boolean).map((v) => [v[1], v[2]]));
    expect(filter.get('OPD Penanggung Jawab')).toBe('Dinas Kesehatan (DINKES)');
    expect(filter.get('Domain')).toBe('Infrastruktur SPBE');

    const bad = await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/roadmap/export?domain=lainnya' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'query.domain' });
    expect((await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/roadmap/export?org=NOPE' })).statusCode).toBe(404);
  });

  it('refuses to complete without If-Match, with a stale version, or for someone else’s initiative', async () => {
    expect((await complete(ids.INIT1, f.tokens.admin, undefined, {})).statusCode).toBe(428);
    const stale = await complete(ids.INIT1, f.tokens.admin, '"7"', {});
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(1);
    expect((await complete(ids.INIT1, null, '1', {})).statusCode).toBe(401);
    expect((await complete(ids.INIT1, f.tokens.viewer, '1', {})).statusCode).toBe(403);
    expect((await complete(ids.INIT2, f.tokens.operator, '1', {})).statusCode).toBe(403); // operator of A, initiative of B
    expect((await complete(ids.APP1, f.tokens.admin, '1', {})).statusCode).toBe(404); // not an initiative
    expect((await complete(ids.INIT1, f.tokens.otherAdmin, '1', {})).statusCode).toBe(404);
    expect((await element(ids.INIT1)).version).toBe(1);
  });

  it('completes an initiative and promotes what it delivers, in one audited transaction', async () => {
    const r = await complete(ids.INIT1, f.tokens.operator, '"1"', { promote: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers.etag).toBe('"2"');
    const body = r.json();
    expect(body.initiative).toMatchObject({ id: ids.INIT1, version: 2, attributes: { status: 'selesai', progress: 100, budget: 300_000_000 } });
    expect(body.promoted).toEqual([{ id: ids.APP7, kind: 'application', code: null, name: 'Portal Layanan Terpadu', orgUnitId: f.org.a, lifecycle: 'as-is', version: 2 }]);
    expect(await element(ids.APP7)).toMatchObject({ lifecycle: 'as-is', version: 2 });

    const trail = async (id: string) => (await get(`/api/v1/audit?element=${id}`)).json().items;
    const [initEvent] = await trail(ids.INIT1);
    expect(initEvent).toMatchObject({ action: 'update', username: 'operator', before: { attributes: { status: 'berjalan', progress: 40 } }, after: { attributes: { status: 'selesai', progress: 100 } } });
    const [appEvent] = await trail(ids.APP7);
    expect(appEvent).toMatchObject({ action: 'update', username: 'operator', before: { lifecycle: 'to-be' }, after: { lifecycle: 'as-is' } });

    // GAP1 is now closed, and the dashboard says so.
    const dash = (await get('/api/v1/dashboard')).json();
    expect(dash.gaps).toMatchObject({ closed: 2, open: 1 });
    const map = (await get('/api/v1/roadmap')).json();
    expect(map.items[0]).toMatchObject({ status: 'selesai', gaps: [{ closed: true }], elements: [{ lifecycle: 'as-is' }] });
  });

  it('rolls everything back when the actor may not promote a delivered element', async () => {
    const b = builder(f);
    const init = await b.el('INIT4', 'initiative', { orgUnitId: f.org.a, attributes: { status: 'berjalan', progress: 10 } });
    const mine = await b.el('NEW-A', 'server', { orgUnitId: f.org.a, lifecycle: 'to-be' });
    const theirs = await b.el('NEW-B', 'server', { orgUnitId: f.org.b, lifecycle: 'to-be' });
    await b.rel(init, 'delivers', mine);
    await b.rel(init, 'delivers', theirs);
    const auditBefore = (await get('/api/v1/audit')).json().total;

    const refused = await complete(init, f.tokens.operator, '1', { promote: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('1 of the 2');
    expect((await element(init)).version).toBe(1);
    expect((await element(mine)).lifecycle).toBe('to-be');
    expect((await get('/api/v1/audit')).json().total).toBe(auditBefore);

    // Without promote the operator may still close the initiative; the admin then promotes both.
    expect((await complete(init, f.tokens.operator, '1')).json().promoted).toEqual([]); // no body at all
    const admin = await complete(init, f.tokens.admin, '2', { promote: true });
    expect(admin.statusCode, admin.body).toBe(200);
    expect(admin.json().initiative.version).toBe(2); // already done: not changed again
    expect(admin.json().promoted.map((p: { id: string }) => p.id).sort()).toEqual([mine, theirs].sort());
    expect((await get('/api/v1/audit')).json().total).toBe(auditBefore + 3);
  });
});
