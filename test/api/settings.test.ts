import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { call, DATABASES, fixture, PASSWORD, type Fixture } from '../helpers.js';

describe.each(DATABASES)('instansi settings on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
  });
  afterAll(async () => f?.close());

  const read = (token: string | null) => call(f.app, token, { method: 'GET', url: '/api/v1/settings' });
  const put = (token: string, path: string, required: boolean) =>
    call(f.app, token, { method: 'PUT', url: `/api/v1/settings/${path}`, payload: { required } });

  it('starts with both switches off, readable by any logged-in user but not anonymously', async () => {
    for (const token of [f.tokens.admin, f.tokens.operator, f.tokens.viewer, f.tokens.reviewer, f.tokens.auditor]) {
      const r = await read(token);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ requireAdminTotp: false, reviewRequired: false });
    }
    expect((await read(null)).statusCode).toBe(401);
  });

  it('reflects what an admin sets, for this instansi only', async () => {
    expect((await put(f.tokens.admin, 'review-required', true)).statusCode).toBe(204);
    expect((await read(f.tokens.operator)).json()).toEqual({ requireAdminTotp: false, reviewRequired: true });
    expect((await put(f.tokens.admin, 'require-admin-totp', true)).statusCode).toBe(204);
    expect((await read(f.tokens.viewer)).json()).toEqual({ requireAdminTotp: true, reviewRequired: true });
    // Another instansi keeps its own settings.
    expect((await read(f.tokens.otherAdmin)).json()).toEqual({ requireAdminTotp: false, reviewRequired: false });
    // Only admins change them.
    expect((await put(f.tokens.operator, 'review-required', false)).statusCode).toBe(403);
    expect((await put(f.tokens.admin, 'review-required', false)).statusCode).toBe(204);
    expect((await put(f.tokens.admin, 'require-admin-totp', false)).statusCode).toBe(204);
    expect((await read(f.tokens.admin)).json()).toEqual({ requireAdminTotp: false, reviewRequired: false });
  });

  it('names the author and reviewer of change requests for reviewers, who cannot list users', async () => {
    await put(f.tokens.admin, 'review-required', true);
    const proposed = await call(f.app, f.tokens.operator, {
      method: 'POST',
      url: '/api/v1/elements',
      payload: { kind: 'application', name: 'Aplikasi Bernama', orgUnitId: f.org.a, attributes: { category: 'khusus' } },
    });
    expect(proposed.statusCode).toBe(202);
    const id = proposed.json().id;
    await call(f.app, f.tokens.reviewer, { method: 'POST', url: `/api/v1/change-requests/${id}/approve`, payload: { note: 'ok' } });
    const list = (await call(f.app, f.tokens.reviewer, { method: 'GET', url: '/api/v1/change-requests' })).json();
    expect(list.items.find((c: { id: string }) => c.id === id)).toMatchObject({ createdByUsername: 'operator', reviewedByUsername: 'reviewer' });
    const one = (await call(f.app, f.tokens.operator, { method: 'GET', url: `/api/v1/change-requests/${id}` })).json();
    expect(one).toMatchObject({ createdByUsername: 'operator', reviewedByUsername: 'reviewer', status: 'approved' });
    await put(f.tokens.admin, 'review-required', false);
  });
});

describe('a session that must enrol a second factor', () => {
  let f: Fixture;
  let web: string;
  beforeAll(async () => {
    f = await fixture('sqlite');
    web = mkdtempSync(join(tmpdir(), 'atlas-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><html><head></head><body><div id="root"></div></body></html>');
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'assets', 'TotpEnrolmentPage.js'), 'export default 1;');
  });
  afterAll(async () => {
    await f?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('still loads the web app (page and lazy chunks) while the API answers only enrolment', async () => {
    const app = await buildApp(f.services, { webDir: web });
    try {
      await f.services.auth.addUser({ instansiId: f.instansiId, username: 'admin-baru', password: PASSWORD, role: 'admin' });
      await call(app, f.tokens.admin, { method: 'PUT', url: '/api/v1/settings/require-admin-totp', payload: { required: true } });
      const s = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin-baru', password: PASSWORD } });
      expect(s.json().stage).toBe('totp-enrolment');
      const cookie = String(s.headers['set-cookie']).split(';')[0]!;
      expect((await app.inject({ method: 'GET', url: '/account/totp-enrolment', headers: { cookie } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/assets/TotpEnrolmentPage.js', headers: { cookie } })).statusCode).toBe(200);
      const blocked = await app.inject({ method: 'GET', url: '/api/v1/settings', headers: { cookie } });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().totpEnrolmentRequired).toBe(true);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json().stage).toBe('totp-enrolment');
    } finally {
      await call(app, f.tokens.admin, { method: 'PUT', url: '/api/v1/settings/require-admin-totp', payload: { required: false } });
      await app.close();
    }
  });
});
