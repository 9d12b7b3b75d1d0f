/**
 * Mixed read/write load against a real `atlas serve` process, on SQLite and on
 * PostgreSQL: 50 virtual users (LOAD_VUS) for 60 s (LOAD_SECONDS) list, read,
 * create and PATCH (with If-Match) elements of the seeded Bandar Lampung
 * dataset. Prints throughput and latency per operation, then proves that no
 * update was lost: every PATCH answered 200 is accounted for, the others were
 * answered 409, and each contended element's final version is 1 + its 200s.
 *
 *   npx tsx bench/load.ts                       # both databases, 60 s each
 *   LOAD_SECONDS=10 LOAD_DB=sqlite npx tsx bench/load.ts
 *
 * Plain node:http with keep-alive sockets (one per virtual user); no extra
 * dependencies.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { openStore } from '../src/store/database.js';
import { createServices } from '../src/services/container.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const VUS = Number(process.env.LOAD_VUS ?? 50);
const HOT = Number(process.env.LOAD_HOT ?? 20);
const DBS = (process.env.LOAD_DB ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as ('sqlite' | 'postgres')[];
const PG_URL = process.env.ATLAS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLI = ['--import', 'tsx', 'src/cli/atlas.ts'];
const run = promisify(execFile);

type Op = 'list' | 'get' | 'patch' | 'create';
const MIX: [Op, number][] = [
  ['list', 0.35],
  ['get', 0.3],
  ['patch', 0.2],
  ['create', 0.15],
];
const LISTS = ['', 'kind=application', 'q=sistem', 'domain=data&sort=-updatedAt', 'kind=service&sort=code', 'lifecycle=to-be', 'q=informasi&limit=20'];

interface Res {
  status: number;
  body: string;
  etag?: string;
}

class Client {
  private readonly agent: http.Agent;
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly token: string,
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }
  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), etag: res.headers.etag }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
  close() {
    this.agent.destroy();
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface Target {
  name: string;
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

async function target(kind: 'sqlite' | 'postgres'): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-load-'));
  const base = { ...process.env, ATLAS_LOG: '0', ATLAS_DATA_DIR: dataDir, ATLAS_ADMIN_PASSWORD: 'beban-uji-kata-sandi-panjang' };
  if (kind === 'sqlite') return { name: 'SQLite', env: { ...base, ATLAS_DATABASE_URL: '' }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const schema = `load_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client(PG_URL);
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  return {
    name: 'PostgreSQL',
    env: { ...base, ATLAS_DATABASE_URL: PG_URL, ATLAS_PG_SCHEMA: schema },
    cleanup: async () => {
      const d = new pg.Client(PG_URL);
      await d.connect();
      await d.query(`drop schema if exists ${schema} cascade`);
      await d.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; exited: Promise<number | string> }> {
  const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0', '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((r) => child.on('exit', (code, signal) => r(code ?? signal ?? -1)));
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 180_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), exited });
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

interface Result {
  db: string;
  seconds: number;
  ops: Record<Op, { lat: number[]; errors: number; conflicts: number }>;
  hot: { elements: number; ok: number; conflicts: number; lostUpdates: string[] };
  audit: string;
  firstError?: string;
}

async function runOne(kind: 'sqlite' | 'postgres'): Promise<Result> {
  const t = await target(kind);
  process.stderr.write(`\n${t.name}: starting the server and loading the dataset…\n`);
  const server = await serve(t.env);
  try {
    const { stdout } = await run(process.execPath, [...CLI, 'token', 'create', 'admin', '--name', 'load'], { env: t.env });
    const client = new Client('127.0.0.1', server.port, stdout.trim(), VUS + 4);

    // a pool of existing elements to read, and HOT fresh ones everybody PATCHes
    const pool: string[] = [];
    for (let cursor: string | null = ''; cursor !== null && pool.length < 1000; ) {
      const r = await client.request('GET', `/api/v1/elements?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      const page = JSON.parse(r.body) as { items: { id: string }[]; nextCursor: string | null };
      pool.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    }
    const hot: string[] = [];
    for (let i = 0; i < HOT; i++) {
      const r = await client.request('POST', '/api/v1/elements', { kind: 'vision', name: `Elemen rebutan ${i}`, description: 'v1' });
      if (r.status !== 201) throw new Error(`setup: ${r.status} ${r.body}`);
      hot.push((JSON.parse(r.body) as { id: string }).id);
    }
    process.stderr.write(`${t.name}: ${pool.length} elements to read, ${HOT} contended ones; ${VUS} users for ${SECONDS} s…\n`);

    const ops: Result['ops'] = { list: { lat: [], errors: 0, conflicts: 0 }, get: { lat: [], errors: 0, conflicts: 0 }, patch: { lat: [], errors: 0, conflicts: 0 }, create: { lat: [], errors: 0, conflicts: 0 } };
    // per hot element: the versions that 200 PATCHes produced, and what each wrote
    const wins = new Map<string, Map<number, string>>(hot.map((id) => [id, new Map()]));
    const duplicateWins: string[] = [];
    let firstError: string | undefined;
    const fail = (op: Op, what: string) => {
      ops[op].errors++;
      firstError ??= `${op}: ${what}`;
    };
    const timed = async (op: Op, f: () => Promise<Res>): Promise<Res | null> => {
      const start = performance.now();
      try {
        const r = await f();
        ops[op].lat.push(performance.now() - start);
        return r;
      } catch (e) {
        fail(op, (e as Error).message);
        return null;
      }
    };
    const deadline = Date.now() + SECONDS * 1000;
    const started = performance.now();
    const user = async (vu: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        let x = Math.random();
        const op = MIX.find(([, w]) => (x -= w) < 0)?.[0] ?? 'list';
        if (op === 'list') {
          const r = await timed('list', () => client.request('GET', `/api/v1/elements?${LISTS[i % LISTS.length]}`));
          if (r && r.status !== 200) fail('list', `${r.status} ${r.body.slice(0, 200)}`);
        } else if (op === 'get') {
          const r = await timed('get', () => client.request('GET', `/api/v1/elements/${pool[Math.floor(Math.random() * pool.length)]}`));
          if (r && r.status !== 200) fail('get', `${r.status} ${r.body.slice(0, 200)}`);
        } else if (op === 'create') {
          const r = await timed('create', () => client.request('POST', '/api/v1/elements', { kind: 'vision', name: `Beban ${vu}-${i}`, description: 'dibuat oleh uji beban' }));
          if (r && r.status !== 201) fail('create', `${r.status} ${r.body.slice(0, 200)}`);
        } else {
          const id = hot[Math.floor(Math.random() * hot.length)];
          const read = await timed('get', () => client.request('GET', `/api/v1/elements/${id}`));
          if (!read || read.status !== 200) {
            if (read) fail('get', `${read.status}`);
            continue;
          }
          const version = (JSON.parse(read.body) as { version: number }).version;
          const mark = `v${version + 1} oleh pengguna ${vu} (${i})`;
          const r = await timed('patch', () => client.request('PATCH', `/api/v1/elements/${id}`, { description: mark }, { 'if-match': `"${version}"` }));
          if (!r) continue;
          if (r.status === 200) {
            const v = (JSON.parse(r.body) as { version: number }).version;
            const seen = wins.get(id)!;
            if (seen.has(v)) duplicateWins.push(`${id} v${v}`);
            seen.set(v, mark);
          } else if (r.status === 409) ops.patch.conflicts++;
          else fail('patch', `${r.status} ${r.body.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: VUS }, (_, vu) => user(vu)));
    const seconds = (performance.now() - started) / 1000;

    // the proof: every element's final version = 1 + its 200 PATCHes, versions 2..n each won once, the last writer's text is what is stored
    const lost: string[] = [...duplicateWins.map((d) => `two 200s for ${d}`)];
    let ok = 0;
    for (const id of hot) {
      const seen = wins.get(id)!;
      ok += seen.size;
      const r = await client.request('GET', `/api/v1/elements/${id}`);
      const e = JSON.parse(r.body) as { version: number; description: string };
      if (e.version !== 1 + seen.size) lost.push(`${id}: version ${e.version}, but ${seen.size} PATCHes answered 200`);
      for (let v = 2; v <= e.version; v++) if (!seen.has(v)) lost.push(`${id}: no 200 produced version ${v}`);
      if (seen.size && e.description !== seen.get(e.version)) lost.push(`${id}: stored "${e.description}", last 200 wrote "${seen.get(e.version)}"`);
    }
    client.close();
    server.child.kill('SIGTERM');
    const code = await server.exited;
    if (code !== 0) lost.push(`server exited with ${code} on SIGTERM`);

    // the audit trail agrees: one update event per 200 PATCH, and the chain verifies
    const store = await openStore({ dataDir: t.env.ATLAS_DATA_DIR, databaseUrl: t.env.ATLAS_DATABASE_URL || undefined, pgSchema: t.env.ATLAS_PG_SCHEMA || undefined });
    let audit: string;
    try {
      const services = createServices(store);
      const updates = await store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'update').where('entity_id', 'in', hot).executeTakeFirstOrThrow();
      if (Number(updates.n) !== ok) lost.push(`${updates.n} update events in the audit trail for ${ok} PATCHes answered 200`);
      const chains = [];
      for (const i of await services.repositories.instansi.list(store.db)) chains.push(await services.audit.verify(i.id));
      const breaks = chains.reduce((n, c) => n + c.breaks.length, 0);
      audit = `${chains.reduce((n, c) => n + c.events, 0)} events, ${breaks ? `${breaks} BREAKS` : 'chain intact'}`;
      if (breaks) lost.push('audit chain broken');
    } finally {
      await store.close();
    }
    return { db: t.name, seconds, ops, hot: { elements: HOT, ok, conflicts: ops.patch.conflicts, lostUpdates: lost }, audit, firstError };
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await t.cleanup();
  }
}

function report(r: Result): string {
  const fmt = (n: number) => (Number.isNaN(n) ? '—' : n < 10 ? n.toFixed(1) : n.toFixed(0));
  const lines = [`${r.db} — ${VUS} users, ${r.seconds.toFixed(0)} s`, 'operation   requests    req/s    p50 ms   p95 ms   p99 ms   errors'];
  let total = 0;
  const all: number[] = [];
  for (const op of ['list', 'get', 'patch', 'create'] as Op[]) {
    const lat = [...r.ops[op].lat].sort((a, b) => a - b);
    total += lat.length;
    all.push(...lat);
    lines.push(
      `${op.padEnd(10)} ${String(lat.length).padStart(9)} ${fmt(lat.length / r.seconds).padStart(8)} ${fmt(percentile(lat, 50)).padStart(9)} ${fmt(percentile(lat, 95)).padStart(8)} ${fmt(percentile(lat, 99)).padStart(8)} ${String(r.ops[op].errors).padStart(8)}`,
    );
  }
  all.sort((a, b) => a - b);
  lines.push(`${'all'.padEnd(10)} ${String(total).padStart(9)} ${fmt(total / r.seconds).padStart(8)} ${fmt(percentile(all, 50)).padStart(9)} ${fmt(percentile(all, 95)).padStart(8)} ${fmt(percentile(all, 99)).padStart(8)}`);
  lines.push(
    `PATCH on ${r.hot.elements} contended elements: ${r.hot.ok} answered 200, ${r.hot.conflicts} answered 409 — ${r.hot.lostUpdates.length ? `LOST UPDATES:\n  ${r.hot.lostUpdates.slice(0, 10).join('\n  ')}` : 'no lost update (final version = 1 + 200s for every element)'}`,
  );
  lines.push(`audit trail: ${r.audit}`);
  if (r.firstError) lines.push(`first error: ${r.firstError}`);
  return lines.join('\n');
}

const results: Result[] = [];
for (const db of DBS) results.push(await runOne(db));
console.log(`\nAtlas SPBE mixed load: list ${MIX[0][1] * 100}% · get ${MIX[1][1] * 100}% · patch ${MIX[2][1] * 100}% (each after a get) · create ${MIX[3][1] * 100}%; Node ${process.version}, ${cpus().length} CPUs`);
for (const r of results) console.log(`\n${report(r)}`);
const bad = results.some((r) => r.hot.lostUpdates.length || Object.values(r.ops).some((o) => o.errors));
process.exitCode = bad ? 1 : 0;
