import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, PASSWORD, type Fixture } from '../helpers.js';

const APP = (orgUnitId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'application',
  code: 'APP-01',
  name: 'Sistem Informasi Uji',
  orgUnitId,
  attributes: { category: 'khusus', scope: 'lokal' },
  ...extra,
});

describe.each(DATABASES)('elements API on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
  });
  afterAll(async () => f?.close());

  async function create(body: Record<string, unknown>, token = f.tokens.admin) {
    return call(f.app, token, { method: 'POST', url: '/api/v1/elements', payload: body });
  }
  async function counts() {
    const e = await f.store.db.selectFrom('elements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const a = await f.store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { elements: Number(e.n), audit: Number(a.n) };
  }

  it('answers health', async () => {
    const r = await call(f.app, null, { method: 'GET', url: '/api/v1/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: db });
  });

  it('creates, reads, lists, updates and deletes an element, auditing each write', async () => {
    const created = await create(APP(f.org.a, { refCode: 'RAA:02.02' }));
    expect(created.statusCode).toBe(201);
    const el = created.json();
    expect(el).toMatchObject({ kind: 'application', code: 'APP-01', name: 'Sistem Informasi Uji', orgUnitId: f.org.a, refCode: 'RAA:02.02', lifecycle: 'as-is', classification: 'terbuka', version: 1 });
    expect(created.headers.etag).toBe('"1"');

    const read = await call(f.app, null, { method: 'GET', url: `/api/v1/elements/${el.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');

    const list = await call(f.app, null, { method: 'GET', url: '/api/v1/elements?kind=application&q=informasi%20uji' });
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(el.id);
    expect(list.json().total).toBe(1);

    const patched = await call(f.app, f.tokens.admin, {
      method: 'PATCH',
      url: `/api/v1/elements/${el.id}`,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Sistem Informasi Uji (baru)', attributes: { status: 'aktif' } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Sistem Informasi Uji (baru)', version: 2, attributes: { category: 'khusus', scope: 'lokal', status: 'aktif' } });
    expect(patched.headers.etag).toBe('"2"');

    const audit = await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${el.id}` });
    const events = audit.json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(events[0].before.name).toBe('Sistem Informasi Uji');
    expect(events[0].after.name).toBe('Sistem Informasi Uji (baru)');
    expect(events[0].username).toBe('admin');

    const del = await call(f.app, f.tokens.admin, { method: 'DELETE', url: `/api/v1/elements/${el.id}`, headers: { 'if-match': '2' } });
    expect(del.statusCode).toBe(204);
    expect((await call(f.app, null, { method: 'GET', url: `/api/v1/elements/${el.id}` })).statusCode).toBe(404);
  });

  it('paginates with a cursor over a stable sort and filters by org, lifecycle and ref', async () => {
    for (let i = 0; i < 7; i++) {
      const r = await create({ kind: 'vision', code: `V${i}`, name: `Visi ${String.fromCharCode(71 - i)}`, orgUnitId: i % 2 ? f.org.a : f.org.b, lifecycle: i < 3 ? 'to-be' : 'as-is' });
      expect(r.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/elements?kind=vision&limit=3&sort=-name${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(f.app, null, { method: 'GET', url })).json();
      expect(page.total).toBe(7);
      seen.push(...page.items.map((e: { name: string }) => e.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Visi G', 'Visi F', 'Visi E', 'Visi D', 'Visi C', 'Visi B', 'Visi A']);

    const byOrg = (await call(f.app, null, { method: 'GET', url: `/api/v1/elements?kind=vision&org=DINKES` })).json();
    expect(byOrg.total).toBe(4);
    const toBe = (await call(f.app, null, { method: 'GET', url: `/api/v1/elements?kind=vision&lifecycle=to-be` })).json();
    expect(toBe.total).toBe(3);
    await create(APP(f.org.a, { code: 'APP-REF', refCode: 'RAA:02.02' }));
    const underRal01 = (await call(f.app, null, { method: 'GET', url: `/api/v1/elements?ref=RAA:02` })).json();
    expect(underRal01.items.map((e: { code: string }) => e.code)).toContain('APP-REF');
  });

  it('rejects bad input with problem+json naming the field and rule, writing nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string, string][] = [
      [APP(f.org.a, { attributes: { category: 'khusus', colour: 'red' } }), 'attributes.colour', 'unknown-attribute'],
      [APP(f.org.a, { attributes: { category: 'rahasia-negara' } }), 'attributes.category', 'enum'],
      [{ kind: 'application', orgUnitId: f.org.a }, 'name', 'required'],
      [APP(f.org.a, { kind: 'spaceship' }), 'kind', 'unknown-kind'],
      [APP(f.org.a, { lifecycle: 'someday' }), 'lifecycle', 'enum'],
      [APP(f.org.other), 'orgUnitId', 'same-instansi'],
      [APP(f.org.a, { refCode: 'RAA:99.99' }), 'refCode', 'exists'],
      [APP(f.org.a, { refCode: 'RAL:01.16' }), 'refCode', 'reference-model'],
      [APP(f.org.a, { attributes: { url: 'javascript:alert(1)' } }), 'attributes.url', 'format:url'],
    ];
    for (const [body, field, rule] of cases) {
      const r = await create(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const p = r.json();
      expect(p).toMatchObject({ status: 422, title: 'Validation failed' });
      expect(p.errors).toContainEqual(expect.objectContaining({ field, rule }));
    }
    const malformed = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: '{"kind":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(await counts()).toEqual(before);
  });

  it('refuses relations the kinds do not allow and elements of another instansi', async () => {
    const app1 = (await create(APP(f.org.a, { code: 'A1' }))).json();
    const app2 = (await create(APP(f.org.a, { code: 'A2' }))).json();
    const vision = (await create({ kind: 'vision', name: 'Visi relasi' })).json();
    const foreign = (await create(APP(f.org.other, { code: 'X1' }), f.tokens.otherAdmin)).json();
    expect(foreign.id).toBeDefined();

    const ok = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/relations', payload: { type: 'integrates', sourceId: app1.id, targetId: app2.id } });
    expect(ok.statusCode).toBe(201);
    const dup = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/relations', payload: { type: 'integrates', sourceId: app1.id, targetId: app2.id } });
    expect(dup.statusCode).toBe(409);

    const notAllowed = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/relations', payload: { type: 'hosts', sourceId: vision.id, targetId: app1.id } });
    expect(notAllowed.statusCode).toBe(422);
    expect(notAllowed.json().errors).toContainEqual(expect.objectContaining({ field: 'type', rule: 'relation-not-allowed' }));

    const crossing = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/relations', payload: { type: 'integrates', sourceId: app1.id, targetId: foreign.id } });
    expect(crossing.statusCode).toBe(422);
    expect(crossing.json().errors).toContainEqual(expect.objectContaining({ field: 'targetId', rule: 'same-instansi' }));

    const rels = (await call(f.app, null, { method: 'GET', url: `/api/v1/elements/${app2.id}/relations` })).json();
    expect(rels.incoming).toHaveLength(1);
    expect(rels.incoming[0]).toMatchObject({ type: 'integrates', source: { id: app1.id, code: 'A1' } });
    const listed = (await call(f.app, null, { method: 'GET', url: `/api/v1/relations?source=${app1.id}` })).json();
    expect(listed.total).toBe(1);

    // Deleting an element deletes its relations, and audits both.
    const del = await call(f.app, f.tokens.admin, { method: 'DELETE', url: `/api/v1/elements/${app2.id}`, headers: { 'if-match': '"1"' } });
    expect(del.statusCode).toBe(204);
    expect((await call(f.app, null, { method: 'GET', url: `/api/v1/relations?source=${app1.id}` })).json().total).toBe(0);
    const trail = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${ok.json().id}` })).json();
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);

    // Another instansi's element is invisible here.
    expect((await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements/${foreign.id}` })).statusCode).toBe(404);
    const mine = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/elements?q=X1' })).json();
    expect(mine.items.find((e: { id: string }) => e.id === foreign.id)).toBeUndefined();
  });

  it('requires If-Match, answers 409 with the current version on a stale one', async () => {
    const el = (await create(APP(f.org.a, { code: 'V-TEST' }))).json();
    const missing = await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/elements/${el.id}`, payload: { name: 'x' } });
    expect(missing.statusCode).toBe(428);
    const ok = await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/elements/${el.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'y' } });
    expect(ok.statusCode).toBe(200);
    const stale = await call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/elements/${el.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'z' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    const staleDelete = await call(f.app, f.tokens.admin, { method: 'DELETE', url: `/api/v1/elements/${el.id}`, headers: { 'if-match': '"1"' } });
    expect(staleDelete.statusCode).toBe(409);
    const noMatchDelete = await call(f.app, f.tokens.admin, { method: 'DELETE', url: `/api/v1/elements/${el.id}` });
    expect(noMatchDelete.statusCode).toBe(428);
  });

  it('lets exactly one of two concurrent PATCHes with the same version win', async () => {
    for (let round = 0; round < 5; round++) {
      const el = (await create(APP(f.org.a, { code: `RACE-${round}` }))).json();
      const patch = (name: string) =>
        call(f.app, f.tokens.admin, { method: 'PATCH', url: `/api/v1/elements/${el.id}`, headers: { 'if-match': '"1"' }, payload: { name } });
      const results = await Promise.all([patch('satu'), patch('dua')]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const final = (await call(f.app, null, { method: 'GET', url: `/api/v1/elements/${el.id}` })).json();
      expect(final.version).toBe(2);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      expect(final.name).toBe(winner.name);
      const trail = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${el.id}` })).json();
      expect(trail.total).toBe(2);
    }
  });

  it('enforces roles: anonymous 401, viewer 403, operator only for its own OPD', async () => {
    const before = await counts();
    expect((await create(APP(f.org.a), '')).statusCode).toBe(401);
    expect((await call(f.app, null, { method: 'POST', url: '/api/v1/elements', payload: APP(f.org.a) })).statusCode).toBe(401);
    expect((await create(APP(f.org.a), f.tokens.viewer)).statusCode).toBe(403);
    expect((await create(APP(f.org.b), f.tokens.operator)).statusCode).toBe(403);
    expect((await create({ kind: 'vision', name: 'Tanpa OPD' }, f.tokens.operator)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);

    const own = await create(APP(f.org.a, { code: 'OP-1' }), f.tokens.operator);
    expect(own.statusCode).toBe(201);
    const theirs = (await create(APP(f.org.b, { code: 'ADM-1' }))).json();
    const patchTheirs = await call(f.app, f.tokens.operator, { method: 'PATCH', url: `/api/v1/elements/${theirs.id}`, headers: { 'if-match': '1' }, payload: { name: 'diambil alih' } });
    expect(patchTheirs.statusCode).toBe(403);
    const moveOwn = await call(f.app, f.tokens.operator, { method: 'PATCH', url: `/api/v1/elements/${own.json().id}`, headers: { 'if-match': '1' }, payload: { orgUnitId: f.org.b } });
    expect(moveOwn.statusCode).toBe(403);
    const deleteTheirs = await call(f.app, f.tokens.operator, { method: 'DELETE', url: `/api/v1/elements/${theirs.id}`, headers: { 'if-match': '1' } });
    expect(deleteTheirs.statusCode).toBe(403);
    const invalidToken = await call(f.app, 'atlas_not-a-token', { method: 'GET', url: '/api/v1/elements' });
    expect(invalidToken.statusCode).toBe(401);
  });

  it('hides terbatas from anonymous readers and rahasia from other OPDs', async () => {
    const terbatas = (await create(APP(f.org.a, { code: 'T-1', classification: 'terbatas' }))).json();
    const rahasia = (await create(APP(f.org.b, { code: 'R-1', classification: 'rahasia' }))).json();
    expect((await call(f.app, null, { method: 'GET', url: `/api/v1/elements/${terbatas.id}` })).statusCode).toBe(401);
    expect((await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/elements/${terbatas.id}` })).statusCode).toBe(200);
    const anonList = (await call(f.app, null, { method: 'GET', url: '/api/v1/elements?kind=application&limit=500' })).json();
    expect(anonList.items.every((e: { classification: string }) => e.classification === 'terbuka')).toBe(true);
    expect((await call(f.app, f.tokens.operator, { method: 'GET', url: `/api/v1/elements/${rahasia.id}` })).statusCode).toBe(404);
    expect((await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/elements/${rahasia.id}` })).statusCode).toBe(404);
    expect((await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements/${rahasia.id}` })).statusCode).toBe(200);
    const opList = (await call(f.app, f.tokens.operator, { method: 'GET', url: '/api/v1/elements?q=R-1' })).json();
    expect(opList.total).toBe(0);
    // The audit trail of a hidden element is hidden too.
    expect((await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/audit?element=${rahasia.id}` })).statusCode).toBe(404);
    expect((await call(f.app, f.tokens.viewer, { method: 'GET', url: `/api/v1/audit` })).statusCode).toBe(403);
  });

  it('logs in with a cookie session and requires the CSRF token for writes', async () => {
    const bad = await call(f.app, null, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong-password-123' } });
    expect(bad.statusCode).toBe(401);
    const login = await call(f.app, null, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0];
    const { csrfToken, user } = login.json();
    expect(user).toMatchObject({ username: 'admin', role: 'admin', instansi: { code: 'kota-uji' } });

    const me = await call(f.app, null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().user.username).toBe('admin');
    const noCsrf = await call(f.app, null, { method: 'POST', url: '/api/v1/elements', headers: { cookie }, payload: APP(f.org.a, { code: 'C-1' }) });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await call(f.app, null, { method: 'POST', url: '/api/v1/elements', headers: { cookie, 'x-csrf-token': csrfToken }, payload: APP(f.org.a, { code: 'C-1' }) });
    expect(withCsrf.statusCode).toBe(201);

    const logout = await call(f.app, null, { method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(logout.statusCode).toBe(204);
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('serves kinds with JSON Schema, OPDs, reference trees and the OpenAPI document', async () => {
    const kinds = (await call(f.app, null, { method: 'GET', url: '/api/v1/kinds' })).json();
    const server = kinds.items.find((k: { id: string }) => k.id === 'server');
    expect(server.domain).toBe('infrastructure');
    expect(server.schema.type).toBe('object');
    expect(server.schema.additionalProperties).toBe(false);
    expect(kinds.domains).toHaveLength(8);

    const orgs = (await call(f.app, null, { method: 'GET', url: '/api/v1/org-units' })).json();
    expect(orgs.items.map((o: { code: string }) => o.code).sort()).toEqual(['DINKES', 'DISKOMINFO']);
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/org-units?q=diskominfo' })).json().total).toBe(1);

    const ral = (await call(f.app, null, { method: 'GET', url: '/api/v1/reference-models/RAL' })).json();
    expect(ral.items.map((n: { code: string }) => n.code)).toEqual(['01', '02']);
    expect(ral.items[0].children[0]).toMatchObject({ code: '01.16', name: 'Komunikasi dan Informatika' });
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/reference-models/XYZ' })).statusCode).toBe(422);

    const spec = (await call(f.app, null, { method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/elements', '/api/v1/elements/{id}', '/api/v1/relations', '/api/v1/audit']));
    expect((await call(f.app, null, { method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('filters the audit trail by user and dates', async () => {
    const el = (await create(APP(f.org.a, { code: 'AUD-1' }), f.tokens.operator)).json();
    const opId = (await f.services.repositories.users.findByUsername(f.store.db, 'operator'))!.id;
    const byUser = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?user=${opId}&limit=500` })).json();
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((e: { username: string }) => e.username === 'operator')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const todays = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${el.id}&from=${today}&to=${today}` })).json();
    expect(todays.total).toBe(1);
    const past = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${el.id}&to=2000-01-01` })).json();
    expect(past.total).toBe(0);
    const badDate = await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?from=kemarin` });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json().errors[0].field).toBe('query.from');
  });
});
