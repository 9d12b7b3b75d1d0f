import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { craftCity } from './crafted.js';

describe.each(DATABASES)('coverage, dashboard and portfolio on %s', (db) => {
  let f: Fixture;
  let ids: Record<string, string>;
  beforeAll(async () => {
    f = await fixture(db);
    ids = await craftCity(f);
  });
  afterAll(async () => f?.close());

  const get = async (url: string, token: string | null = f.tokens.admin) => {
    const r = await call(f.app, token, { method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const idsOf = (items: { id: string }[]) => items.map((i) => i.id).sort();
  const expected = (...keys: string[]) => keys.map((k) => ids[k]).sort();

  it('lists what is missing, with counts and coverage percentages', async () => {
    const { lists } = await get('/api/v1/coverage');
    const by = Object.fromEntries(lists.map((l: { key: string }) => [l.key, l]));
    expect(lists.map((l: { key: string }) => l.key)).toEqual([
      'processesWithoutService',
      'servicesWithoutApplication',
      'applicationsWithoutOwner',
      'applicationsWithoutService',
      'dataWithoutWalidata',
      'toBeWithoutInitiative',
    ]);
    expect(by.processesWithoutService).toMatchObject({ total: 4, count: 3, percent: 25 });
    expect(idsOf(by.processesWithoutService.items)).toEqual(expected('BP1', 'BP2', 'SP2'));
    expect(by.servicesWithoutApplication).toMatchObject({ total: 2, count: 1, percent: 50 });
    expect(idsOf(by.servicesWithoutApplication.items)).toEqual(expected('SVC2'));
    expect(by.applicationsWithoutOwner).toMatchObject({ total: 8, count: 1, percent: 87.5 });
    expect(by.applicationsWithoutOwner.items[0]).toEqual({ id: ids.APP4, kind: 'application', code: null, name: 'Bussiness Intelligence', orgUnitId: null });
    expect(by.applicationsWithoutService).toMatchObject({ total: 8, count: 7 });
    expect(idsOf(by.applicationsWithoutService.items)).toEqual(expected('APP2', 'APP3', 'APP4', 'APP5', 'APP6', 'APP7', 'APP8'));
    expect(by.dataWithoutWalidata).toMatchObject({ total: 3, count: 1 });
    expect(idsOf(by.dataWithoutWalidata.items)).toEqual(expected('D2'));
    // APP7 is delivered by a running initiative; SRV2 only by a cancelled one.
    expect(by.toBeWithoutInitiative).toMatchObject({ total: 2, count: 1, percent: 50 });
    expect(idsOf(by.toBeWithoutInitiative.items)).toEqual(expected('SRV2'));
    expect(by.toBeWithoutInitiative.label).toEqual({ id: 'Elemen target tanpa inisiatif', en: 'Target elements with no initiative' });
  });

  it('computes coverage over what the reader may see, and caps the lists', async () => {
    const viewer = Object.fromEntries((await get('/api/v1/coverage', f.tokens.viewer)).lists.map((l: { key: string }) => [l.key, l]));
    expect(viewer.applicationsWithoutService).toMatchObject({ total: 7, count: 6 });
    expect(viewer.applicationsWithoutService.items.map((i: { id: string }) => i.id)).not.toContain(ids.APP8);
    const anonymous = Object.fromEntries((await get('/api/v1/coverage', null)).lists.map((l: { key: string }) => [l.key, l]));
    expect(anonymous.toBeWithoutInitiative).toMatchObject({ total: 1, count: 0, percent: 100, items: [] });
    const capped = (await get('/api/v1/coverage?limit=1')).lists.find((l: { key: string }) => l.key === 'applicationsWithoutService');
    expect(capped).toMatchObject({ count: 7 });
    expect(capped.items).toHaveLength(1);
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/coverage?limit=5000' })).statusCode).toBe(422);
  });

  it('keeps each instansi to itself', async () => {
    const other = (await get('/api/v1/coverage', f.tokens.otherAdmin)).lists;
    expect(other.every((l: { total: number; count: number }) => l.total === 0 && l.count === 0)).toBe(true);
    expect(other[0].percent).toBeNull();
  });

  it('gives the dashboard its figures', async () => {
    const d = await get('/api/v1/dashboard');
    const domain = Object.fromEntries(d.domains.map((x: { domain: string }) => [x.domain, x]));
    expect(d.domains).toHaveLength(8);
    expect(domain.application).toMatchObject({ total: 8, asIs: 7, toBe: 1, retired: 0, label: { id: 'Aplikasi', en: 'Application' } });
    expect(domain.business).toMatchObject({ total: 5 });
    expect(domain.planning).toMatchObject({ total: 6 });
    expect(d.coverage.find((c: { key: string }) => c.key === 'servicesWithoutApplication')).toEqual({
      key: 'servicesWithoutApplication',
      label: { id: 'Layanan tanpa aplikasi', en: 'Services with no application' },
      total: 2,
      count: 1,
      percent: 50,
    });
    // GAP2 is closed by INIT2, which is done; GAP1's initiative is still running.
    expect(d.gaps).toEqual({ total: 3, closed: 1, open: 2, percentClosed: 33.3 });
    expect(d.roadmap).toEqual({
      initiatives: 3,
      byStatus: { direncanakan: 0, berjalan: 1, selesai: 1, dibatalkan: 1, unknown: 0 },
      averageProgress: 70,
      budgetTotal: 300_000_100,
      budgetCompleted: 100,
    });
    expect(d.applicationsPerOrg).toEqual([
      { orgUnit: { id: f.org.a, code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika' }, count: 4 },
      { orgUnit: { id: f.org.b, code: 'DINKES', name: 'Dinas Kesehatan' }, count: 3 },
      { orgUnit: null, count: 1 },
    ]);
    const anon = await get('/api/v1/dashboard', null);
    expect(anon.applicationsPerOrg.find((p: { orgUnit: { code: string } | null }) => p.orgUnit?.code === 'DINKES').count).toBe(2);
  });

  it('builds the application portfolio and its rationalisation candidates', async () => {
    const p = await get('/api/v1/portfolio');
    expect(p.areas).toEqual([
      { code: '01.16', name: 'Komunikasi dan Informatika' },
      { code: null, name: 'Tanpa area RAL' },
    ]);
    const row = (code: string | null) => p.rows.find((r: { orgUnit: { code: string } | null }) => (r.orgUnit?.code ?? null) === code);
    expect(p.rows.map((r: { orgUnit: { code: string } | null }) => r.orgUnit?.code ?? null)).toEqual(['DINKES', 'DISKOMINFO', null]);
    expect(row('DISKOMINFO')).toMatchObject({
      total: 4,
      cells: [1, 3],
      category: { umum: 0, khusus: 4, unknown: 0 },
      scope: { nasional: 0, lokal: 4, unknown: 0 },
      disposition: { tolerate: 0, invest: 1, migrate: 1, eliminate: 0, unassessed: 2 },
    });
    expect(row('DINKES')).toMatchObject({ total: 3, cells: [0, 3], category: { umum: 1, khusus: 2, unknown: 0 }, disposition: { eliminate: 1, unassessed: 2 } });
    expect(row(null)).toMatchObject({ total: 1, category: { unknown: 1 }, scope: { unknown: 1 } });
    expect(p.totals).toMatchObject({ total: 8, cells: [1, 7], category: { umum: 1, khusus: 6, unknown: 1 }, scope: { nasional: 1, lokal: 6, unknown: 1 } });

    const reasons = Object.fromEntries(p.candidates.map((c: { element: { id: string }; reasons: { code: string }[] }) => [c.element.id, c.reasons.map((r) => r.code)]));
    expect(reasons).toEqual({
      [ids.APP3]: ['resembles-general', 'migrate'],
      [ids.APP5]: ['duplicate'],
      [ids.APP6]: ['duplicate', 'eliminate'],
      [ids.APP8]: ['duplicate'],
    });
    const app3 = p.candidates.find((c: { element: { id: string } }) => c.element.id === ids.APP3);
    expect(app3.reasons[0]).toMatchObject({ message: 'Menyerupai aplikasi umum "SRIKANDI".', related: [{ id: ids.APP2, name: 'SRIKANDI' }] });

    const viewer = await get('/api/v1/portfolio', f.tokens.viewer);
    expect(viewer.totals.total).toBe(7);
    expect(JSON.stringify(viewer)).not.toContain(ids.APP8);
  });
});
