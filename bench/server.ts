/** Starting the Atlas server (and a bare node:http server) as child processes, and reading their memory. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_CLI = join(ROOT, 'dist', 'src', 'cli', 'atlas.js');
export const SRC_CLI = join(ROOT, 'src', 'cli', 'atlas.ts');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  pid: number;
  port: number;
  url: string;
  output(): string;
  /** Resident set size now, in MB (from /proc). */
  rssMb(): number;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

function procStatus(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function wrap(child: ChildProcess, port: number, log: string[]): Child {
  const pid = child.pid!;
  return {
    pid,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => log.join(''),
    rssMb: () => procStatus(pid, 'VmRSS'),
    peakRssMb: () => procStatus(pid, 'VmHWM'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function waitFor(url: string, child: ChildProcess, log: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs / 1000} s:\n${log.join('')}`);
}

export type ServerMode = 'src' | 'dist' | 'build';

let snapshot: string | undefined;
/**
 * A private copy of the build (dist/, package.json, src/data) for the whole run, so that a
 * rebuild of dist/ by someone else during the benchmark cannot change or break the server
 * under test (or the web assets the browser loads). node_modules is linked, not copied.
 * With `compile`, the server code is compiled afresh from src/ with tsc into the copy (the
 * web assets still come from dist/web), so the figures are those of the working tree.
 */
export function buildSnapshot(compile = false, dir = '/tmp/atlas-bench/app'): string {
  if (snapshot) return snapshot;
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) throw new Error('no web build in dist/web: run `npm run build` (or use --server src)');
  if (!compile && !existsSync(DIST_CLI)) throw new Error('no build: run `npm run build` (or use --server src or build)');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  if (compile) {
    try {
      execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      // tsc still emits when other code in the tree has type errors; a missing entry point is fatal.
      if (!existsSync(join(dir, 'dist', 'src', 'cli', 'atlas.js'))) throw e;
    }
    cpSync(join(ROOT, 'dist', 'web'), join(dir, 'dist', 'web'), { recursive: true });
  } else {
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  }
  cpSync(join(ROOT, 'src', 'data'), join(dir, 'src', 'data'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return (snapshot = dir);
}

/** `atlas serve` from the build (dist) or from source through tsx, with ATLAS_LOG=0. */
export async function startAtlas(env: Record<string, string>, mode: ServerMode): Promise<Child> {
  const port = await freePort();
  const app = mode === 'src' ? ROOT : buildSnapshot(mode === 'build');
  const args = mode === 'src' ? ['--import', 'tsx', SRC_CLI, 'serve'] : [join(app, 'dist', 'src', 'cli', 'atlas.js'), 'serve'];
  const child = spawn(process.execPath, [...args, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: app,
    env: { ...process.env, ...env, ATLAS_LOG: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const c = wrap(child, port, log);
  try {
    await waitFor(`${c.url}/api/v1/health`, child, log);
  } catch (e) {
    await c.stop();
    throw e;
  }
  return c;
}

/** The baseline: node:http answering a small JSON body, nothing else. */
const HELLO = `
const http = require('node:http');
const body = JSON.stringify({ hello: 'world' });
http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`;

export async function startHello(): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', HELLO], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  const c = wrap(child, port, log);
  await waitFor(`${c.url}/`, child, log, 10_000);
  return c;
}

/** Samples a process's RSS every `ms`; keeps the overall maximum and the maximum since the last `window()` call. */
export function rssSampler(child: Child, ms = 200) {
  let max = 0;
  let windowMax = 0;
  const sample = () => {
    const v = child.rssMb();
    if (!(v > 0)) return;
    if (v > max) max = v;
    if (v > windowMax) windowMax = v;
  };
  const timer = setInterval(sample, ms);
  timer.unref();
  return {
    max: () => (sample(), max),
    /** The maximum since the previous call (one scenario), then starts a new window. */
    window: () => {
      sample();
      const w = windowMax;
      windowMax = child.rssMb() || 0;
      return w;
    },
    stop: () => clearInterval(timer),
  };
}
