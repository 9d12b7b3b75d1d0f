/**
 * npm run bench — Atlas SPBE performance figures over HTTP against a real
 * server process, on SQLite and PostgreSQL, at several scales.
 *
 *   npm run bench                                  # both databases, scales 1, 100, 600
 *   npm run bench -- --db postgres --scale 600     # one combination
 *   npm run bench -- --quick                       # smoke run: scale 1, short phases
 *   BENCH_DB=sqlite BENCH_SCALE=1,100 BENCH_QUICK=1 npm run bench
 *
 * Options (or environment): --db sqlite,postgres (BENCH_DB) · --scale 1,100,600
 * (BENCH_SCALE) · --quick (BENCH_QUICK=1) · --concurrency N (BENCH_CONCURRENCY,
 * 8) · --seconds S per measuring phase (BENCH_SECONDS; 5, quick 1) · --only
 * id,id (BENCH_ONLY) · --server src|dist|build (BENCH_SERVER; src runs `node
 * --import tsx src/cli/atlas.ts serve`; dist runs a snapshot of the build in
 * dist/; build compiles src/ with tsc into a private snapshot first) · --pg-url URL
 * (BENCH_PG_URL, postgres://postgres@127.0.0.1:5432/atlas_bench) · --sqlite-dir
 * DIR (BENCH_SQLITE_DIR, /tmp/atlas-bench) · --seed N · --fresh (rebuild the
 * databases) · --no-web · --no-scaleout · --json FILE · --prepare-only
 * (build the databases and stop).
 */
import { cpus, freemem, loadavg, totalmem, release } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeAgents, run, send, summarise, type Req, type Stats, type Target } from './driver.js';
import { prepare, type BenchInstansi, type Db, type Prepared } from './prepare.js';
import { buildSnapshot, rssSampler, startAtlas, startHello, type Child, type ServerMode } from './server.js';
import { dashboardRender, initialJs } from './web.js';
import { heavyScenarios, setQuick, type HeavyScenario } from './heavy.js';

/* ---------- configuration ---------- */

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : '';
}
const flag = (name: string, env?: string) => process.argv.includes(`--${name}`) || (env !== undefined && process.env[env] === '1');

