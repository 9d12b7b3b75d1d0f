import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/container.js';
import { buildApp } from '../../src/server/app.js';
import pg from 'pg';
import { call, DATABASES, fixture, PG_URL, testStore, type Fixture } from '../helpers.js';

/** The CSP directives as a map: name → sources. */
function csp(header: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

describe.each(DATABASES)('security headers and limits on %s', (kind) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(async () => f?.close());

  const samples = () => [
    call(f.app, null, { method: 'GET', url: '/api/v1/health' }),
    call(f.app, null, { method: 'GET', url: '/api/v1/elements' }),
    call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/auth/me' }),
    call(f.app, null, { method: 'GET', url: '/api/v1/does-not-exist' }),
    call(f.app, null, { method: 'POST', url: '/api/v1/elements', payload: {} }),
    call(f.app, null, { method: 'GET', url: '/api/docs/' }),
  ];

  it('sends a strict CSP, nosniff, frame denial and a referrer policy on every kind of answer', async () => {
    for (const r of await Promise.all(samples())) {
      const policy = csp(r.headers['content-security-policy'] as string);
      expect(policy.get('default-src'), r.raw.req?.url).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      for (const [name, sources] of policy) {
        expect(sources, name).not.toContain("'unsafe-eval'");
        if (name === 'script-src') expect(sources).not.toContain("'unsafe-inline'");
      }
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toMatch(/no-referrer|same-origin|strict-origin/);
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers JSON with a JSON media type, never as something a browser would sniff into HTML', async () => {
    for (const r of await Promise.all(samples())) {
      if (r.statusCode >= 400) expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      else if (!String(r.raw.req?.url ?? '').includes('/docs')) expect(r.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('keeps CORS closed to foreign origins', async () => {
    const origin = 'https://penyerang.example';
    const simple = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/elements', headers: { origin } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await call(f.app, null, {
      method: 'OPTIONS',
      url: '/api/v1/elements',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('refuses a 3 MB body with 413 problem+json before reading it all', async () => {
    const big = JSON.stringify({ kind: 'vision', name: 'besar', description: 'x'.repeat(3 * 1024 * 1024) });
    for (const token of [null, f.tokens.admin]) {
      const r = await call(f.app, token, { method: 'POST', url: '/api/v1/elements', payload: big, headers: { 'content-type': 'application/json' } });
      expect(r.statusCode).toBe(413);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ status: 413, title: 'Payload too large' });
    }
    const total = await f.store.db.selectFrom('elements').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', 'besar').executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(0);
  });

  it('sets session cookies HttpOnly and SameSite=Strict', async () => {
    const r = await call(f.app, null, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'viewer', password: 'a-long-test-password' } });
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
  });
});

describe.each(DATABASES)('a failing database on %s', (kind) => {
  it('answers 500 problem+json without stack, SQL or driver text', async () => {
    const store = await testStore(kind);
    const services = createServices(store);
    await services.datasets.createInstansi('kota-uji', 'Kota Uji');
    process.env.ATLAS_DEFAULT_INSTANSI = 'kota-uji';
    const app = await buildApp(services, { webDir: '/nonexistent' });
    await app.ready();
    // the instansi is resolved (and cached) while the database still answers
    expect((await call(app, null, { method: 'GET', url: '/api/v1/elements' })).statusCode).toBe(200);
    let schema = '';
    if (kind === 'postgres') schema = String((await store.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()).s);
    // close the database under the running app
    await store.close();
    try {
      for (const url of ['/api/v1/elements?q=x', '/api/v1/elements/00000000-0000-7000-8000-000000000000', '/api/v1/health']) {
        const r = await call(app, null, { method: 'GET', url });
        expect(r.statusCode, url).toBe(500);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        const text = r.body;
        expect(r.json()).toMatchObject({ status: 500, title: 'Internal error' });
        for (const leak of [/select\s/i, /from\s+"?elements/i, /sqlite/i, /postgres/i, /relation .* does not exist/i, /no such table/i, /\bat\s+\S+\s+\(/, /node_modules/, /\.ts:\d+/, /kysely/i]) {
          expect(text, `${url} leaks ${leak}`).not.toMatch(leak);
        }
      }
    } finally {
      await app.close();
      if (kind === 'postgres') {
        const c = new pg.Client(PG_URL);
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      } else await store.cleanup().catch(() => undefined);
    }
  });
});
