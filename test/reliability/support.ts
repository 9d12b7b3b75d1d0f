/**
 * Helpers for tests that run the real `atlas` command as a child process:
 * a fresh database per test (temp SQLite directory or PostgreSQL schema),
 * the CLI, and `atlas serve` on a free port.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/database.js';
import { createServices } from '../../src/services/container.js';
import { PG_URL, type DatabaseKind } from '../helpers.js';

const run = promisify(execFile);
export const CLI = ['--import', 'tsx', 'src/cli/atlas.ts'];

export interface DbEnv {
  kind: DatabaseKind;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  schema?: string;
  /** Opens the same database from this process. */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

/** A fresh database for child processes: its own temp data directory and, on PostgreSQL, its own schema. */
export async function dbEnv(kind: DatabaseKind, extra: NodeJS.ProcessEnv = {}): Promise<DbEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-rel-'));
  const base = { ...process.env, ATLAS_LOG: '0', ATLAS_DATA_DIR: dataDir, ...extra };
  if (kind === 'sqlite') {
    return {
      kind,
      dataDir,
      env: { ...base, ATLAS_DATABASE_URL: '', ATLAS_PG_SCHEMA: '' },
      open: () => openStore({ dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `rel_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client(PG_URL);
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  return {
    kind,
    dataDir,
    schema,
    env: { ...base, ATLAS_DATABASE_URL: PG_URL, ATLAS_PG_SCHEMA: schema },
    open: () => openStore({ databaseUrl: PG_URL, pgSchema: schema, dataDir }),
    cleanup: async () => {
      const d = new pg.Client(PG_URL);
      await d.connect();
      await d.query(`drop schema if exists ${schema} cascade`);
      await d.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function atlas(env: NodeJS.ProcessEnv, ...args: string[]) {
  return run('node', [...CLI, ...args], { env, cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 });
}

export interface Server {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGTERM and wait. */
  stop(): Promise<number | string>;
}

/** `atlas serve --port 0`; resolves once it prints the address it listens on. */
export function serve(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<Server> {
  const child = spawn('node', [...CLI, 'serve', '--port', '0', '--host', '127.0.0.1'], { env, cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        url: m[1],
        child,
        output: () => out,
        exited,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
}

/**
 * Prepares a database with an empty instansi and an admin user (in this
 * process, which is quicker), and a write token made by `atlas token create`.
 */
export async function prepare(db: DbEnv): Promise<{ token: string; password: string }> {
  const password = 'reliability-admin-password';
  const store = await db.open();
  try {
    const services = createServices(store);
    await services.datasets.ensureReferenceModels();
    const instansi = await services.datasets.createInstansi('kota-uji', 'Kota Uji');
    await services.auth.addUser({ instansiId: instansi.id, username: 'penulis', password, role: 'admin' });
  } finally {
    await store.close();
  }
  const { stdout } = await atlas(db.env, 'token', 'create', 'penulis', '--name', 'reliability');
  return { token: stdout.trim(), password };
}
