/**
 * Scenarios that are whole operations rather than small reads: consistency
 * checks of one instansi, index computation for all instansi, an XLSX import
 * of 10,000 rows, an ArchiMate export of one instansi. Each is found through
 * the server's OpenAPI document; when its route is not there the scenario is
 * reported as "not available" instead of failing the run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { run, send, type Req, type Target } from './driver.js';
import { BENCH_IMPORT_CODE, type Prepared } from './prepare.js';
import type { Child } from './server.js';
import { openStore } from '../src/store/database.js';
import { createServices } from '../src/services/container.js';
import { DATA_DIR } from '../src/paths.js';

export interface HeavyScenario {
  id: string;
  label: string;
  runs: number;
  target?: { metric: 'p95' | 'p50'; ms: number };
  /** true, or why not. */
  available(server: Child, p: Prepared): Promise<true | string>;
  /** Untimed preparation before each operation. */
  before?(server: Child, p: Prepared, i: number): Promise<void>;
  /** One operation; may return a note for the report. */
  once(server: Child, p: Prepared, i: number): Promise<string | void>;
}

type OpenApi = { paths?: Record<string, Record<string, unknown>> };
const specs = new Map<number, OpenApi>();

async function spec(server: Child): Promise<OpenApi> {
  let s = specs.get(server.pid);
  if (!s) {
    const r = await send(tgt(server), { path: '/api/v1/openapi.json' }, 1, true);
    s = r.status === 200 ? (JSON.parse(r.body) as OpenApi) : {};
    specs.set(server.pid, s);
  }
  return s;
}

function tgt(server: Child): Target {
  return { host: '127.0.0.1', port: server.port };
}

async function hasRoute(server: Child, method: string, path: string): Promise<true | string> {
  const s = await spec(server);
  return s.paths?.[path]?.[method.toLowerCase()] ? true : `${method} /api/v1${path.replace(/^\/api\/v1/, '')} is not registered yet`;
}

async function expectOk(server: Child, r: Req): Promise<string> {
  const res = await sendRaw(server, r);
  return res.toString('utf8');
}

