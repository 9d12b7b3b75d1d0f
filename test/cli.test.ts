import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, PG_URL, type DatabaseKind } from './helpers.js';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/cli/atlas.ts'];

async function dbEnv(kind: DatabaseKind): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  const base = { ...process.env, ATLAS_LOG: '0' };
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
    return { env: { ...base, ATLAS_DATA_DIR: dir, ATLAS_DATABASE_URL: '' }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `cli_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client(PG_URL);
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  return {
    env: { ...base, ATLAS_DATABASE_URL: PG_URL, ATLAS_PG_SCHEMA: schema },
    cleanup: async () => {
      const d = new pg.Client(PG_URL);
      await d.connect();
      await d.query(`drop schema ${schema} cascade`);
      await d.end();
    },
  };
}

function atlas(env: NodeJS.ProcessEnv, ...args: string[]) {
  return run('node', [...CLI, ...args], { env, cwd: process.cwd() });
}

/** Starts `atlas serve` on a free port and returns its base URL and output once it listens. */
function serve(env: NodeJS.ProcessEnv): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const child = spawn('node', [...CLI, 'serve', '--port', '0', '--host', '127.0.0.1'], { env });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          output: () => out,
          stop: () => new Promise((done) => (child.on('exit', () => done()), child.kill('SIGTERM'))),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

describe.each(DATABASES)('atlas CLI on %s', (kind) => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ env, cleanup } = await dbEnv(kind));
  });
  afterAll(async () => cleanup?.());

  it('initialises an empty instansi, adds users and creates a working API token', { timeout: 180_000 }, async () => {
    await atlas(env, 'init', '--empty', '--code', 'kab-uji', '--name', 'Kabupaten Uji');
    const added = await atlas({ ...env, ATLAS_PASSWORD: 'a-strong-password-1' }, 'user', 'add', 'ops', '--role', 'viewer');
    expect(added.stdout).toContain('user ops (viewer) added');
    await expect(atlas({ ...env, ATLAS_PASSWORD: 'short' }, 'user', 'add', 'weak', '--role', 'viewer')).rejects.toMatchObject({
      stderr: expect.stringContaining('at least 12 characters'),
    });
    await expect(atlas({ ...env, ATLAS_PASSWORD: 'a-strong-password-1' }, 'user', 'add', 'op2', '--role', 'operator', '--org', 'NOPE')).rejects.toMatchObject({
      stderr: expect.stringContaining('No OPD with code NOPE'),
    });
    const { stdout } = await atlas(env, 'token', 'create', 'ops');
    const token = stdout.trim();
    expect(token).toMatch(/^atlas_[A-Za-z0-9_-]{40,}$/);

    const server = await serve({ ...env, ATLAS_ADMIN_PASSWORD: 'an-admin-password' });
    try {
      const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect((await me.json()).user).toMatchObject({ username: 'ops', role: 'viewer', instansi: { code: 'kab-uji' } });
      // an existing user means no admin is created on start
      expect(server.output()).not.toContain('Created user "admin"');
    } finally {
      await server.stop();
    }
  });
});

describe('first start on an empty database', () => {
  it('creates an admin with a generated password printed once', { timeout: 180_000 }, async () => {
    const { env, cleanup } = await dbEnv('sqlite');
    try {
      const server = await serve({ ...env, ATLAS_EMPTY: '1', ATLAS_ADMIN_PASSWORD: '' });
      const m = /Created user "admin" with password: (\S+)/.exec(server.output());
      expect(m).not.toBeNull();
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: m![1] }),
      });
      expect(login.status).toBe(200);
      await server.stop();
      const again = await serve({ ...env, ATLAS_EMPTY: '1', ATLAS_ADMIN_PASSWORD: '' });
      expect(again.output()).not.toContain('Created user "admin"');
      await again.stop();
    } finally {
      await cleanup();
    }
  });
});
