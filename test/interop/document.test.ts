import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/services/container.js';
import { buildApp } from '../../src/server/app.js';
import { tables, type DocumentModel } from '../../src/interop/document/model.js';
import { call, DATABASES, PASSWORD, testStore, type TestStore } from '../helpers.js';
import { adminActor } from './support.js';

async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join(' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

function pdfText(buf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pdf-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), buf);
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'd.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new Error(`pdftotext is not installed (apt-get install -y poppler-utils): ${r.error.message}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text compared without any whitespace (line wrapping differs between renderers); bullets dropped. */
const squash = (s: string) => s.replace(/[•]/g, '').replace(/\s+/g, '');

/** The cell values of every rebuilt table that are missing from `text`. */
function missingCells(model: DocumentModel, text: string, opts: { pdf: boolean }): string[] {
  const hay = squash(text);
  const missing: string[] = [];
  for (const t of tables(model)) {
    for (const cell of [t.caption, ...t.headers, ...t.rows.flat()]) {
      for (const line of cell.split('\n')) {
        let v = line.replace(/^• /, '');
        // The PDF's standard fonts carry WinAnsi only: the renderer writes the rest as the closest Latin character or "?".
        if (opts.pdf) v = v.replace(/[›»]/g, '>').replace(/[–—]/g, '-').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[^\u0009\u000a\u000d\u0020-\u007e\u00a0-\u00ff]/g, '?');
        if (squash(v) && !hay.includes(squash(v))) missing.push(`${t.id}: ${v}`);
      }
    }
  }
  return missing;
}

const SEED_TABLES = ['3.2', '3.3', ...Array.from({ length: 14 }, (_, i) => `4.${i + 1}`), ...Array.from({ length: 16 }, (_, i) => `5.${i + 1}`)];

