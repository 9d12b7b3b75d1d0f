import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createServices, type Services } from '../src/services/container.js';
import { DATA_DIR } from '../src/paths.js';
import { DATABASES, testStore, type TestStore } from './helpers.js';

const DIR = join(DATA_DIR, 'datasets', 'bandar-lampung');
const records: { key: string; kind: string }[] = readdirSync(join(DIR, 'elements'))
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(readFileSync(join(DIR, 'elements', f), 'utf8')));
const relations: { source: string; type: string; target: string }[] = JSON.parse(readFileSync(join(DIR, 'relations.json'), 'utf8'));
const orgUnits: unknown[] = JSON.parse(readFileSync(join(DIR, 'org-units.json'), 'utf8'));

const seedKinds: Record<string, number> = {};
for (const r of records) seedKinds[r.kind] = (seedKinds[r.kind] ?? 0) + 1;
const kindOfKey = new Map(records.map((r) => [r.key, r.kind]));
const seedPatterns: Record<string, number> = {};
for (const r of relations) {
  const p = `${kindOfKey.get(r.source)} ${r.type} ${kindOfKey.get(r.target)}`;
  seedPatterns[p] = (seedPatterns[p] ?? 0) + 1;
}

describe.each(DATABASES)('atlas generate on %s', (db) => {
  let store: TestStore;
  let services: Services;
  beforeAll(async () => {
    store = await testStore(db);
    services = createServices(store);
  });
  afterAll(async () => store?.cleanup());

  it('is deterministic: the same seed gives the same codes and names, another seed others', () => {
    const a = services.generator.plan(5, 42);
    const b = services.generator.plan(5, 42);
    const summary = (p: typeof a) => p.map((i) => ({ code: i.code, name: i.name, elements: i.elements.map((e) => [e.code, e.name, e.org, e.classification]) }));
    expect(summary(a)).toEqual(summary(b));
    expect(new Set(a.map((i) => i.code)).size).toBe(5);
    const other = services.generator.plan(5, 43);
    expect(other.map((i) => i.code)).not.toEqual(a.map((i) => i.code));
    // instansi i does not depend on how many are planned
    expect(summary(services.generator.plan(2, 42))).toEqual(summary(a.slice(0, 2)));
    // the seeded city's name and code prefix are replaced
    expect(JSON.stringify(a[0].elements.map((e) => [e.code, e.name, e.description]))).not.toMatch(/Bandar Lampung|\bBDL-/i);
  });

  it('N=1 writes the seeded city’s counts per kind and relation patterns, without an audit event per element', async () => {
    const report = await services.generator.generate({ instansi: 1, seed: 42 });
    expect(report).toMatchObject({ created: 1, skipped: 0, orgUnits: orgUnits.length, elements: records.length, relations: relations.length });
    const [instansi] = await services.repositories.instansi.list(store.db);
    expect(instansi.code).toBe(services.generator.plan(1, 42)[0].code);

    const rows = await store.db.selectFrom('elements').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).where('instansi_id', '=', instansi.id).groupBy('kind').execute();
    expect(Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]))).toEqual(seedKinds);

    const patterns = await store.db
      .selectFrom('relations as r')
      .innerJoin('elements as s', 's.id', 'r.source_id')
      .innerJoin('elements as t', 't.id', 'r.target_id')
      .select(['s.kind as sk', 'r.type', 't.kind as tk', (eb) => eb.fn.countAll<number>().as('n')])
      .where('r.instansi_id', '=', instansi.id)
      .groupBy(['s.kind', 'r.type', 't.kind'])
      .execute();
    expect(Object.fromEntries(patterns.map((p) => [`${p.sk} ${p.type} ${p.tk}`, Number(p.n)]))).toEqual(seedPatterns);

    // One `generate` event for the whole instansi (not one per element), plus the evaluation history's own events, one per assessment.
    const assessments = await store.db.selectFrom('assessments').select('id').where('instansi_id', '=', instansi.id).execute();
    expect(assessments.length).toBeGreaterThan(0);
    const { events, breaks } = await services.audit.verify(instansi.id);
    expect(breaks).toEqual([]);
    expect(events).toBe(1 + assessments.length);
    const generated = await store.db.selectFrom('audit_events').select('action').where('instansi_id', '=', instansi.id).where('entity_type', '=', 'element').execute();
    expect(generated).toEqual([]);
  });

  it('stores what it planned, readable through the element service', async () => {
    const [planned] = services.generator.plan(1, 42);
    const [instansi] = await services.repositories.instansi.list(store.db);
    const stored = await store.db.selectFrom('elements').select(['source_key', 'code', 'name']).where('instansi_id', '=', instansi.id).execute();
    const byKey = new Map(stored.map((r) => [r.source_key, r]));
    for (const e of planned.elements) expect(byKey.get(e.key)).toMatchObject({ code: e.code, name: e.name });
    const admin = { instansiId: instansi.id, user: { id: 'x', username: 'x', role: 'admin' as const, orgUnitIds: [] } };
    const page = await services.elements.list(admin, { kind: 'sub-process', limit: 500 });
    expect(page.total).toBe(seedKinds['sub-process']);
  });

  it('generating again with the same seed adds only the missing instansi', async () => {
    const again = await services.generator.generate({ instansi: 3, seed: 42 });
    expect(again).toMatchObject({ created: 2, skipped: 1, elements: 2 * records.length, relations: 2 * relations.length });
    const n = await sql<{ n: number }>`select count(*) as n from instansi`.execute(store.db);
    expect(Number(n.rows[0].n)).toBe(3);
  });
});
