import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../src/services/container.js';
import { DATA_DIR } from '../src/paths.js';
import { DATABASES, testStore, type TestStore } from './helpers.js';

const DIR = join(DATA_DIR, 'datasets', 'bandar-lampung');
const records: { key: string; kind: string; org?: string | null; lifecycle?: string }[] = readdirSync(join(DIR, 'elements'))
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(join(DIR, 'elements', f), 'utf8')));
const relations: unknown[] = JSON.parse(readFileSync(join(DIR, 'relations.json'), 'utf8'));
const orgUnits: { code: string }[] = JSON.parse(readFileSync(join(DIR, 'org-units.json'), 'utf8'));

describe.each(DATABASES)('loading the Bandar Lampung dataset on %s', (db) => {
  let store: TestStore;
  let services: Services;
  beforeAll(async () => {
    store = await testStore(db);
    services = createServices(store);
  });
  afterAll(async () => store?.cleanup());

  it('loads every record once, in one go, and loading again adds nothing', async () => {
    const first = await services.datasets.seed();
    expect(first).toMatchObject({ orgUnits: orgUnits.length, elements: records.length, relations: relations.length, skipped: 0 });
    const second = await services.datasets.seed();
    expect(second).toMatchObject({ orgUnits: 0, elements: 0, relations: 0, skipped: records.length });

    const rows = await store.db.selectFrom('elements').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    const stored = Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    const expected: Record<string, number> = {};
    for (const r of records) expected[r.kind] = (expected[r.kind] ?? 0) + 1;
    expect(stored).toEqual(expected);
    expect(stored['business-process']).toBe(49);
    const rel = await store.db.selectFrom('relations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rel.n)).toBe(relations.length);
  });

  it('keeps provenance on every element and the owning OPD where the document names one', async () => {
    const missing = await store.db.selectFrom('elements').select('source_key').where('provenance', 'is', null).execute();
    expect(missing).toEqual([]);
    const owned = records.filter((r) => r.org).length;
    const withOrg = await store.db.selectFrom('elements').select((eb) => eb.fn.countAll<number>().as('n')).where('org_unit_id', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(withOrg.n)).toBe(owned);
  });

  it('audits the load in an intact hash chain', async () => {
    const [instansi] = await services.repositories.instansi.list(store.db);
    const { breaks } = await services.audit.verify(instansi.id);
    expect(breaks).toEqual([]);
    const creates = await store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_type', '=', 'element').where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(Number(creates.n)).toBe(records.length);
  });

  it('loads the evaluation history of 2021–2024 in the same load', async () => {
    const [instansi] = await services.repositories.instansi.list(store.db);
    const actor = { instansiId: instansi.id, user: { id: 'x', username: 'x', role: 'viewer' as const, orgUnitIds: [] } };
    const list = await services.evaluation.list(actor, {});
    expect(list.items.map((a: { year: number }) => a.year).sort()).toEqual([2021, 2022, 2023, 2024]);
    expect(list.items.every((a: { status: string }) => a.status === 'final')).toBe(true);
  });

  it("lists Diskominfo's applications and targets", async () => {
    const [instansi] = await services.repositories.instansi.list(store.db);
    const org = await services.repositories.orgUnits.findByCode(store.db, instansi.id, 'DISKOMINFO');
    expect(org?.name).toBe('Dinas Komunikasi dan Informatika');
    const actor = { instansiId: instansi.id, user: null };
    const page = await services.elements.list(actor, { kind: 'application', orgUnitId: org!.id, limit: 500 });
    const expected = records.filter((r) => r.kind === 'application' && r.org === 'DISKOMINFO');
    expect(page.total).toBe(expected.length);
    expect(new Set(page.items.map((e) => e.lifecycle))).toEqual(new Set(['as-is', 'to-be']));
  });
});