/** A request whose body is kept as bytes (templates, exports). */
async function sendRaw(server: Child, r: Req): Promise<Buffer> {
  const res = await send(tgt(server), r, 1, true);
  if (!(r.expect ?? [200]).includes(res.status)) throw new Error(`${r.method ?? 'GET'} ${r.path} → ${res.status} ${res.body.slice(0, 300)}`);
  return res.raw;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** QUICK mode imports 1,000 rows instead of 10,000. */
export let QUICK_ROWS = false;
export function setQuick(q: boolean): void {
  QUICK_ROWS = q;
}

const IMPORT_CODE = BENCH_IMPORT_CODE;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportTarget {
  id: string;
  token: string;
  orgCodes: string[];
}
const importTargets = new Map<string, ImportTarget>();

/**
 * The instansi the import writes into: a dedicated one (code bench-impor, with
 * the seeded city's OPDs), kept apart from the instansi the reads measure and
 * emptied of elements before every run so each run imports 10,000 new rows.
 */
async function importTarget(p: Prepared): Promise<ImportTarget> {
  const key = JSON.stringify(p.storeConfig);
  let t = importTargets.get(key);
  if (t) return t;
  const store = await openStore(p.storeConfig);
  try {
    const s = createServices(store);
    const inst = await s.datasets.createInstansi(IMPORT_CODE, 'Instansi Uji Impor (benchmark)', 'pemda');
    const orgs: { code: string; name: string; type?: string }[] = JSON.parse(readFileSync(join(DATA_DIR, 'datasets', 'bandar-lampung', 'org-units.json'), 'utf8'));
    const have = new Set((await s.repositories.orgUnits.list(store.db, inst.id)).map((o) => o.code));
    for (const o of orgs) {
      if (have.has(o.code)) continue;
      await s.repositories.orgUnits.insert(store.db, { id: uuidv7(), instansiId: inst.id, code: o.code, name: o.name, aliases: [], type: o.type ?? 'lainnya', parentId: null, provenance: 'benchmark' });
    }
    const username = 'bench-impor';
    if (!(await s.repositories.users.findByUsername(store.db, username))) {
      await s.auth.addUser({ instansiId: inst.id, username, password: `B3nch-${randomBytes(12).toString('hex')}`, role: 'admin', displayName: 'Benchmark import' });
    }
    const { token } = await s.auth.createToken(username, { name: 'bench', scopes: ['read', 'write'], expiresInDays: 1 });
    t = { id: inst.id, token, orgCodes: orgs.map((o) => o.code) };
    importTargets.set(key, t);
    return t;
  } finally {
    await store.close();
  }
}

async function emptyImportTarget(p: Prepared, instansiId: string): Promise<void> {
  const store = await openStore(p.storeConfig);
  try {
    await store.db.deleteFrom('relations').where('instansi_id', '=', instansiId).execute();
    await store.db.deleteFrom('elements').where('instansi_id', '=', instansiId).execute();
  } finally {
    await store.close();
  }
}

/** The application template from the server, filled with `rows` new applications. */
async function applicationWorkbook(server: Child, t: ImportTarget, rows: number, run: number): Promise<Buffer> {
  const template = await sendRaw(server, { path: '/api/v1/templates/application?format=xlsx', headers: bearer(t.token) });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Data') ?? wb.worksheets[0];
  const col = new Map<string, number>();
  ws.getRow(2).eachCell((cell, n) => col.set(String(cell.value), n));
  const topics = ['Kepegawaian', 'Perizinan', 'Pengaduan', 'Keuangan', 'Aset', 'Perencanaan', 'Kesehatan', 'Pendidikan', 'Pajak', 'Arsip'];
  for (let i = 0; i < rows; i++) {
    const r = ws.getRow(3 + i);
    const set = (code: string, v: string) => {
      const n = col.get(code);
      if (n) r.getCell(n).value = v;
    };
    set('code', `IMP-${run}-${String(i + 1).padStart(5, '0')}`);
    set('name', `Sistem Informasi ${topics[i % topics.length]} ${i + 1}`);
    set('description', `Aplikasi hasil impor uji beban, baris ${i + 1}`);
    set('org', t.orgCodes[i % t.orgCodes.length]);
    set('lifecycle', i % 10 === 0 ? 'to-be' : 'as-is');
    set('classification', 'terbuka');
    set('attributes.category', i % 3 === 0 ? 'umum' : 'khusus');
    set('attributes.scope', 'lokal');
    r.commit();
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A read-only token in every instansi (except the import one), for computing
 * every instansi's index over HTTP. The bench users share one password hash
 * (computed once with the product's own hashing) and are made directly.
 */
const evalTokens = new Map<string, { code: string; token: string }[]>();
async function everyInstansiToken(p: Prepared): Promise<{ code: string; token: string }[]> {
  const key = JSON.stringify(p.storeConfig);
  let out = evalTokens.get(key);
  if (out) return out;
  const store = await openStore(p.storeConfig);
  try {
    const s = createServices(store);
    const all = (await s.repositories.instansi.list(store.db)).filter((i) => i.code !== BENCH_IMPORT_CODE);
    let hash: string | undefined;
    out = [];
    for (const inst of all) {
      const username = `bench-eval-${inst.id.slice(-12)}`;
      let user = await s.repositories.users.findByUsername(store.db, username);
      if (!user) {
        if (!hash) {
          await s.auth.addUser({ instansiId: inst.id, username, password: `B3nch-${randomBytes(12).toString('hex')}`, role: 'viewer', displayName: 'Benchmark (evaluation)' });
          user = await s.repositories.users.findByUsername(store.db, username);
          hash = user!.passwordHash;
        } else {
          await s.repositories.users.insert(store.db, {
            id: uuidv7(),
            instansiId: inst.id,
            username,
            displayName: 'Benchmark (evaluation)',
            passwordHash: hash,
            role: 'viewer',
            orgUnitIds: [],
            createdAt: new Date().toISOString(),
            disabledAt: null,
            totpSecret: null,
            totpEnabledAt: null,
            totpLastStep: null,
          });
        }
      } else hash ??= user.passwordHash;
      const { token } = await s.auth.createToken(username, { name: 'bench', scopes: ['read'], expiresInDays: 1 });
      out.push({ code: inst.code, token });
    }
    evalTokens.set(key, out);
    return out;
  } finally {
    await store.close();
  }
}

export function heavyScenarios(): HeavyScenario[] {
  return [
    {
      id: 'lint',
      label: 'consistency checks of one instansi',
      runs: 20,
      available: (s) => hasRoute(s, 'get', '/api/v1/lint'),
      once: async (s, p, i) => {
        const t = p.targets[i % p.targets.length];
        const body = JSON.parse(await expectOk(s, { path: '/api/v1/lint', headers: bearer(t.token) })) as { items?: unknown[]; findings?: unknown[] };
        return `${(body.items ?? body.findings ?? []).length} findings`;
      },
    },
    (() => {
      let tokens: { code: string; token: string }[] = [];
      return {
        id: 'index-all',
        label: 'index computation for all instansi',
        runs: 3,
        available: (s) => hasRoute(s, 'get', '/api/v1/assessments'),
        before: async (_s, p) => {
          tokens = await everyInstansiToken(p);
        },
        once: async (s) => {
          // GET /assessments computes each assessment's index from its indicator levels; one call per instansi, 8 at a time.
          let assessments = 0;
          const st = await run({
            targets: [tgt(s)],
            concurrency: 8,
            requests: tokens.length,
            next: (i) => ({ path: '/api/v1/assessments', headers: bearer(tokens[i].token) }),
          });
          if (st.errors) throw new Error(`${st.errors} errors, first: ${st.firstError}`);
          const sample = JSON.parse(await expectOk(s, { path: '/api/v1/assessments', headers: bearer(tokens[tokens.length - 1].token) })) as { items: unknown[] };
          assessments = sample.items.length;
          return `${tokens.length} instansi × ${assessments} assessments, 8 requests at a time; per instansi p50 ${st.p50.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms`;
        },
      } satisfies HeavyScenario;
    })(),
    {
      id: 'archimate',
      label: 'ArchiMate export of one instansi',
      runs: 10,
      available: (s) => hasRoute(s, 'get', '/api/v1/export/archimate'),
      once: async (s, p, i) => {
        const t = p.targets[i % p.targets.length];
        const xml = await sendRaw(s, { path: '/api/v1/export/archimate', headers: bearer(t.token) });
        return `${(xml.length / 1024).toFixed(0)} KB of XML`;
      },
    },
    (() => {
      let workbook: Buffer | null = null;
      let target: ImportTarget;
      const rows = () => (QUICK_ROWS ? 1000 : 10_000);
      return {
        id: 'xlsx-import',
        label: `XLSX import of ${rows().toLocaleString('en-US')} rows (commit)`,
        runs: 3,
        available: async (s) => {
          const a = await hasRoute(s, 'post', '/api/v1/import/spreadsheet');
          return a === true ? hasRoute(s, 'get', '/api/v1/templates/{kind}') : a;
        },
        before: async (s, p, i) => {
          target = await importTarget(p);
          await emptyImportTarget(p, target.id);
          workbook = await applicationWorkbook(s, target, rows(), i);
        },
        once: async (s) => {
          const body = JSON.parse(
            await expectOk(s, { method: 'POST', path: '/api/v1/import/spreadsheet?mode=commit&kind=application', headers: { ...bearer(target.token), 'content-type': XLSX_TYPE }, body: workbook! }),
          ) as { committed?: boolean; summary?: { elements?: { create: number } } };
          if (!body.committed) throw new Error('import not committed');
          return `${body.summary?.elements?.create ?? '?'} elements created, file ${(workbook!.length / 1024).toFixed(0)} KB`;
        },
      } satisfies HeavyScenario;
    })(),
  ];
}
