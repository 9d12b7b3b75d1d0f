import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, PASSWORD, type Fixture } from '../helpers.js';

describe.each(DATABASES)('authentication controls on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
  });
  afterAll(async () => f?.close());

  const login = (username: string, password: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    call(f.app, null, { method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...extra }, headers });
  const cookieOf = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie']).split(';')[0];

  it('rejects short, common and username-containing passwords', async () => {
    const add = (username: string, password: string) => f.services.auth.addUser({ instansiId: f.instansiId, username, password, role: 'viewer' });
    await expect(add('pendek', 'short')).rejects.toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ field: 'password', rule: 'min' })]) });
    await expect(add('umum', 'qwerty123456')).rejects.toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ rule: 'common-password' })]) });
    await expect(add('budisantoso', 'budisantoso-2026')).rejects.toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ rule: 'contains-username' })]) });
    await expect(add('baik', 'kopi-tubruk-di-teluk-betung')).resolves.toMatchObject({ username: 'baik' });
  });

  it('locks an account after five failures, even for the right password, and says when to retry', async () => {
    await f.services.auth.addUser({ instansiId: f.instansiId, username: 'korban', password: PASSWORD, role: 'viewer' });
    for (let i = 0; i < 5; i++) expect((await login('korban', 'salah-salah-salah')).statusCode).toBe(401);
    const locked = await login('korban', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // other accounts are unaffected
    expect((await login('viewer', PASSWORD)).statusCode).toBe(200);
    // the lock expires
    await f.store.db.updateTable('login_failures').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('key', '=', 'user:korban').execute();
    expect((await login('korban', PASSWORD)).statusCode).toBe(200);
  });

  it('throttles one address trying many accounts', { timeout: 180_000 }, async () => {
    await f.store.db.deleteFrom('login_failures').execute();
    try {
      const attempts = [];
      for (let i = 0; i < 30; i++) attempts.push((await login(`tidak-ada-${i}`, 'salah-salah-salah')).statusCode);
      expect(attempts.every((s) => s === 401)).toBe(true);
      expect((await login('admin', PASSWORD)).statusCode).toBe(429);
    } finally {
      await f.store.db.deleteFrom('login_failures').execute();
    }
  });

  it('rotates the session id at login and expires idle and old sessions', async () => {
    const first = await login('viewer', PASSWORD);
    const again = await login('viewer', PASSWORD, {}, { cookie: cookieOf(first) });
    expect(cookieOf(again)).not.toBe(cookieOf(first));
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieOf(first) } })).statusCode).toBe(401);
    const me = () => call(f.app, null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieOf(again) } });
    expect((await me()).statusCode).toBe(200);
    await f.store.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).execute();
    expect((await me()).statusCode).toBe(401);

    const third = await login('viewer', PASSWORD);
    await f.store.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieOf(third) } })).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    const a = await login('operator', PASSWORD);
    const b = await login('operator', PASSWORD);
    const r = await call(f.app, null, { method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: { cookie: cookieOf(a), 'x-csrf-token': a.json().csrfToken } });
    expect(r.json().ended).toBe(2);
    for (const s of [a, b]) expect((await call(f.app, null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieOf(s) } })).statusCode).toBe(401);
  });

  it('enrols TOTP, then requires a fresh code at login and refuses a replayed one', async () => {
    await f.services.auth.addUser({ instansiId: f.instansiId, username: 'duafaktor', password: PASSWORD, role: 'viewer' });
    const s = await login('duafaktor', PASSWORD);
    const headers = { cookie: cookieOf(s), 'x-csrf-token': s.json().csrfToken };
    const setup = (await call(f.app, null, { method: 'POST', url: '/api/v1/auth/totp/setup', headers })).json();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await call(f.app, null, { method: 'POST', url: '/api/v1/auth/totp/enable', headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(422);
    const enrolCode = generateSync({ secret: setup.secret });
    expect((await call(f.app, null, { method: 'POST', url: '/api/v1/auth/totp/enable', headers, payload: { code: enrolCode } })).statusCode).toBe(204);

    const noCode = await login('duafaktor', PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().totpRequired).toBe(true);
    // the code used for enrolment cannot be used again
    expect((await login('duafaktor', PASSWORD, { totp: enrolCode })).statusCode).toBe(401);
    const next = generateSync({ secret: setup.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await login('duafaktor', PASSWORD, { totp: next })).statusCode).toBe(200);
    expect((await login('duafaktor', PASSWORD, { totp: next })).statusCode).toBe(401);
  });

  it('makes admins enrol a second factor first when the instansi requires it', async () => {
    await f.services.auth.addUser({ instansiId: f.instansiId, username: 'admin2', password: PASSWORD, role: 'admin' });
    const put = await call(f.app, f.tokens.admin, { method: 'PUT', url: '/api/v1/settings/require-admin-totp', payload: { required: true } });
    expect(put.statusCode).toBe(204);
    expect((await call(f.app, f.tokens.viewer, { method: 'PUT', url: '/api/v1/settings/require-admin-totp', payload: { required: false } })).statusCode).toBe(403);
    const s = await login('admin2', PASSWORD);
    expect(s.json().stage).toBe('totp-enrolment');
    const headers = { cookie: cookieOf(s), 'x-csrf-token': s.json().csrfToken };
    const blocked = await call(f.app, null, { method: 'GET', url: '/api/v1/audit', headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().totpEnrolmentRequired).toBe(true);
    const setup = (await call(f.app, null, { method: 'POST', url: '/api/v1/auth/totp/setup', headers })).json();
    expect((await call(f.app, null, { method: 'POST', url: '/api/v1/auth/totp/enable', headers, payload: { code: generateSync({ secret: setup.secret }) } })).statusCode).toBe(204);
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/audit', headers })).statusCode).toBe(200);
    await call(f.app, f.tokens.admin, { method: 'PUT', url: '/api/v1/settings/require-admin-totp', payload: { required: false } });
  });

  it('honours token scopes, expiry and revocation', async () => {
    const readOnly = (await f.services.auth.createToken('admin', { name: 'laporan', scopes: ['read'] })).token;
    expect((await call(f.app, readOnly, { method: 'GET', url: '/api/v1/elements' })).statusCode).toBe(200);
    expect((await call(f.app, readOnly, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'vision', name: 'x' } })).statusCode).toBe(403);

    const created = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'skrip', expiresInDays: 1 } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect((await call(f.app, token, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    await f.store.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    expect((await call(f.app, token, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);

    const other = (await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'dicabut' } })).json();
    expect((await call(f.app, f.tokens.viewer, { method: 'DELETE', url: `/api/v1/auth/tokens/${other.id}` })).statusCode).toBe(404);
    expect((await call(f.app, f.tokens.admin, { method: 'DELETE', url: `/api/v1/auth/tokens/${other.id}` })).statusCode).toBe(204);
    expect((await call(f.app, other.token, { method: 'GET', url: '/api/v1/elements' })).statusCode).toBe(401);
    const listed = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/auth/tokens' })).json().items;
    expect(listed.find((t: { id: string }) => t.id === other.id).revokedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain('tokenHash');
  });
});
