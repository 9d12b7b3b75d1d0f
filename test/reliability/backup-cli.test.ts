import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/container.js';
import { DATABASES } from '../helpers.js';
import { atlas, dbEnv, prepare, serve, type DbEnv } from './support.js';

/**
 * `atlas backup` from a second process while `atlas serve` takes writes, then
 * `atlas restore` into the other database (SQLite ⇄ PostgreSQL).
 */
describe.each(DATABASES)('atlas backup / restore commands from %s', (kind) => {
  const otherKind = DATABASES.find((k) => k !== kind) ?? kind;
  let source: DbEnv;
  let target: DbEnv;
  let token: string;
  beforeAll(async () => {
    source = await dbEnv(kind);
    target = await dbEnv(otherKind);
    ({ token } = await prepare(source));
  });
  afterAll(async () => {
    await source?.cleanup();
    await target?.cleanup();
  });

  it(`backs up online and restores into ${otherKind}, verified`, async () => {
    const server = await serve(source.env);
    const file = join(source.dataDir, 'cadangan.jsonl.gz');
    let stop = false;
    let written = 0;
    const writer = async () => {
      while (!stop) {
        const r = await fetch(`${server.url}/api/v1/elements`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'mission', name: `Misi ${written}` }),
        });
        expect(r.status).toBe(201);
        written++;
      }
    };
    const writers = [writer(), writer(), writer()];
    try {
      while (written < 20) await new Promise((r) => setTimeout(r, 10));
      const out = await atlas(source.env, 'backup', file);
      expect(out.stdout).toMatch(/backup .*cadangan\.jsonl\.gz: \d+ tables, \d+ rows/);
      expect(out.stdout).toMatch(/^sha256 [0-9a-f]{64}$/m);
    } finally {
      stop = true;
      await Promise.all(writers);
      expect(await server.stop()).toBe(0);
    }
    // a second backup, now at rest, in this process: it holds every acknowledged write
    const second = join(source.dataDir, 'second.jsonl');
    const at = await source.open();
    try {
      const { manifest } = await createServices(at).backup.backup(second);
      expect(manifest.tables.find((t) => t.name === 'elements')!.rows).toBe(written);
    } finally {
      await at.close();
    }

    const restored = await atlas(target.env, 'restore', file);
    expect(restored.stdout).toMatch(/audit kota-uji: \d+ events, chain intact/);
    expect(restored.stdout).toMatch(new RegExp(`restored .* into ${otherKind}`));

    // a second restore into the now full database is refused, and changes nothing
    await expect(atlas(target.env, 'restore', file)).rejects.toMatchObject({ stderr: expect.stringContaining('not empty') });
    const forced = await atlas(target.env, 'restore', '--force', second);
    expect(forced.stdout).toContain('replacing the data that was there');

    const store = await target.open();
    try {
      const services = createServices(store);
      const count = await store.db.selectFrom('elements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(written);
      // the restored token works against the restored database
      expect((await services.auth.fromToken(token))?.user.username).toBe('penulis');
    } finally {
      await store.close();
    }
  }, 180_000);
});
