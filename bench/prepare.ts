/**
 * Prepares a benchmark database: the seeded city plus (scale − 1) synthetic
 * instansi from `atlas generate`, bench users with API tokens in a few
 * instansi, and samples of ids, OPDs and search terms to request.
 * Databases are kept between runs (SQLite under /tmp, PostgreSQL schema
 * bench_<scale> in its own database) and only topped up.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type StoreConfig } from '../src/store/database.js';
import { createServices, type Services } from '../src/services/container.js';
import { bootstrap } from '../src/services/bootstrap.service.js';
import { prng } from '../src/services/generator.service.js';

export type Db = 'sqlite' | 'postgres';

export interface BenchInstansi {
  id: string;
  code: string;
  name: string;
  token: string;
  /** Sampled visible element ids. */
  elementIds: string[];
  /** Elements with at least one relation. */
  relatedIds: string[];
  /** Elements with the most relations in the instansi (roots for impact analysis). */
  hubIds: string[];
  /** OPD codes that own applications. */
  appOrgs: string[];
  /** Sampled ids of terbuka elements (what anonymous visitors may read). */
  openIds: string[];
}

export interface Prepared {
  db: Db;
  scale: number;
  env: Record<string, string>;
  storeConfig: StoreConfig;
  instansiCount: number;
  elements: number;
  relations: number;
  generation: { ms: number; created: number; elements: number; relations: number } | null;
  /** Size on disk (SQLite file) or of the schema's tables (PostgreSQL), MB. */
  sizeMb: number;
  targets: BenchInstansi[];
  adminPassword: string;
}

export interface PrepareOptions {
  db: Db;
  scale: number;
  seed: number;
  pgUrl: string;
  sqliteDir: string;
  fresh: boolean;
  log: (s: string) => void;
}

const ADMIN_PASSWORD = 'Bench-Atlas-Pa55word!9';
/** The instansi the XLSX import scenario writes into (see heavy.ts); not part of the scale. */
export const BENCH_IMPORT_CODE = 'bench-impor';

