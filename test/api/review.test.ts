import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';

describe.each(DATABASES)('review workflow on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
    const r = await call(f.app, f.tokens.admin, { method: 'PUT', url: '/api/v1/settings/review-required', payload: { required: true } });
    expect(r.statusCode).toBe(204);
  });
  afterAll(async () => f?.close());

  const app = (name: string, org = f.org.a) => ({ kind: 'application', name, orgUnitId: org, attributes: { category: 'khusus' } });
  const post = (token: string, url: string, payload?: unknown) => call(f.app, token, { method: 'POST', url, payload: payload as never });
  const count = async (name: string) => (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements?q=${encodeURIComponent(name)}` })).json().total;

  it("turns an operator's write into a submitted request that a reviewer approves and applies", async () => {
    const r = await post(f.tokens.operator, '/api/v1/elements', app('Aplikasi Usulan'));
    expect(r.statusCode).toBe(202);
    const cr = r.json();
    expect(cr).toMatchObject({ action: 'create', status: 'submitted', orgUnitId: f.org.a });
    expect(await count('Aplikasi Usulan')).toBe(0);

    const detail = (await call(f.app, f.tokens.reviewer, { method: 'GET', url: `/api/v1/change-requests/${cr.id}` })).json();
    expect(detail.diff).toContainEqual({ field: 'name', before: null, after: 'Aplikasi Usulan' });

    expect((await post(f.tokens.operator, `/api/v1/change-requests/${cr.id}/approve`)).statusCode).toBe(403);
    expect((await post(f.tokens.viewer, `/api/v1/change-requests/${cr.id}/approve`)).statusCode).toBe(403);
    expect((await post(f.tokens.reviewer, `/api/v1/change-requests/${cr.id}/apply`)).statusCode).toBe(409);
    const approved = await post(f.tokens.reviewer, `/api/v1/change-requests/${cr.id}/approve`, { note: 'sesuai RAL' });
    expect(approved.json()).toMatchObject({ status: 'approved', reviewNote: 'sesuai RAL' });
    const applied = await post(f.tokens.reviewer, `/api/v1/change-requests/${cr.id}/apply`);
    expect(applied.statusCode).toBe(200);
    expect(applied.json().status).toBe('applied');
    expect(await count('Aplikasi Usulan')).toBe(1);

    const element = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements/${applied.json().appliedElementId}` })).json();
    const trail = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${element.id}` })).json();
    expect(trail.items[0].action).toBe(`create (change request ${cr.id})`);
    const crTrail = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${cr.id}` })).json();
    expect(crTrail.items.map((e: { action: string }) => e.action)).toEqual(['apply', 'approve', 'create']);
  });

  it('keeps drafts private until submitted and lets nobody review their own request', async () => {
    const draft = (await post(f.tokens.admin, '/api/v1/change-requests', { action: 'create', payload: app('Draf Admin') })).json();
    expect(draft.status).toBe('draft');
    expect((await post(f.tokens.reviewer, `/api/v1/change-requests/${draft.id}/submit`)).statusCode).toBe(403);
    expect((await post(f.tokens.admin, `/api/v1/change-requests/${draft.id}/submit`)).json().status).toBe('submitted');
    expect((await post(f.tokens.admin, `/api/v1/change-requests/${draft.id}/approve`)).statusCode).toBe(403);
    const rejected = await post(f.tokens.reviewer, `/api/v1/change-requests/${draft.id}/reject`, { note: 'duplikat' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewNote: 'duplikat' });
    expect((await post(f.tokens.reviewer, `/api/v1/change-requests/${draft.id}/approve`)).statusCode).toBe(409);
    expect(await count('Draf Admin')).toBe(0);

    const mine = (await call(f.app, f.tokens.operator, { method: 'GET', url: '/api/v1/change-requests' })).json();
    expect(mine.items.every((c: { createdBy: string }) => c.createdBy !== draft.createdBy)).toBe(true);
    const all = (await call(f.app, f.tokens.reviewer, { method: 'GET', url: '/api/v1/change-requests' })).json();
    expect(all.items.map((c: { id: string }) => c.id)).toContain(draft.id);
  });

  it('refuses proposals that could never apply, storing nothing', async () => {
    const before = (await call(f.app, f.tokens.reviewer, { method: 'GET', url: '/api/v1/change-requests' })).json().total;
    const otherOrg = await post(f.tokens.operator, '/api/v1/elements', app('Milik Dinkes', f.org.b));
    expect(otherOrg.statusCode).toBe(403);
    const bad = await post(f.tokens.operator, '/api/v1/elements', { ...app('Salah Enum'), attributes: { category: 'entah' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toContainEqual(expect.objectContaining({ field: 'attributes.category', rule: 'enum' }));
    expect((await call(f.app, f.tokens.reviewer, { method: 'GET', url: '/api/v1/change-requests' })).json().total).toBe(before);
  });

  it('shows an update as a diff and refuses to apply it over a newer version', async () => {
    const el = (await post(f.tokens.admin, '/api/v1/elements', app('Aplikasi Lama'))).json();
    const r = await call(f.app, f.tokens.operator, { method: 'PATCH', url: `/api/v1/elements/${el.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'Aplikasi Baru', attributes: { status: 'aktif' } } });
    expect(r.statusCode).toBe(202);
    const cr = r.json();
    const detail = (await call(f.app, f.tokens.reviewer, { method: 'GET', url: `/api/v1/change-requests/${cr.id}` })).json();
    expect(detail.diff).toEqual([
      { field: 'attributes.status', before: null, after: 'aktif' },
      { field: 'name', before: 'Aplikasi Lama', after: 'Aplikasi Baru' },
    ]);
    await post(f.tokens.reviewer, `/api/v1/change-requests/${cr.id}/approve`);
    // meanwhile an admin changes the element directly
    expect((await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/elements/${el.id}`, headers: { 'if-match': '"1"' }, payload: { description: 'diubah' } })).statusCode).toBe(200);
    const stale = await post(f.tokens.reviewer, `/api/v1/change-requests/${cr.id}/apply`);
    expect(stale.statusCode).toBe(409);
    expect((await call(f.app, f.tokens.reviewer, { method: 'GET', url: `/api/v1/change-requests/${cr.id}` })).json().status).toBe('approved');
    expect((await call(f.app, null, { method: 'GET', url: `/api/v1/elements/${el.id}` })).json().name).toBe('Aplikasi Lama');
  });

  it('lets admins write directly and auditors read everything but write nothing', async () => {
    expect((await post(f.tokens.admin, '/api/v1/elements', app('Langsung Admin'))).statusCode).toBe(201);
    const secret = (await post(f.tokens.admin, '/api/v1/elements', { ...app('Rahasia Dinkes', f.org.b), classification: 'rahasia' })).json();
    expect((await call(f.app, f.tokens.auditor, { method: 'GET', url: `/api/v1/elements/${secret.id}` })).statusCode).toBe(200);
    expect((await call(f.app, f.tokens.auditor, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(200);
    expect((await post(f.tokens.auditor, '/api/v1/elements', app('Auditor menulis'))).statusCode).toBe(403);
    expect((await post(f.tokens.reviewer, '/api/v1/elements', app('Reviewer menulis'))).statusCode).toBe(403);
    expect((await call(f.app, f.tokens.operator, { method: 'PUT', url: '/api/v1/settings/review-required', payload: { required: false } })).statusCode).toBe(403);
  });
});
