import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';

/** Script in every text field comes back as the same text, in JSON, never as markup the API renders. */
export const XSS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg/onload=alert(1)>',
  "'-alert(1)-'",
  '<a href="javascript:alert(1)">klik</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
];

describe.each(DATABASES)('stored script payloads on %s', (kind) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(async () => f?.close());

  it('round-trips every text field of an element unchanged, as JSON text', async () => {
    for (const [i, p] of XSS.entries()) {
      const body = {
        kind: 'application',
        code: p.slice(0, 100),
        name: `${p} ${i}`,
        description: `Uraian ${p}`,
        provenance: p,
        orgUnitId: f.org.a,
        attributes: { category: 'khusus', scope: 'lokal', ownerInstansi: p, function: p, output: p, developerUnit: p, programmingLanguage: [p] },
      };
      const created = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: body });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      for (const token of [null, f.tokens.viewer]) {
        const read = await call(f.app, token, { method: 'GET', url: `/api/v1/elements/${id}`, headers: { accept: 'text/html' } });
        expect(read.statusCode).toBe(200);
        expect(read.headers['content-type']).toMatch(/^application\/json/);
        expect(read.headers['x-content-type-options']).toBe('nosniff');
        const e = read.json();
        expect({ code: e.code, name: e.name, description: e.description, provenance: e.provenance }).toEqual({
          code: body.code.trim() || null,
          name: body.name.trim(),
          description: body.description.trim(),
          provenance: body.provenance.trim(),
        });
        expect(e.attributes).toMatchObject({ ownerInstansi: p, function: p, output: p, developerUnit: p, programmingLanguage: [p] });
      }
      const listed = await call(f.app, null, { method: 'GET', url: `/api/v1/elements?${new URLSearchParams({ q: p })}` });
      expect(listed.json().items.map((x: { id: string }) => x.id)).toContain(id);
    }
  });

  it('refuses javascript: and data: URLs in URL attributes', async () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const r = await call(f.app, f.tokens.admin, {
        method: 'POST',
        url: '/api/v1/elements',
        payload: { kind: 'application', name: 'Tautan jahat', orgUnitId: f.org.a, attributes: { category: 'khusus', scope: 'lokal', url } },
      });
      expect(r.statusCode, url).toBe(422);
      expect(r.json().errors).toContainEqual(expect.objectContaining({ field: 'attributes.url' }));
    }
  });

  it('echoes a script-bearing URL only inside problem+json, with nosniff and a script-free CSP', async () => {
    const r = await call(f.app, null, { method: 'GET', url: `/api/v1/${encodeURIComponent('<script>alert(1)</script>')}` });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('defuses spreadsheet formulas in exports', async () => {
    const created = await call(f.app, f.tokens.admin, {
      method: 'POST',
      url: '/api/v1/elements',
      payload: { kind: 'vision', name: '=HYPERLINK("https://penyerang.example","klik")', description: '+SUM(1,2)', orgUnitId: f.org.a },
    });
    expect(created.statusCode).toBe(201);
    const csv = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/elements?kind=vision&format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toMatch(/(^|[,;\n])"?=HYPERLINK/);
    expect(csv.body).not.toMatch(/(^|[,;\n])"?\+SUM/);
    expect(csv.body).toContain('HYPERLINK');
  });
});
