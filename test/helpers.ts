import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { openStore, type Store } from '../src/store/database.js';
import { createServices, type Services } from '../src/services/container.js';
import { buildApp } from '../src/server/app.js';

export const PG_URL = process.env.ATLAS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export type DatabaseKind = 'sqlite' | 'postgres';
/** Storage tests run on both; ATLAS_TEST_DB=sqlite|postgres narrows to one. */
export const DATABASES: DatabaseKind[] = process.env.ATLAS_TEST_DB ? [process.env.ATLAS_TEST_DB as DatabaseKind] : ['sqlite', 'postgres'];

export interface TestStore extends Store {
  cleanup(): Promise<void>;
}

/** A fresh, migrated, empty database: a temp SQLite file or a new PostgreSQL schema. */
export async function testStore(kind: DatabaseKind): Promise<TestStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
    const store = await openStore({ dataDir: dir });
    return { ...store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
  return {
    ...store,
    cleanup: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}

export const PASSWORD = 'a-long-test-password';

export interface Fixture {
  store: TestStore;
  services: Services;
  app: FastifyInstance;
  instansiId: string;
  otherInstansiId: string;
  org: { a: string; b: string; other: string };
  tokens: { admin: string; operator: string; viewer: string; reviewer: string; auditor: string; otherAdmin: string };
  close(): Promise<void>;
}

/**
 * Two instansi; the first has OPDs A and B and users admin, operator (A) and
 * viewer; the second has its own admin and OPD. A few national reference nodes.
 */
export async function fixture(kind: DatabaseKind): Promise<Fixture> {
  const store = await testStore(kind);
  const services = createServices(store);
  const { datasets, repositories: r, auth } = services;
  const city = await datasets.createInstansi('kota-uji', 'Kota Uji');
  const other = await datasets.createInstansi('kab-lain', 'Kabupaten Lain');
  const db = store.db;
  const org = { a: 'org-a-' + city.id, b: 'org-b-' + city.id, other: 'org-x-' + other.id };
  await r.orgUnits.insert(db, { id: org.a, instansiId: city.id, code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika', aliases: ['Diskominfo'], type: 'dinas', parentId: null, provenance: null });
  await r.orgUnits.insert(db, { id: org.b, instansiId: city.id, code: 'DINKES', name: 'Dinas Kesehatan', aliases: [], type: 'dinas', parentId: null, provenance: null });
  await r.orgUnits.insert(db, { id: org.other, instansiId: other.id, code: 'DISKOMINFO', name: 'Diskominfo Kabupaten Lain', aliases: [], type: 'dinas', parentId: null, provenance: null });
  for (const [code, name, level, parent] of [
    ['01', 'Layanan Publik', 1, null],
    ['01.16', 'Komunikasi dan Informatika', 2, '01'],
    ['02', 'Layanan Administrasi Pemerintahan', 1, null],
  ] as const) {
    await r.references.insert(db, { id: `ral-${code}`, scope: 'national', model: 'RAL', code, name, description: null, level, parentCode: parent, provenance: 'test' });
  }
  for (const [code, name, level, parent] of [
    ['02', 'Aplikasi Khusus', 1, null],
    ['02.02', 'Fungsi Tertentu', 2, '02'],
  ] as const) {
    await r.references.insert(db, { id: `raa-${code}`, scope: 'national', model: 'RAA', code, name, description: null, level, parentCode: parent, provenance: 'test' });
  }
  await auth.addUser({ instansiId: city.id, username: 'admin', password: PASSWORD, role: 'admin' });
  await auth.addUser({ instansiId: city.id, username: 'operator', password: PASSWORD, role: 'operator', orgCodes: ['DISKOMINFO'] });
  await auth.addUser({ instansiId: city.id, username: 'viewer', password: PASSWORD, role: 'viewer' });
  await auth.addUser({ instansiId: city.id, username: 'reviewer', password: PASSWORD, role: 'reviewer' });
  await auth.addUser({ instansiId: city.id, username: 'auditor', password: PASSWORD, role: 'auditor' });
  await auth.addUser({ instansiId: other.id, username: 'other-admin', password: PASSWORD, role: 'admin' });
  const tokens = {
    admin: (await auth.createToken('admin')).token,
    operator: (await auth.createToken('operator')).token,
    viewer: (await auth.createToken('viewer')).token,
    reviewer: (await auth.createToken('reviewer')).token,
    auditor: (await auth.createToken('auditor')).token,
    otherAdmin: (await auth.createToken('other-admin')).token,
  };
  process.env.ATLAS_DEFAULT_INSTANSI = 'kota-uji';
  const app = await buildApp(services, { webDir: '/nonexistent' });
  await app.ready();
  return {
    store,
    services,
    app,
    instansiId: city.id,
    otherInstansiId: other.id,
    org,
    tokens,
    close: async () => {
      await app.close();
      await store.cleanup();
    },
  };
}

/** Inject a request, optionally as a token holder. */
export function call(app: FastifyInstance, token: string | null, opts: InjectOptions) {
  return app.inject({ ...opts, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.headers ?? {}) } });
}