const QUICK = flag('quick', 'BENCH_QUICK');
const cfg = {
  quick: QUICK,
  dbs: (arg('db') ?? process.env.BENCH_DB ?? 'sqlite,postgres').split(',').map((s) => s.trim()).filter(Boolean) as Db[],
  scales: (arg('scale') ?? process.env.BENCH_SCALE ?? (QUICK ? '1' : '1,100,600')).split(',').map(Number),
  concurrency: Number(arg('concurrency') ?? process.env.BENCH_CONCURRENCY ?? 8),
  seconds: Number(arg('seconds') ?? process.env.BENCH_SECONDS ?? (QUICK ? 1 : 5)),
  only: (arg('only') ?? process.env.BENCH_ONLY ?? '').split(',').filter(Boolean),
  server: (arg('server') ?? process.env.BENCH_SERVER ?? 'src') as ServerMode,
  pgUrl: arg('pg-url') ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/atlas_bench',
  sqliteDir: arg('sqlite-dir') ?? process.env.BENCH_SQLITE_DIR ?? '/tmp/atlas-bench',
  seed: Number(arg('seed') ?? process.env.BENCH_SEED ?? 1),
  fresh: flag('fresh', 'BENCH_FRESH'),
  web: !flag('no-web'),
  scaleout: !flag('no-scaleout'),
  json: arg('json') ?? process.env.BENCH_JSON,
  prepareOnly: flag('prepare-only'),
};
for (const d of cfg.dbs) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--db: unknown database ${d}`);
if (!['src', 'dist', 'build'].includes(cfg.server)) throw new Error(`--server: src, dist or build, not ${cfg.server}`);
for (const s of cfg.scales) if (!Number.isInteger(s) || s < 1) throw new Error(`--scale: ${s} is not a whole number ≥ 1`);

const log = (s: string) => process.stderr.write(`${s}\n`);
setQuick(cfg.quick);

/* ---------- scenarios over HTTP ---------- */

interface Ctx {
  targets: BenchInstansi[];
  /** Per target and OPD: the cursor of the second page of its applications (limit 5). */
  cursors: Map<string, string | null>;
}

export interface HttpScenario {
  id: string;
  label: string;
  /** The issue's target, checked at every scale but binding at 600 instansi on PostgreSQL. */
  target?: { metric: 'p95' | 'p50'; ms: number };
  request: (i: number, ctx: Ctx) => Req;
}

const auth = (t: BenchInstansi) => ({ authorization: `Bearer ${t.token}` });
const pick = <T>(xs: T[], i: number): T => xs[i % xs.length];
const SEARCH_TERMS = ['informasi', 'kesehatan', 'pendidikan', 'layanan', 'aplikasi', 'keuangan', 'kepegawaian', 'pengelolaan', 'data', 'website'];
const LIST_KINDS = ['sub-process', 'application', 'data', 'business-process', 'service'];

const HTTP_SCENARIOS: HttpScenario[] = [
  {
    id: 'list',
    label: 'paginated list: kind + OPD, pages 1 and 2',
    target: { metric: 'p95', ms: 25 },
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      const org = pick(t.appOrgs, Math.floor(i / ctx.targets.length));
      const cursor = i % 2 ? ctx.cursors.get(`${t.id}/${org}`) : null;
      return { path: `/api/v1/elements?kind=application&org=${encodeURIComponent(org)}&limit=5${cursor ? `&cursor=${cursor}` : ''}`, headers: auth(t) };
    },
  },
  {
    id: 'list-kind',
    label: 'paginated list: kind, 50 per page',
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      return { path: `/api/v1/elements?kind=${pick(LIST_KINDS, Math.floor(i / ctx.targets.length))}&limit=50`, headers: auth(t) };
    },
  },
  {
    id: 'count',
    label: 'count by kind (list, limit=1 → total)',
    target: { metric: 'p95', ms: 50 },
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      return { path: `/api/v1/elements?kind=${pick(LIST_KINDS, Math.floor(i / ctx.targets.length))}&limit=1`, headers: auth(t) };
    },
  },
  {
    id: 'facets',
    label: 'facets: per kind and per OPD (GROUP BY)',
    target: { metric: 'p95', ms: 100 },
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      const filter = pick(['', '?domain=aplikasi', '?kind=application', '?lifecycle=as-is'], Math.floor(i / ctx.targets.length));
      return { path: `/api/v1/elements/facets${filter}`, headers: auth(t) };
    },
  },
  {
    id: 'by-id',
    label: 'element by id (token)',
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      return { path: `/api/v1/elements/${pick(t.elementIds, Math.floor(i / ctx.targets.length))}`, headers: auth(t) };
    },
  },
  {
    id: 'by-id-anon',
    label: 'element by id (anonymous, terbuka)',
    request: (i, ctx) => {
      const t = ctx.targets[0];
      return { path: `/api/v1/elements/${pick(t.openIds, i)}` };
    },
  },
  {
    id: 'search',
    label: 'text search (q=…, 20 per page)',
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      return { path: `/api/v1/elements?q=${pick(SEARCH_TERMS, Math.floor(i / ctx.targets.length))}&limit=20`, headers: auth(t) };
    },
  },
  {
    id: 'relations',
    label: 'relations of an element',
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      return { path: `/api/v1/elements/${pick(t.relatedIds, Math.floor(i / ctx.targets.length))}/relations`, headers: auth(t) };
    },
  },
  {
    id: 'impact',
    label: 'impact analysis, depth 5',
    target: { metric: 'p95', ms: 50 },
    request: (i, ctx) => {
      const t = pick(ctx.targets, i);
      return { path: `/api/v1/elements/${pick(t.hubIds, Math.floor(i / ctx.targets.length))}/impact?depth=5`, headers: auth(t) };
    },
  },
];

/* ---------- measuring ---------- */

interface ScenarioResult {
  id: string;
  label: string;
  status: 'ok' | 'not available' | 'failed';
  note?: string;
  latency?: Stats; // concurrency 1
  load?: Stats; // concurrency N
  target?: HttpScenario['target'];
  /** Largest server RSS seen during the scenario, MB. */
  rssMb?: number;
}

const isMissingRoute = (status: number, body: string) => status === 404 && /Route .* not found/i.test(body);

async function measureHttp(s: HttpScenario, targets: Target[], ctx: Ctx): Promise<ScenarioResult> {
  const probe = s.request(0, ctx);
  const first = await send(targets[0], probe, 1, true);
  if (isMissingRoute(first.status, first.body)) return { id: s.id, label: s.label, status: 'not available', note: `${probe.path.split('?')[0]} → 404 (route not registered)`, target: s.target };
  if (first.status !== 200) return { id: s.id, label: s.label, status: 'failed', note: `${probe.path} → ${first.status} ${first.body.slice(0, 200)}`, target: s.target };
  // warm up (JIT, caches, pool)
  await run({ targets, concurrency: cfg.concurrency, seconds: Math.min(1, cfg.seconds), next: (i) => s.request(i, ctx) });
  const latency = await run({ targets, concurrency: 1, seconds: cfg.seconds, next: (i) => s.request(i, ctx) });
  const load = await run({ targets, concurrency: cfg.concurrency, seconds: cfg.seconds, next: (i) => s.request(i, ctx) });
  const bad = latency.errors + load.errors;
  return { id: s.id, label: s.label, status: bad ? 'failed' : 'ok', note: bad ? `${bad} errors, first: ${latency.firstError ?? load.firstError}` : undefined, latency, load, target: s.target };
}

async function measureHeavy(h: HeavyScenario, server: Child, p: Prepared): Promise<ScenarioResult> {
  const avail = await h.available(server, p);
  if (avail !== true) return { id: h.id, label: h.label, status: 'not available', note: avail };
  const runs = cfg.quick ? 1 : h.runs;
  const times: number[] = [];
  let note: string | undefined;
  try {
    for (let i = 0; i < runs; i++) {
      await h.before?.(server, p, i);
      const t0 = performance.now();
      const info = await h.once(server, p, i);
      times.push(performance.now() - t0);
      if (info) note = info;
    }
  } catch (e) {
    return { id: h.id, label: h.label, status: 'failed', note: (e as Error).message.slice(0, 300) };
  }
  const total = times.reduce((a, b) => a + b, 0) / 1000;
  return { id: h.id, label: h.label, status: 'ok', note, latency: summarise(times, 0, total), target: h.target };
}

/* ---------- printing ---------- */

const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const fint = (n: number) => Math.round(n).toLocaleString('en-US');
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function verdict(r: ScenarioResult): string {
  if (!r.target || !r.latency) return '';
  const v = r.latency[r.target.metric];
  const ok = v <= r.target.ms;
  return `${r.target.metric} ≤ ${r.target.ms} ms: ${ok ? 'met' : `MISSED by ${f1(v - r.target.ms)} ms (${f1(v / r.target.ms)}×)`}`;
}

function printTable(rows: ScenarioResult[]): string {
  const c = cfg.concurrency;
  const head = `${pad('scenario', 44)} ${lpad('p50 ms', 8)} ${lpad('p95 ms', 8)} ${lpad(`req/s@${c}`, 10)} ${lpad(`p50@${c}`, 8)} ${lpad(`p95@${c}`, 8)} ${lpad('RSS MB', 7)}  target`;
  const lines = [head, '-'.repeat(head.length + 10)];
  for (const r of rows) {
    if (r.status !== 'ok') {
      lines.push(`${pad(r.label, 44)} ${r.status.toUpperCase()}: ${r.note ?? ''}`);
      continue;
    }
    const l = r.latency!;
    const heavy = !r.load;
    lines.push(
      `${pad(r.label, 44)} ${lpad(f1(l.p50), 8)} ${lpad(f1(l.p95), 8)} ${lpad(heavy ? `${f1(l.rps)}/s` : fint(r.load!.rps), 10)} ${lpad(heavy ? '' : f1(r.load!.p50), 8)} ${lpad(heavy ? '' : f1(r.load!.p95), 8)} ${lpad(r.rssMb ? r.rssMb.toFixed(0) : '', 7)}  ${verdict(r)}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  return lines.join('\n');
}

