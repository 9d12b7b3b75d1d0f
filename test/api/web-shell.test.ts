import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/container.js';
import { buildApp } from '../../src/server/app.js';
import { testStore, type TestStore } from '../helpers.js';
import type { FastifyInstance } from 'fastify';

describe('the web shell', () => {
  let store: TestStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await testStore('sqlite');
    const services = createServices(store);
    await services.datasets.createInstansi('kota-uji', 'Kota Uji');
    const web = mkdtempSync(join(tmpdir(), 'atlas-web-'));
    writeFileSync(
      join(web, 'index.html'),
      '<!doctype html><html><head><script type="module" crossorigin src="/assets/index.js"></script><link rel="modulepreload" href="/assets/x.js"></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(web, 'app.js'), 'console.log(1)');
    app = await buildApp(services, { webDir: web });
  });
  afterAll(async () => {
    await app?.close();
    await store?.cleanup();
  });

  it('serves the page on any path with fresh nonces in the CSP and in the markup', async () => {
    const a = await app.inject({ method: 'GET', url: '/domain/application' });
    const b = await app.inject({ method: 'GET', url: '/' });
    expect(a.statusCode).toBe(200);
    const csp = String(a.headers['content-security-policy']);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(a.body).toContain(`<script nonce="${nonce}" type="module"`);
    const styleNonce = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(a.body).toContain(`<meta name="csp-nonce" content="${styleNonce}"`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(String(b.headers['content-security-policy'])).not.toContain(nonce!);
    expect(a.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets as files and unknown API paths as problem+json', async () => {
    const asset = await app.inject({ method: 'GET', url: '/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps API answers out of every cache, but lets browsers cache the static assets', async () => {
    for (const url of ['/api/v1/health', '/api/v1/instansi/current', '/api/v1/nothing-here']) {
      expect((await app.inject({ method: 'GET', url })).headers['cache-control'], url).toBe('no-store');
    }
    const asset = await app.inject({ method: 'GET', url: '/app.js' });
    expect(asset.headers['cache-control']).not.toContain('no-store');
  });
});