describe.each(DATABASES)('architecture document and change report on %s', (db) => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let instansiId: string;
  let token: string;
  let model: DocumentModel;
  let docx: Buffer;
  let pdf: Buffer;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    store = await testStore(db);
    services = createServices(store);
    instansiId = (await services.datasets.seed()).instansi.id;
    await services.evaluation.seedHistory(instansiId, services.datasets.datasetDir('bandar-lampung'));
    await services.auth.addUser({ instansiId, username: 'admin-dok', password: PASSWORD, role: 'admin' });
    await services.auth.addUser({ instansiId, username: 'operator-dok', password: PASSWORD, role: 'operator', orgCodes: ['DISDIK'] });
    token = (await services.auth.createToken('admin-dok')).token;
    process.env.ATLAS_DEFAULT_INSTANSI = 'kota-bandar-lampung';
    app = await buildApp(services, { webDir: '/nonexistent' });
    await app.ready();
    const actor = adminActor(instansiId);
    let t = Date.now();
    const d = await services.documents.architecture(actor, 'docx', services.evaluation, { version: '2.1', now: new Date('2026-12-03T10:00:00Z') });
    timings.docx = Date.now() - t;
    docx = d.body;
    model = d.model;
    t = Date.now();
    pdf = (await services.documents.architecture(actor, 'pdf', services.evaluation, { version: '2.1', now: new Date('2026-12-03T10:00:00Z') })).body;
    timings.pdf = Date.now() - t;
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await store?.cleanup();
  });

  it('has the structure of the seed: BAB I–VI, Tabel 3.2, 3.3, 4.1–4.14, 5.1–5.16 and the radar chart', () => {
    const headings = model.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text.split('\n')[0]);
    expect(headings).toEqual(['BAB I', 'BAB II', 'BAB III', 'BAB IV', 'BAB V', 'BAB VI']);
    const ids = tables(model).map((t) => t.id);
    for (const id of SEED_TABLES) expect(ids, id).toContain(id);
    expect(model.blocks.some((b) => b.type === 'figure' && b.caption.startsWith('Gambar 3.1'))).toBe(true);
    expect(model.cover).toContain('Versi 2.1');
    expect(model.footer).toContain('3 Desember 2026');
  });

  it('rebuilds the tables from data', async () => {
    const t = (id: string) => tables(model).find((x) => x.id === id)!;
    // Tabel 3.2: the evaluation service's values, Indonesian decimals.
    const list = await services.evaluation.list(adminActor(instansiId), {});
    const y2024 = await services.evaluation.get(adminActor(instansiId), list.items.find((i) => i.year === 2024)!.id);
    const col = t('3.2').headers.indexOf('Nilai 2024');
    expect(t('3.2').rows[0]).toEqual(expect.arrayContaining(['SPBE']));
    expect(t('3.2').rows[0][col]).toBe(y2024.indexRounded!.toFixed(2).replace('.', ','));
    expect(t('3.2').rows.find((r) => r[0] === `Domain ${y2024.domains[0].name}`)![col]).toBe(y2024.domains[0].rounded!.toFixed(2).replace('.', ','));
    // Tabel 3.3: 47 indicators, levels per year as in the seed (indicator 36: 3, 2, 4, 5).
    expect(t('3.3').rows).toHaveLength(47);
    expect(t('3.3').rows[35].slice(-4)).toEqual(['3', '2', '4', '5']);
    // Tabel 4.2: every process and sub-process.
    const rows42 = t('4.2').rows;
    expect(rows42.filter((r) => /^BDL-\d{2}$/.test(r[0])).length + rows42.filter((r) => r[0] === '' && r[1] === '').length).toBeGreaterThan(0);
    expect(rows42.some((r) => r[2] === 'BDL-04.06')).toBe(true);
    expect(rows42.filter((r) => r[2]).length).toBe((await store.db.selectFrom('elements').select('id').where('kind', '=', 'sub-process').execute()).length);
    // Tabel 4.3 and 4.5: services with their OPD and applications.
    expect(t('4.3').rows.find((r) => r[0] === '01.01')).toEqual(['01.01', 'Pendidikan', 'Kegiatan pelayanan dalam bidang pendidikan', 'Dinas Pendidikan']);
    expect(t('4.5').rows.find((r) => r[0] === '01.01')![4]).toContain('Dapodik');
    // Tabel 4.7 and 5.8: attribute metadata from the kind declarations.
    expect(t('4.7').rows.map((r) => r[1])).toContain('Status Kepemilikan');
    expect(t('5.8').caption).toBe('Tabel 5.8 Atribut Metadata Perangkat Keras Server');
    // Tabel 5.1/5.2/5.16: the gaps.
    expect(t('5.1').rows[0][1]).toBe('Pemetaan Proses Bisnis');
    expect(t('5.16').rows).toHaveLength(5);
    expect(t('5.16').rows[4][1]).toBe('Anti Malware');
  });

  it('writes DOCX and PDF that contain the values of every rebuilt table, in a few seconds', async () => {
    // About a second each on an idle machine; the bound leaves room for a busy CI runner.
    expect(timings.docx).toBeLessThan(8000);
    expect(timings.pdf).toBeLessThan(8000);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dt = await docxText(docx);
    expect(missingCells(model, dt, { pdf: false })).toEqual([]);
    const zip = await JSZip.loadAsync(docx);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.some((f) => f.endsWith('.svg'))).toBe(true);
    expect(media.some((f) => f.endsWith('.png'))).toBe(true);
    const pt = pdfText(pdf);
    expect(missingCells(model, pt, { pdf: true })).toEqual([]);
    expect(pt).toContain('Gambar 3.1 Tingkat Kematangan SPBE');
    expect(pt).toContain('Versi 2.1');
  });

  it('serves both formats over HTTP to logged-in users only', async () => {
    const r = await call(app, token, { method: 'GET', url: '/api/v1/documents/architecture?format=docx&version=3.0' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(r.headers['content-disposition']).toMatch(/arsitektur-spbe-kota-bandar-lampung-v3\.0-\d{4}-\d{2}-\d{2}\.docx/);
    const p = await call(app, token, { method: 'GET', url: '/api/v1/documents/architecture?format=pdf' });
    expect(p.headers['content-type']).toBe('application/pdf');
    expect((await call(app, null, { method: 'GET', url: '/api/v1/documents/architecture' })).statusCode).toBe(401);
  });

  it('reports elements and relations added, changed and removed between two dates', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // The seed itself was loaded today: the window starts after it.
    const start = encodeURIComponent(new Date().toISOString());
    const mk = async (body: Record<string, unknown>) => (await call(app, token, { method: 'POST', url: '/api/v1/elements', payload: body })).json();
    const a = await mk({ kind: 'application', name: 'Aplikasi Laporan Baru' });
    const b = await mk({ kind: 'application', name: 'Aplikasi Untuk Dihapus' });
    const secret = await mk({ kind: 'application', name: 'Aplikasi Rahasia Laporan', classification: 'rahasia' });
    const svc = (await store.db.selectFrom('elements').select('id').where('kind', '=', 'service').where('code', '=', '01.01').executeTakeFirstOrThrow()).id;
    const rel = await call(app, token, { method: 'POST', url: '/api/v1/relations', payload: { type: 'realizes', sourceId: a.id, targetId: svc } });
    expect(rel.statusCode, rel.body).toBe(201);
    await call(app, token, { method: 'PATCH', url: `/api/v1/elements/${a.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'Aplikasi Laporan Baru' } });
    const dapodik = (await store.db.selectFrom('elements').select(['id', 'version']).where('name', '=', 'Dapodik').executeTakeFirstOrThrow());
    const patched = await call(app, token, { method: 'PATCH', url: `/api/v1/elements/${dapodik.id}`, headers: { 'if-match': `"${dapodik.version}"` }, payload: { description: 'Data Pokok Pendidikan', attributes: { status: 'aktif' } } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await call(app, token, { method: 'DELETE', url: `/api/v1/elements/${b.id}`, headers: { 'if-match': '"1"' } })).statusCode).toBe(204);

    const r = await call(app, token, { method: 'GET', url: `/api/v1/documents/changes?from=${start}&to=${today}` });
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.summary.elements).toEqual({ added: 2, changed: 1, removed: 0 }); // a and the secret one; b came and went; Dapodik changed
    expect(report.summary.relations).toEqual({ added: 1, changed: 0, removed: 0 });
    expect(report.elements.added.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['Aplikasi Laporan Baru', 'Aplikasi Rahasia Laporan']));
    expect(report.elements.added.map((e: { id: string }) => e.id)).not.toContain(b.id);
    const changed = report.elements.changed.find((e: { id: string }) => e.id === dapodik.id);
    expect(changed.fields).toEqual([{ field: 'description', before: null, after: 'Data Pokok Pendidikan' }]);
    expect(report.relations.added).toContainEqual(expect.objectContaining({ type: 'realizes', source: expect.objectContaining({ id: a.id }), target: expect.objectContaining({ id: svc }) }));

    // An earlier window holds only the seed: nothing removed, the new application absent.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const old = (await call(app, token, { method: 'GET', url: `/api/v1/documents/changes?from=2000-01-01&to=${yesterday}` })).json();
    expect(old.summary.elements).toEqual({ added: 0, changed: 0, removed: 0 });

    // Operators do not see rahasia elements of other OPDs in the report.
    const op = (await services.auth.createToken('operator-dok')).token;
    const theirs = (await call(app, op, { method: 'GET', url: `/api/v1/documents/changes?from=${start}&to=${today}` })).json();
    expect(theirs.summary.elements.added).toBe(1);
    expect(JSON.stringify(theirs)).not.toContain(secret.id);

    const d = await call(app, token, { method: 'GET', url: `/api/v1/documents/changes?from=${start}&to=${today}&format=docx` });
    expect(d.statusCode).toBe(200);
    expect(await docxText(d.rawPayload)).toContain('Aplikasi Laporan Baru');
    const p = await call(app, token, { method: 'GET', url: `/api/v1/documents/changes?from=${start}&to=${today}&format=pdf` });
    expect(pdfText(p.rawPayload)).toContain('Aplikasi Laporan Baru');
    const bad = await call(app, token, { method: 'GET', url: `/api/v1/documents/changes?from=2026-02-01&to=2026-01-01` });
    expect(bad.statusCode).toBe(422);
    expect((await call(app, null, { method: 'GET', url: `/api/v1/documents/changes?from=${today}&to=${today}` })).statusCode).toBe(401);
  });
});