/* ---------- one database at one scale ---------- */

interface RunResult {
  db: Db;
  scale: number;
  prepared: Omit<Prepared, 'targets' | 'env' | 'storeConfig' | 'adminPassword'>;
  scenarios: ScenarioResult[];
  hello: { latency: Stats; load: Stats };
  byIdRatio: number | null;
  byIdAnonRatio: number | null;
  rss: { maxMb: number; peakMb: number; idleMb: number };
  scaleout?: { scenario: string; one: number; two: number; errors: number }[];
  web?: { firstRender: number[]; loaded: number[]; error?: string };
  startedAt: string;
  loadavg: number[];
}

async function secondPages(targets: BenchInstansi[], server: Target): Promise<Map<string, string | null>> {
  const m = new Map<string, string | null>();
  for (const t of targets) {
    for (const org of t.appOrgs) {
      const r = await send(server, { path: `/api/v1/elements?kind=application&org=${encodeURIComponent(org)}&limit=5`, headers: auth(t) }, 1, true);
      m.set(`${t.id}/${org}`, r.status === 200 ? ((JSON.parse(r.body) as { nextCursor: string | null }).nextCursor ?? null) : null);
    }
  }
  return m;
}

async function benchOne(db: Db, scale: number): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  log(`\n### ${db}, ${scale} instansi: preparing`);
  const p = await prepare({ db, scale, seed: cfg.seed, pgUrl: cfg.pgUrl, sqliteDir: cfg.sqliteDir, fresh: cfg.fresh, log });
  const la = loadavg();
  log(`starting the server (${cfg.server})…`);
  const server = await startAtlas(p.env, cfg.server);
  const sampler = rssSampler(server);
  const idleMb = server.rssMb();
  const target: Target = { host: '127.0.0.1', port: server.port };
  const ctx: Ctx = { targets: p.targets, cursors: await secondPages(p.targets, target) };
  const wanted = (id: string) => cfg.only.length === 0 || cfg.only.includes(id);
  const scenarios: ScenarioResult[] = [];
  let helloResult: RunResult['hello'];
  let scaleout: RunResult['scaleout'];
  let web: RunResult['web'];
  try {
    sampler.window();
    for (const s of HTTP_SCENARIOS.filter((s) => wanted(s.id))) {
      log(`  ${s.id}`);
      scenarios.push({ ...(await measureHttp(s, [target], ctx)), rssMb: sampler.window() });
    }
    for (const h of heavyScenarios().filter((h) => wanted(h.id))) {
      log(`  ${h.id}`);
      scenarios.push({ ...(await measureHeavy(h, server, p)), rssMb: sampler.window() });
    }

    log('  bare node:http');
    const hello = await startHello();
    try {
      const ht: Target = { host: '127.0.0.1', port: hello.port };
      await run({ targets: [ht], concurrency: cfg.concurrency, seconds: Math.min(1, cfg.seconds), next: () => ({ path: '/' }) });
      helloResult = {
        latency: await run({ targets: [ht], concurrency: 1, seconds: cfg.seconds, next: () => ({ path: '/' }) }),
        load: await run({ targets: [ht], concurrency: cfg.concurrency, seconds: cfg.seconds, next: () => ({ path: '/' }) }),
      };
    } finally {
      await hello.stop();
    }

    if (cfg.scaleout && db === 'postgres') {
      log('  two servers, round robin');
      const second = await startAtlas(p.env, cfg.server);
      try {
        const both: Target[] = [target, { host: '127.0.0.1', port: second.port }];
        scaleout = [];
        for (const id of ['by-id', 'by-id-anon', 'list', 'facets']) {
          const s = HTTP_SCENARIOS.find((x) => x.id === id)!;
          if (!wanted(id)) continue;
          const next = (i: number) => s.request(i, ctx);
          await run({ targets: both, concurrency: cfg.concurrency * 2, seconds: Math.min(1, cfg.seconds), next });
          // Interleaved (one, two, one, two) so that both see the same background load.
          const ones: number[] = [];
          const twos: number[] = [];
          let errors = 0;
          for (let k = 0; k < 2; k++) {
            for (const [list, targets, concurrency] of [[ones, [target], cfg.concurrency], [twos, both, cfg.concurrency * 2]] as const) {
              const stats = await run({ targets: [...targets], concurrency, seconds: cfg.seconds, next });
              list.push(stats.rps);
              errors += stats.errors;
            }
          }
          const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
          scaleout.push({ scenario: s.label, one: mean(ones), two: mean(twos), errors });
        }
      } finally {
        await second.stop();
      }
    }

    if (cfg.web) {
      log('  dashboard in Chromium');
      web = await dashboardRender(server.url + '/', cfg.quick ? 1 : 5);
    }
  } finally {
    sampler.stop();
  }
  const rss = { maxMb: sampler.max(), peakMb: server.peakRssMb(), idleMb };
  await server.stop();
  closeAgents();
  const ratio = (id: string) => {
    const r = scenarios.find((s) => s.id === id)?.load?.rps;
    return r ? r / helloResult.load.rps : null;
  };
  const { targets: _t, env: _e, storeConfig: _s, adminPassword: _a, ...prepared } = p;
  return { db, scale, prepared, scenarios, hello: helloResult!, byIdRatio: ratio('by-id'), byIdAnonRatio: ratio('by-id-anon'), rss, scaleout, web, startedAt, loadavg: la };
}

