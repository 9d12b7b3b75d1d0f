import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe.each(DATABASES)('SIA-SPBE export on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
    const mk = async (body: Record<string, unknown>) => {
      const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    await mk({ kind: 'application', code: 'APP-1', name: 'SIMPEG', orgUnitId: f.org.a, refCode: 'RAA:02.02', attributes: { category: 'khusus', basis: ['Web', 'Mobile'], license: 'Open Source', programmingLanguage: ['PHP', 'Go'], status: 'aktif' } });
    await mk({ kind: 'platform-software', name: 'PostgreSQL', orgUnitId: f.org.a, attributes: { softwareType: 'sistem database' } });
    await mk({ kind: 'platform-software', name: 'Debian', orgUnitId: f.org.a, attributes: { softwareType: 'sistem operasi' } });
    await mk({ kind: 'security-hardware', name: 'Firewall Utama', orgUnitId: f.org.a });
    await mk({ kind: 'incident', name: 'Penanganan Insiden Web', orgUnitId: f.org.b, classification: 'rahasia' });
  });
  afterAll(async () => f?.close());

  it('writes one sheet per national object type with the national field set', async () => {
    const r = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/sia-spbe/application' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('sia-spbe-kota-uji-application.xlsx');
    const ws = (await workbook(r.rawPayload)).getWorksheet('Aplikasi')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    for (const h of ['ID', 'Nama Aplikasi', 'Uraian', 'Kode Model Referensi (RAA)', 'Perangkat Daerah', 'Fungsi', 'Luaran', 'Basis Aplikasi', 'Tipe Lisensi', 'Bahasa Pemrograman', 'Kerangka Pengembangan', 'Basis Data', 'Unit Pengembang', 'Unit Operasional', 'Aplikasi Umum/Khusus', 'ID Metadata Terkait']) {
      expect(headers, h).toContain(h);
    }
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    const at = (h: string) => row[headers.indexOf(h)];
    expect(at('Nama Aplikasi')).toBe('SIMPEG');
    expect(at('Kode Model Referensi (RAA)')).toBe('02.02');
    expect(at('Model Referensi (RAA)')).toBe('02 Aplikasi Khusus › 02.02 Fungsi Tertentu');
    expect(at('Perangkat Daerah')).toBe('Dinas Komunikasi dan Informatika');
    expect(at('Basis Aplikasi')).toBe('Web; Mobile');
    expect(at('Aplikasi Umum/Khusus')).toBe('Aplikasi Khusus');
    expect(at('Bahasa Pemrograman')).toBe('PHP; Go');
  });

  it('has the 12 infrastructure and 7 security object types, platform software split by type', async () => {
    const infra = await workbook((await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/sia-spbe/infrastructure' })).rawPayload);
    expect(infra.worksheets.map((w) => w.name)).toEqual([
      'Komputasi Awan',
      'Server',
      'Periferal',
      'Media Penyimpanan',
      'Perangkat Jaringan',
      'Perangkat Keamanan',
      'Sistem Operasi',
      'Sistem Database',
      'Sistem Utilitas',
      'Jaringan Intra',
      'Sistem Penghubung Layanan',
      'Fasilitas Komputasi',
    ]);
    expect(infra.getWorksheet('Sistem Database')!.getRow(2).getCell(3).value).toBe('PostgreSQL');
    expect(infra.getWorksheet('Sistem Operasi')!.getRow(2).getCell(3).value).toBe('Debian');
    expect(infra.getWorksheet('Sistem Utilitas')!.rowCount).toBe(1);
    expect(infra.getWorksheet('Perangkat Keamanan')!.getRow(2).getCell(3).value).toBe('Firewall Utama');
    const sec = await workbook((await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/sia-spbe/security' })).rawPayload);
    expect(sec.worksheets).toHaveLength(7);
    expect(sec.getWorksheet('Penanganan Insiden')!.getRow(2).getCell(3).value).toBe('Penanganan Insiden Web');
  });

  it('exports only what the caller may read', async () => {
    const anon = await workbook((await call(f.app, null, { method: 'GET', url: '/api/v1/export/sia-spbe/infrastructure' })).rawPayload);
    for (const ws of anon.worksheets) expect(ws.rowCount, ws.name).toBe(1); // infrastructure is terbatas by default
    const op = await workbook((await call(f.app, f.tokens.operator, { method: 'GET', url: '/api/v1/export/sia-spbe/security' })).rawPayload);
    expect(op.getWorksheet('Penanganan Insiden')!.rowCount).toBe(1); // rahasia of another OPD
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/export/sia-spbe/planets' })).statusCode).toBe(422);
  });
});
