import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';

describe.each(DATABASES)('element facets API on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
    const add = (body: Record<string, unknown>, token = f.tokens.admin) => call(f.app, token, { method: 'POST', url: '/api/v1/elements', payload: body });
    const app = { kind: 'application', attributes: { category: 'khusus', scope: 'lokal' } };
    for (const r of [
      await add({ ...app, name: 'Sistem Informasi Kepegawaian', orgUnitId: f.org.a }),
      await add({ ...app, name: 'Aplikasi Rahasia', orgUnitId: f.org.a, classification: 'rahasia' }),
      await add({ ...app, name: 'Sistem Informasi Kesehatan', orgUnitId: f.org.b, classification: 'terbatas' }),
      await add({ kind: 'service', name: 'Layanan Kesehatan', orgUnitId: f.org.b }),
      await add({ kind: 'data', name: 'Data Kepegawaian' }),
      await add({ ...app, name: 'Aplikasi instansi lain', orgUnitId: f.org.other }, f.tokens.otherAdmin),
    ]) {
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(async () => f?.close());

  it('counts per kind and per OPD code, within the instansi, as an admin sees it', async () => {
    const r = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/elements/facets' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ byKind: { application: 3, data: 1, service: 1 }, byOrg: { DINKES: 2, DISKOMINFO: 2, none: 1 }, total: 5 });
  });

  it('leaves out what the reader may not see', async () => {
    const anonymous = await call(f.app, null, { method: 'GET', url: '/api/v1/elements/facets' });
    expect(anonymous.json()).toEqual({ byKind: { application: 1, data: 1, service: 1 }, byOrg: { DINKES: 1, DISKOMINFO: 1, none: 1 }, total: 3 });
    const viewer = await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/elements/facets' });
    expect(viewer.json().total).toBe(4);
  });

  it('applies every filter except its own dimension to each facet', async () => {
    const r = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/elements/facets?kind=application&org=DINKES' });
    // byKind ignores kind (DINKES has an application and a service), byOrg ignores org (applications per OPD)
    expect(r.json()).toEqual({ byKind: { application: 1, service: 1 }, byOrg: { DINKES: 1, DISKOMINFO: 2 }, total: 1 });
    const q = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/elements/facets?q=kepegawaian' });
    expect(q.json()).toEqual({ byKind: { application: 1, data: 1 }, byOrg: { DISKOMINFO: 1, none: 1 }, total: 2 });
  });

  it('answers 404 for an unknown OPD', async () => {
    const r = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/elements/facets?org=NOPE' });
    expect(r.statusCode).toBe(404);
  });
});