function report(r: RunResult): string {
  const p = r.prepared;
  const out: string[] = [];
  const gen = p.generation ? `; generated now: ${fint(p.generation.created)} instansi in ${(p.generation.ms / 1000).toFixed(1)} s` : '';
  out.push(`\n== ${r.db}, ${r.scale} instansi: ${fint(p.instansiCount)} instansi, ${fint(p.elements)} elements, ${fint(p.relations)} relations, ${p.sizeMb.toFixed(0)} MB${gen} ==`);
  out.push(`load average before: ${r.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
  out.push(printTable(r.scenarios));
  const h = r.hello;
  out.push(`${pad('bare node:http hello world', 44)} ${lpad(f1(h.latency.p50), 8)} ${lpad(f1(h.latency.p95), 8)} ${lpad(fint(h.load.rps), 10)} ${lpad(f1(h.load.p50), 8)} ${lpad(f1(h.load.p95), 8)}`);
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)} %`);
  const idOk = r.byIdRatio !== null && r.byIdRatio >= 0.5;
  out.push(
    `element by id / bare node:http throughput: token ${pct(r.byIdRatio)}, anonymous ${pct(r.byIdAnonRatio)} (target ≥ 50 %: ${r.byIdRatio === null ? '—' : idOk ? 'met' : `MISSED by ${((0.5 - r.byIdRatio) * 100).toFixed(0)} points`})`,
  );
  const peakScenario = [...r.scenarios].filter((s) => s.rssMb).sort((a, b) => b.rssMb! - a.rssMb!)[0];
  const reads = Math.max(0, ...r.scenarios.filter((s) => s.id !== 'xlsx-import' && s.rssMb).map((s) => s.rssMb!));
  out.push(
    `server RSS: idle ${r.rss.idleMb.toFixed(0)} MB; peak (VmHWM) ${r.rss.peakMb.toFixed(0)} MB${peakScenario ? ` during "${peakScenario.label}"` : ''}; max outside the import ${reads.toFixed(0)} MB (target ≤ 400 MB: ${r.rss.peakMb <= 400 ? 'met' : `MISSED by ${(r.rss.peakMb - 400).toFixed(0)} MB`})`,
  );
  if (r.scaleout?.length) {
    for (const s of r.scaleout) {
      out.push(
        `scale-out, one PostgreSQL, client round robin — ${s.scenario}: one server @${cfg.concurrency} ${fint(s.one)} req/s → two servers @${cfg.concurrency * 2} ${fint(s.two)} req/s (${s.two >= s.one ? '+' : ''}${(((s.two - s.one) / s.one) * 100).toFixed(0)} %), ${s.errors} errors`,
      );
    }
  }
  if (r.web) {
    if (r.web.error) out.push(`dashboard first render: not measured (${r.web.error})`);
    else {
      const med = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
      const worst = Math.max(...r.web.firstRender);
      out.push(
        `dashboard (cold, ${r.web.firstRender.length}×): first render median ${fint(med(r.web.firstRender))} ms, worst ${fint(worst)} ms; all counts shown median ${fint(med(r.web.loaded))} ms (target first render ≤ 1500 ms: ${worst <= 1500 ? 'met' : `MISSED by ${fint(worst - 1500)} ms`})`,
      );
    }
  }
  return out.join('\n');
}

