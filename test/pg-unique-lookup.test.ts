import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStore, type TestStore } from './helpers.js';
import { ElementRepository } from '../src/store/repositories/element.repository.js';
import { createServices } from '../src/services/container.js';

describe('PostgreSQL unique-key lookups as named statements', () => {
  let store: TestStore;
  let elementId: string;

  beforeAll(async () => {
    store = await testStore('postgres');
    const services = createServices(store);
    const city = await services.datasets.createInstansi('kota-uji', 'Kota Uji');
    const el = await services.elements.create(
      { instansiId: city.id, user: { id: 'system', username: 'system', role: 'admin', instansiId: city.id, orgUnitIds: [] } } as never,
      { kind: 'application', code: 'APP-1', name: 'Aplikasi Satu', lifecycle: 'as-is', classification: 'terbuka', attributes: {} } as never,
    );
    elementId = el.id;
  });
  afterAll(async () => store.cleanup());

  it('prepares a marked lookup once per connection and keeps answering correctly', async () => {
    const repo = new ElementRepository(store.dialect);
    await store.db.connection().execute(async (conn) => {
      const first = await repo.findById(conn, elementId);
      const again = await repo.findById(conn, elementId);
      const missing = await repo.findById(conn, '00000000-0000-7000-8000-000000000000');
      expect(first?.name).toBe('Aplikasi Satu');
      expect(again).toEqual(first);
      expect(missing).toBeUndefined();
      const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn);
      const mine = prepared.rows.filter((r) => r.statement.includes('from "elements"'));
      expect(mine).toHaveLength(1);
      expect(mine[0].name).toMatch(/^atlas_[0-9a-f]{20}$/);
    });
  });

  it('leaves every other query unnamed', async () => {
    await store.db.connection().execute(async (conn) => {
      await conn.selectFrom('elements').select('id').where('code', '=', 'APP-1').execute();
      const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn);
      expect(prepared.rows.some((r) => r.statement.includes('"code" ='))).toBe(false);
    });
  });
});
