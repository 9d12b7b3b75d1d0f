/**
 * A small HTTP load driver on node:http with keep-alive sockets: a fixed number
 * of concurrent workers issue requests back to back for a fixed time and record
 * each request's latency. (autocannon is not installed; this does the same job
 * for GET/POST with known paths, and runs in the benchmark's own process.)
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Target {
  host: string;
  port: number;
}

export interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Accepted status codes (default 200). */
  expect?: number[];
}

export interface Stats {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  firstError?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(latencies: number[], errors: number, seconds: number, firstError?: string): Stats {
  const sorted = latencies.slice().sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    firstError,
  };
}

const agents = new Map<string, http.Agent>();
function agentFor(t: Target, sockets: number): http.Agent {
  const key = `${t.host}:${t.port}:${sockets}`;
  let a = agents.get(key);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
    agents.set(key, a);
  }
  return a;
}

export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

/** One request; resolves with status and body (the body is kept only when asked, or on an unexpected status). */
export function send(t: Target, r: Req, sockets = 1, keepBody = false): Promise<{ status: number; body: string; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(r.headers ?? {}) };
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    const req = http.request({ host: t.host, port: t.port, method: r.method ?? 'GET', path: r.path, headers, agent: agentFor(t, sockets) }, (res) => {
      const expected = r.expect ?? [200];
      const keep = keepBody || !expected.includes(res.statusCode ?? 0);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (keep) chunks.push(c);
      });
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: keep ? raw.toString('utf8') : '', raw });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

export interface RunOptions {
  targets: Target[];
  concurrency: number;
  /** Run for this long… */
  seconds?: number;
  /** …or for exactly this many requests. */
  requests?: number;
  next: (i: number) => Req;
}

/** Closed-loop load: `concurrency` workers, each sending its next request when the previous one answered. Targets are used round-robin. */
export async function run(o: RunOptions): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let issued = 0;
  const start = performance.now();
  const deadline = o.seconds !== undefined ? start + o.seconds * 1000 : Infinity;
  const limit = o.requests ?? Infinity;
  const sockets = Math.max(1, Math.ceil(o.concurrency / o.targets.length));
  async function worker(): Promise<void> {
    while (issued < limit && performance.now() < deadline) {
      const i = issued++;
      const target = o.targets[i % o.targets.length];
      const r = o.next(i);
      const t0 = performance.now();
      try {
        const res = await send(target, r, sockets);
        const ms = performance.now() - t0;
        if (!(r.expect ?? [200]).includes(res.status)) {
          errors++;
          firstError ??= `${r.method ?? 'GET'} ${r.path} → ${res.status} ${res.body.slice(0, 300)}`;
        } else latencies.push(ms);
      } catch (e) {
        errors++;
        firstError ??= `${r.method ?? 'GET'} ${r.path} → ${(e as Error).message}`;
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return summarise(latencies, errors, (performance.now() - start) / 1000, firstError);
}