async function ensurePgDatabase(url: string, schema: string, fresh: boolean): Promise<void> {
  const u = new URL(url);
  const dbName = u.pathname.replace(/^\//, '');
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [dbName]);
    if (found.rowCount === 0) await admin.query(`create database "${dbName.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    if (fresh) await c.query(`drop schema if exists ${schema} cascade`);
    await c.query(`create schema if not exists ${schema}`);
  } finally {
    await c.end();
  }
}

export async function prepare(o: PrepareOptions): Promise<Prepared> {
  let storeConfig: StoreConfig;
  let env: Record<string, string>;
  if (o.db === 'sqlite') {
    const dataDir = join(o.sqliteDir, `scale-${o.scale}`);
    if (o.fresh && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    storeConfig = { dataDir };
    env = { ATLAS_DATA_DIR: dataDir, ATLAS_DATABASE_URL: '', ATLAS_PG_SCHEMA: '' };
  } else {
    const schema = `bench_${o.scale}`;
    await ensurePgDatabase(o.pgUrl, schema, o.fresh);
    storeConfig = { databaseUrl: o.pgUrl, pgSchema: schema };
    // Files (evidence uploads) live in ATLAS_DATA_DIR: shared by both servers of the scale-out run, as in production.
    env = { ATLAS_DATABASE_URL: o.pgUrl, ATLAS_PG_SCHEMA: schema, ATLAS_DATA_DIR: join(o.sqliteDir, `pg-files-${o.scale}`) };
  }
  const store = await openStore(storeConfig);
  try {
    const services = createServices(store);
    await bootstrap(services, { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD });
    let generation: Prepared['generation'] = null;
    const have = Number((await sql<{ n: number }>`select count(*) as n from instansi where code <> ${BENCH_IMPORT_CODE}`.execute(store.db)).rows[0].n);
    if (have < o.scale) {
      o.log(`generating ${o.scale - 1} synthetic instansi (seed ${o.seed}) on ${o.db}…`);
      const r = await services.generator.generate({
        instansi: o.scale - 1,
        seed: o.seed,
        onProgress: (done, total) => {
          if (done % 50 === 0 || done === total) o.log(`  ${done}/${total}`);
        },
      });
      generation = { ms: r.ms, created: r.created, elements: r.elements, relations: r.relations };
      o.log(`  ${r.created} instansi, ${r.elements} elements, ${r.relations} relations in ${(r.ms / 1000).toFixed(1)} s`);
    }
    // Without the import scenario's own instansi (see heavy.ts).
    const count = async (table: 'elements' | 'relations') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('instansi_id', 'not in', store.db.selectFrom('instansi').select('id').where('code', '=', BENCH_IMPORT_CODE))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const targets = await chooseTargets(services, o.scale);
    return {
      db: o.db,
      scale: o.scale,
      env,
      storeConfig,
      instansiCount: have >= o.scale ? have : Number((await sql<{ n: number }>`select count(*) as n from instansi where code <> ${BENCH_IMPORT_CODE}`.execute(store.db)).rows[0].n),
      elements: await count('elements'),
      relations: await count('relations'),
      generation,
      sizeMb: await sizeMb(services, o.db, storeConfig),
      targets,
      adminPassword: ADMIN_PASSWORD,
    };
  } finally {
    await store.close();
  }
}

async function sizeMb(s: Services, db: Db, c: StoreConfig): Promise<number> {
  if (db === 'postgres') {
    const r = await sql<{ bytes: string }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(s.store.db);
    return Number(r.rows[0].bytes) / 1048576;
  }
  const r = await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(s.store.db);
  return Number(r.rows[0].bytes) / 1048576;
}

/** The seeded city and up to four synthetic instansi spread over the range, each with a bench admin token. */
async function chooseTargets(s: Services, scale: number): Promise<BenchInstansi[]> {
  const all = (await s.repositories.instansi.list(s.store.db)).filter((i) => i.code !== BENCH_IMPORT_CODE);
  const picks = new Set<number>([0]);
  if (all.length > 1) for (const f of [0.25, 0.5, 0.75, 1]) picks.add(Math.min(all.length - 1, Math.max(1, Math.round(f * (all.length - 1)))));
  const out: BenchInstansi[] = [];
  for (const i of [...picks].sort((a, b) => a - b)) {
    const inst = all[i];
    const username = `bench-${inst.id.slice(-12)}`;
    if (!(await s.repositories.users.findByUsername(s.store.db, username))) {
      await s.auth.addUser({ instansiId: inst.id, username, password: `B3nch-${randomBytes(12).toString('hex')}`, role: 'admin', displayName: 'Benchmark' });
    }
    const { token } = await s.auth.createToken(username, { name: 'bench', scopes: ['read', 'write'], expiresInDays: 1 });
    const rnd = prng(i + 1);
    const rows = await s.store.db.selectFrom('elements').select(['id', 'classification']).where('instansi_id', '=', inst.id).orderBy('id').execute();
    const ids = rows.map((r) => r.id);
    const open = rows.filter((r) => r.classification === 'terbuka').map((r) => r.id);
    const sample = (xs: string[], n: number) => Array.from({ length: Math.min(n, xs.length) }, () => xs[Math.floor(rnd() * xs.length)]);
    const degree = await s.store.db
      .selectFrom('relations')
      .select(['source_id as id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('instansi_id', '=', inst.id)
      .groupBy('source_id')
      .unionAll(
        s.store.db
          .selectFrom('relations')
          .select(['target_id as id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('instansi_id', '=', inst.id)
          .groupBy('target_id'),
      )
      .execute();
    const deg = new Map<string, number>();
    for (const d of degree) deg.set(d.id, (deg.get(d.id) ?? 0) + Number(d.n));
    const related = [...deg.keys()].sort();
    const hubs = [...deg.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 20).map(([id]) => id);
    const orgs = await s.store.db
      .selectFrom('elements as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('o.code')
      .distinct()
      .where('e.instansi_id', '=', inst.id)
      .where('e.kind', '=', 'application')
      .execute();
    out.push({
      id: inst.id,
      code: inst.code,
      name: inst.name,
      token,
      elementIds: sample(ids, 300),
      relatedIds: sample(related, 300),
      hubIds: hubs,
      appOrgs: orgs.map((o) => o.code).sort(),
      openIds: sample(open, 300),
    });
  }
  return out;
}
