import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { FILES } from './files.js';

const LIMIT = 64 * 1024;
process.env.ATLAS_EVIDENCE_MAX_BYTES = String(LIMIT);

/** A multipart/form-data body with the given parts, built by hand so filenames can carry anything. */
function multipart(parts: { name: string; filename?: string; contentType?: string; data: Buffer | string }[]) {
  const boundary = '----atlas' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)));
}

describe.each(DATABASES)('evidence on %s', (db) => {
  let f: Fixture;
  let draftId: string;
  let finalId: string;
  // a data directory per database: the services read it when they are created
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `atlas-evidence-${db}-`));
    process.env.ATLAS_DATA_DIR = dataDir;
    f = await fixture(db);
    await f.services.evaluation.seedHistory(f.instansiId, f.services.datasets.datasetDir('bandar-lampung'));
    finalId = (await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/assessments?year=2024' })).json().items[0].id;
    draftId = (await call(f.app, f.tokens.operator, { method: 'POST', url: '/api/v1/assessments', payload: { framework: 'spbe-59-2020', year: 2025 } })).json().id;
  });
  afterAll(async () => {
    await f?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (id: string, no: number, parts: Parameters<typeof multipart>[0], token: string | null = f.tokens.operator, query = '') => {
    const body = multipart(parts);
    return call(f.app, token, { method: 'POST', url: `/api/v1/assessments/${id}/indicators/${no}/evidence${query}`, payload: body.payload, headers: body.headers });
  };
  const file = (data: Buffer, filename = 'bukti.pdf', contentType = 'application/pdf') => [{ name: 'file', filename, contentType, data }];
  const count = async (table: 'evidence' | 'evidence_links') => Number((await f.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('stores an upload content-addressed, outside any web root, and serves it as an attachment to readers only', async () => {
    const pdf = FILES.pdf();
    const sha = createHash('sha256').update(pdf).digest('hex');
    const r = await upload(draftId, 11, file(pdf, 'SK Arsitektur SPBE.pdf'));
    expect(r.statusCode).toBe(201);
    const e = r.json();
    expect(e).toMatchObject({ name: 'SK Arsitektur SPBE.pdf', mediaType: 'application/pdf', size: pdf.length, sha256: sha, indicatorNo: 11, elementId: null, url: `/api/v1/evidence/${e.id}` });
    const stored = join(dataDir, 'evidence', sha.slice(0, 2), sha);
    expect(readFileSync(stored)).toEqual(pdf);
    expect(statSync(stored).mode & 0o007).toBe(0);

    const a = (await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/assessments/${draftId}` })).json();
    expect(a.indicators[10].evidence).toEqual([expect.objectContaining({ id: e.id, name: 'SK Arsitektur SPBE.pdf' })]);

    const dl = await call(f.app, f.tokens.viewer, { method: 'GET', url: e.url });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(`attachment; filename="SK Arsitektur SPBE.pdf"; filename*=UTF-8''SK%20Arsitektur%20SPBE.pdf`);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload).toEqual(pdf);
    expect((await call(f.app, null, { method: 'GET', url: e.url })).statusCode).toBe(401);
    expect((await call(f.app, f.tokens.otherAdmin, { method: 'GET', url: e.url })).statusCode).toBe(404);

    // the same content again: one stored file, one evidence row, a second link for another indicator
    const again = await upload(draftId, 11, file(pdf, 'lagi.pdf'));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(e.id);
    const other = await upload(draftId, 12, file(pdf, 'lagi.pdf'));
    expect(other.statusCode).toBe(201);
    expect(other.json().id).toBe(e.id);
    expect(filesUnder(join(dataDir, 'evidence')).filter((p) => p.includes(sha))).toHaveLength(1);

    // every link is audited on the assessment
    const hist = (await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/assessments/${draftId}/history` })).json().items;
    expect(hist.filter((x: { action: string }) => x.action === 'evidence.link')).toHaveLength(2);
  });

  it('accepts office documents and images by their content', async () => {
    for (const [data, name, mediaType] of [
      [FILES.docx(), 'notulen.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [FILES.xlsx(), 'inventaris.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [FILES.ods(), 'data.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
      [FILES.png(), 'tangkapan.png', 'image/png'],
      // the name says PDF; the bytes say JPEG: the bytes win and the download name follows them
      [FILES.jpeg(), 'foto.pdf', 'image/jpeg'],
    ] as const) {
      const r = await upload(draftId, 13, file(data, name, 'application/octet-stream'));
      expect(r.statusCode, name).toBe(201);
      expect(r.json().mediaType).toBe(mediaType);
    }
    const renamed = (await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/assessments/${draftId}` })).json().indicators[12].evidence.find((x: { mediaType: string }) => x.mediaType === 'image/jpeg');
    expect(renamed.name).toBe('foto.pdf.jpg');
  });

  it('rejects wrong types, whatever their name and declared type, storing nothing', async () => {
    const before = { evidence: await count('evidence'), links: await count('evidence_links'), files: filesUnder(dataDir).length };
    for (const [data, name] of [
      [FILES.html(), 'laporan.pdf'],
      [FILES.svg(), 'logo.png'],
      [FILES.exe(), 'setup.docx'],
      [FILES.zip(), 'arsip.docx'],
      [FILES.docm(), 'makro.docx'],
      [FILES.odtWithMacro(), 'makro.odt'],
      [FILES.text(), 'catatan.pdf'],
    ] as const) {
      const r = await upload(draftId, 14, file(data, name, 'application/pdf'));
      expect(r.statusCode, name).toBe(415);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    expect((await upload(draftId, 14, file(Buffer.alloc(0)))).statusCode).toBe(422);
    expect(await count('evidence')).toBe(before.evidence);
    expect(await count('evidence_links')).toBe(before.links);
    expect(filesUnder(dataDir).length).toBe(before.files);
  });

  it('rejects oversize files, storing nothing', async () => {
    const before = { evidence: await count('evidence'), files: filesUnder(dataDir).length };
    const big = Buffer.concat([FILES.pdf(), Buffer.alloc(LIMIT, 0x20)]);
    const r = await upload(draftId, 14, file(big, 'besar.pdf'));
    expect(r.statusCode).toBe(413);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const exact = Buffer.concat([FILES.pdf(), Buffer.alloc(LIMIT - FILES.pdf().length, 0x20)]);
    expect((await upload(draftId, 14, file(exact, 'pas.pdf'))).statusCode).toBe(201);
    expect(await count('evidence')).toBe(before.evidence + 1);
    expect(filesUnder(dataDir).length).toBe(before.files + 1);
  });

  it('cannot be steered by path tricks in names or ids', async () => {
    const before = filesUnder(dataDir);
    const tricks = ['../../../../tmp/evil.pdf', '..\\..\\windows\\evil.pdf', '/etc/passwd', 'a\r\nX-Injected: 1.pdf', '"quoted";.pdf', '....//....//x.pdf', '%2e%2e%2fx.pdf'];
    for (const [i, name] of tricks.entries()) {
      const data = Buffer.concat([FILES.pdf(), Buffer.from(`% variant ${i}`)]);
      const r = await upload(draftId, 15, file(data, name));
      expect(r.statusCode, name).toBe(201);
      const e = r.json();
      expect(e.name).not.toMatch(/[\\/\r\n"]/);
      expect(e.name.endsWith('.pdf')).toBe(true);
      const dl = await call(f.app, f.tokens.viewer, { method: 'GET', url: e.url });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['x-injected']).toBeUndefined();
      expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]+$/);
    }
    // every new file sits at evidence/<2 hex>/<64 hex>; nothing else appeared anywhere
    const added = filesUnder(dataDir).filter((p) => !before.includes(p));
    expect(added).toHaveLength(tricks.length);
    for (const p of added) expect(p).toMatch(/^evidence\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(existsSync('/tmp/evil.pdf')).toBe(false);
    expect(filesUnder(join(dataDir, 'evidence', 'tmp'))).toEqual([]);
    for (const url of ['/api/v1/evidence/..%2F..%2Fetc%2Fpasswd', '/api/v1/evidence/%2e%2e', `/api/v1/evidence/${'a'.repeat(64)}`]) {
      expect([400, 404, 422], url).toContain((await call(f.app, f.tokens.admin, { method: 'GET', url })).statusCode);
    }
  });

  it('only lets roles that may change the assessment upload, and never to a locked one', async () => {
    const before = { evidence: await count('evidence'), files: filesUnder(dataDir).length };
    expect((await upload(draftId, 16, file(FILES.gif()), f.tokens.viewer)).statusCode).toBe(403);
    expect((await upload(draftId, 16, file(FILES.gif()), f.tokens.auditor)).statusCode).toBe(403);
    expect((await upload(draftId, 16, file(FILES.gif()), null)).statusCode).toBe(401);
    expect((await upload(draftId, 16, file(FILES.gif()), f.tokens.otherAdmin)).statusCode).toBe(404);
    expect((await upload(finalId, 16, file(FILES.gif()), f.tokens.admin)).statusCode).toBe(409);
    expect((await upload(draftId, 99, file(FILES.gif()))).statusCode).toBe(404);
    expect(await count('evidence')).toBe(before.evidence);
    expect(filesUnder(dataDir).length).toBe(before.files);
    // malformed requests
    expect((await upload(draftId, 16, [{ name: 'elementId', data: 'x' }])).statusCode).toBe(422);
    expect((await upload(draftId, 16, [{ name: 'other', filename: 'a.gif', data: FILES.gif() }])).statusCode).toBe(422);
    const json = await call(f.app, f.tokens.operator, { method: 'POST', url: `/api/v1/assessments/${draftId}/indicators/16/evidence`, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
  });

  it('links evidence optionally to an architecture element, and unlinks it', async () => {
    const el = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'application', name: 'SIPD', orgUnitId: f.org.a, attributes: { category: 'khusus' } } });
    expect(el.statusCode).toBe(201);
    const elementId = el.json().id;
    const withElement = await upload(draftId, 17, [{ name: 'elementId', data: elementId }, ...file(FILES.webp(), 'layar.webp', 'image/webp')]);
    expect(withElement.statusCode).toBe(201);
    expect(withElement.json()).toMatchObject({ elementId, mediaType: 'image/webp' });
    const viaQuery = await upload(draftId, 18, file(FILES.webp(), 'layar.webp', 'image/webp'), f.tokens.operator, `?elementId=${elementId}`);
    expect(viaQuery.json()).toMatchObject({ elementId });
    const foreign = await call(f.app, f.tokens.otherAdmin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'application', name: 'Lain', orgUnitId: f.org.other, attributes: { category: 'khusus' } } });
    expect((await upload(draftId, 19, file(FILES.gif(), 'x.gif', 'image/gif'), f.tokens.operator, `?elementId=${foreign.json().id}`)).statusCode).toBe(422);

    const e = viaQuery.json();
    expect((await call(f.app, f.tokens.viewer, { method: 'DELETE', url: `/api/v1/assessments/${draftId}/indicators/18/evidence/${e.id}` })).statusCode).toBe(403);
    const del = await call(f.app, f.tokens.operator, { method: 'DELETE', url: `/api/v1/assessments/${draftId}/indicators/18/evidence/${e.id}` });
    expect(del.statusCode).toBe(204);
    expect((await call(f.app, f.tokens.operator, { method: 'DELETE', url: `/api/v1/assessments/${draftId}/indicators/18/evidence/${e.id}` })).statusCode).toBe(404);
    // still linked to indicator 17, so still downloadable
    expect((await call(f.app, f.tokens.viewer, { method: 'GET', url: e.url })).statusCode).toBe(200);
    await call(f.app, f.tokens.operator, { method: 'DELETE', url: `/api/v1/assessments/${draftId}/indicators/17/evidence/${e.id}` });
    // linked to no assessment any more: nobody may read it through the API
    expect((await call(f.app, f.tokens.admin, { method: 'GET', url: e.url })).statusCode).toBe(404);
    const hist = (await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/assessments/${draftId}/history` })).json().items;
    expect(hist.filter((x: { action: string }) => x.action === 'evidence.unlink')).toHaveLength(2);
  });
});
