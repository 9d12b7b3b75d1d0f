import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openStore, type StoreConfig } from '../../src/store/database.js';
import { DATABASES, PG_URL } from '../helpers.js';

const run = promisify(execFile);

describe.each(DATABASES)('atlas lint on %s', (db) => {
  let env: NodeJS.ProcessEnv;
  let config: StoreConfig;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const base = { ...process.env, ATLAS_LOG: '0' };
    if (db === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'atlas-lint-'));
      env = { ...base, ATLAS_DATA_DIR: dir, ATLAS_DATABASE_URL: '' };
      config = { dataDir: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const schema = `lint_${randomBytes(5).toString('hex')}`;
      const c = new pg.Client(PG_URL);
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      env = { ...base, ATLAS_DATABASE_URL: PG_URL, ATLAS_PG_SCHEMA: schema };
      config = { databaseUrl: PG_URL, pgSchema: schema };
      cleanup = async () => {
        const d = new pg.Client(PG_URL);
        await d.connect();
        await d.query(`drop schema ${schema} cascade`);
        await d.end();
      };
    }
  });
  afterAll(async () => cleanup?.());

  const atlas = (...args: string[]) =>
    run('node', ['--import', 'tsx', 'src/cli/atlas.ts', ...args], { env, cwd: process.cwd() }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('exits 0 on a clean instansi and 1 once an error is found, printing or emitting JSON', async () => {
    expect((await atlas('init', '--empty', '--code', 'kota-lint', '--name', 'Kota Lint')).code).toBe(0);
    const clean = await atlas('lint', '--instansi', 'kota-lint');
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('0 galat, 0 peringatan, 0 info');

    // An application stored with a category that is not (or no longer) an option.
    const store = await openStore(config);
    const instansi = await store.db.selectFrom('instansi').select('id').where('code', '=', 'kota-lint').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await store.db
      .insertInto('elements')
      .values({
        id: uuidv7(),
        instansi_id: instansi.id,
        kind: 'application',
        domain: 'application',
        code: 'APP-X',
        name: 'Aplikasi Lama',
        description: null,
        org_unit_id: null,
        ref_model: null,
        ref_code: null,
        lifecycle: 'as-is',
        classification: 'rahasia',
        attributes: JSON.stringify({ category: 'campuran' }),
        provenance: null,
        source_key: null,
        search_text: 'aplikasi lama',
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: null,
        updated_by: null,
      })
      .execute();
    await store.close();

    const dirty = await atlas('lint', '--instansi', 'kota-lint', '--en');
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(/^error\s+attribute-schema\s+Attributes of Application "APP-X Aplikasi Lama"/m);
    expect(dirty.stdout).toContain('1 errors, 2 warnings, 0 info');

    // Filtered to warnings, the report holds no error: the exit code follows what was asked for.
    const json = await atlas('lint', '--instansi', 'kota-lint', '--json', '--severity', 'warning');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['missing-owner', 'required-relation']);
    expect(report.summary).toEqual({ error: 0, warning: 2, info: 0 });

    const unknown = await atlas('lint', '--rule', 'no-such-rule');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no rule no-such-rule');
  }, 180_000);
});