function machine(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'cpu'} × ${c.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), Linux ${release()}, Node ${process.version}`;
}

async function main() {
  const header = [
    `Atlas SPBE benchmark, ${new Date().toISOString()}${cfg.quick ? ' (QUICK smoke run: figures are not meaningful)' : ''}`,
    `machine: ${machine()}`,
    `server: ${cfg.server === 'src' ? 'node --import tsx src/cli/atlas.ts serve' : 'node dist/src/cli/atlas.js serve'} (ATLAS_LOG=0), one process; load: closed loop on node:http keep-alive from this process on the same machine`,
    `phases per scenario: warm-up ${Math.min(1, cfg.seconds)} s, ${cfg.seconds} s at concurrency 1 (p50/p95), ${cfg.seconds} s at concurrency ${cfg.concurrency} (req/s, p50/p95 under load)`,
  ];
  if (cfg.server === 'dist') header.push(`build: a snapshot of dist/ taken at the start, in ${buildSnapshot()}`);
  if (cfg.server === 'build') header.push(`build: src/ compiled with tsc at the start (web assets from dist/web), in ${buildSnapshot(true)}`);
  console.log(header.join('\n'));
  const js = initialJs(cfg.server === 'src' ? undefined : join(buildSnapshot(cfg.server === 'build'), 'dist', 'web'));
  console.log(
    js
      ? `initial JavaScript (dist/web/index.html script + modulepreload, ${js.files.length} files): ${(js.bytes / 1024).toFixed(0)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzip -9 (target ≤ 350 KB: ${js.gzip / 1024 <= 350 ? 'met' : `MISSED by ${(js.gzip / 1024 - 350).toFixed(0)} KB`})`
      : 'initial JavaScript: dist/web/index.html missing (run `npm run build`)',
  );
  const results: RunResult[] = [];
  if (cfg.prepareOnly) {
    for (const db of cfg.dbs) {
      for (const scale of cfg.scales) {
        const p = await prepare({ db, scale, seed: cfg.seed, pgUrl: cfg.pgUrl, sqliteDir: cfg.sqliteDir, fresh: cfg.fresh, log });
        console.log(`${db}, ${scale}: ${fint(p.instansiCount)} instansi, ${fint(p.elements)} elements, ${fint(p.relations)} relations, ${p.sizeMb.toFixed(0)} MB${p.generation ? `, generated in ${(p.generation.ms / 1000).toFixed(1)} s` : ''}`);
      }
    }
    return;
  }
  for (const db of cfg.dbs) {
    for (const scale of cfg.scales) {
      const r = await benchOne(db, scale);
      results.push(r);
      console.log(report(r));
    }
  }
  if (cfg.json) {
    mkdirSync(dirname(cfg.json), { recursive: true });
    writeFileSync(cfg.json, JSON.stringify({ header, initialJs: js, config: cfg, results }, null, 2));
    log(`results written to ${cfg.json}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
