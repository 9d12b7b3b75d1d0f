import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, PASSWORD, type Fixture } from '../helpers.js';

describe.each(DATABASES)('users administration on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
  });
  afterAll(async () => f?.close());

  it('lists users for admins and auditors only, never with secrets', async () => {
    const r = await call(f.app, f.tokens.auditor, { method: 'GET', url: '/api/v1/users' });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((u: { username: string }) => u.username)).toEqual(['admin', 'auditor', 'operator', 'reviewer', 'viewer']);
    expect(r.body).not.toMatch(/argon2|password|totp_secret/i);
    expect((await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });

  it('adds users with the password policy and changes roles, ending old sessions', async () => {
    const weak = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/users', payload: { username: 'siti', password: 'password1234', role: 'viewer' } });
    expect(weak.statusCode).toBe(422);
    expect((await call(f.app, f.tokens.auditor, { method: 'POST', url: '/api/v1/users', payload: { username: 'siti', password: PASSWORD, role: 'viewer' } })).statusCode).toBe(403);
    const created = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/users', payload: { username: 'siti', password: PASSWORD, role: 'viewer' } });
    expect(created.statusCode).toBe(201);
    const siti = created.json();

    const login = await call(f.app, null, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'siti', password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const noOrg = await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/users/${siti.id}`, payload: { role: 'operator' } });
    expect(noOrg.statusCode).toBe(422);
    const promoted = await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/users/${siti.id}`, payload: { role: 'operator', orgUnitIds: [f.org.b] } });
    expect(promoted.json()).toMatchObject({ role: 'operator', orgUnitIds: [f.org.b] });
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const foreignOrg = await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/users/${siti.id}`, payload: { orgUnitIds: [f.org.other] } });
    expect(foreignOrg.statusCode).toBe(422);

    const disabled = await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/users/${siti.id}`, payload: { disabled: true } });
    expect(disabled.json().disabledAt).not.toBeNull();
    expect((await call(f.app, null, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'siti', password: PASSWORD } })).statusCode).toBe(401);

    const adminId = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/auth/me' })).json().user.id;
    expect((await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/users/${adminId}`, payload: { disabled: true } })).statusCode).toBe(409);
    // The audit trail can be filtered by username.
    const trail = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/audit?user=admin&limit=500' })).json();
    expect(trail.items.some((e: { entityType: string; entityId: string }) => e.entityType === 'user' && e.entityId === siti.id)).toBe(true);
  });
});
