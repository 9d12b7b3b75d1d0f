import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrate } from '../src/store/database.js';
import { createServices } from '../src/services/container.js';
import { DATABASES, testStore, type TestStore } from './helpers.js';

describe.each(DATABASES)('store on %s', (db) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await testStore(db);
  });
  afterAll(async () => store?.cleanup());

  it('migrates idempotently and creates every table', async () => {
    await migrate(store.db);
    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['instansi', 'org_units', 'reference_nodes', 'elements', 'relations', 'users', 'sessions', 'api_tokens', 'audit_events']));
  });

  it.runIf(db === 'sqlite')('runs SQLite in WAL mode with foreign keys on', async () => {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    expect(mode.rows[0].journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
    expect(fk.rows[0].foreign_keys).toBe(1);
  });

  it('rolls a multi-row write back whole when one row fails', async () => {
    const services = createServices(store);
    const i = await services.datasets.createInstansi('rollback', 'Rollback');
    const before = await store.db.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const unit = (code: string) => ({ id: `ou-${code}`, instansiId: i.id, code, name: code, aliases: [], type: 'dinas', parentId: null, provenance: null });
    await expect(
      store.db.transaction().execute(async (trx) => {
        await services.repositories.orgUnits.insert(trx, unit('A'));
        await services.repositories.orgUnits.insert(trx, unit('B'));
        await services.repositories.orgUnits.insert(trx, unit('A')); // duplicate id and code
      }),
    ).rejects.toThrow();
    const after = await store.db.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('matches search text literally, not as LIKE wildcards', async () => {
    const services = createServices(store);
    const i = await services.datasets.createInstansi('search', 'Search');
    const base = { instansiId: i.id, kind: 'vision', domain: 'strategy', description: null, orgUnitId: null, refCode: null, lifecycle: 'as-is', classification: 'terbuka', attributes: {}, provenance: null, sourceKey: null, version: 1, createdAt: 'x', updatedAt: 'x', createdBy: null, updatedBy: null };
    await services.repositories.elements.insert(store.db, { ...base, id: 's1', code: 'A', name: '100% Digital' });
    await services.repositories.elements.insert(store.db, { ...base, id: 's2', code: 'B', name: '100 Persen' });
    const actor = { instansiId: i.id, user: null };
    const opts = { sort: 'name' as const, descending: false, limit: 10 };
    const pct = await services.repositories.elements.list(store.db, actor, { q: '100%' }, opts);
    expect(pct.items.map((e) => e.id)).toEqual(['s1']);
    const upper = await services.repositories.elements.list(store.db, actor, { q: 'DIGITAL' }, opts);
    expect(upper.items.map((e) => e.id)).toEqual(['s1']);
    const underscore = await services.repositories.elements.list(store.db, actor, { q: '100_' }, opts);
    expect(underscore.items).toHaveLength(0);
  });
});
