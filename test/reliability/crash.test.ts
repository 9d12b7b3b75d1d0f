import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/container.js';
import { DATABASES } from '../helpers.js';
import { atlas, dbEnv, prepare, serve, type DbEnv, type Server } from './support.js';

/**
 * Kill -9 the real server while clients stream writes, start it again, and
 * check that every write it acknowledged is there and the database is whole.
 */
describe.each(DATABASES)('crash safety on %s', (kind) => {
  let db: DbEnv;
  let token: string;
  beforeAll(async () => {
    db = await dbEnv(kind);
    ({ token } = await prepare(db));
  });
  afterAll(async () => db?.cleanup());

  /** Writers POST elements until the server dies; returns the ids answered 201. */
  async function streamUntilKilled(server: Server, round: number, killAfter: number) {
    const acknowledged: { id: string; name: string }[] = [];
    let failures = 0;
    let dead = false;
    let killed = false;
    const errors: unknown[] = [];
    const writer = async (w: number) => {
      for (let i = 0; !dead; i++) {
        const name = `crash-${round}-${w}-${i}`;
        try {
          const r = await fetch(`${server.url}/api/v1/elements`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ kind: 'vision', name, description: `round ${round}` }),
          });
          if (r.status === 201) acknowledged.push({ id: ((await r.json()) as { id: string }).id, name });
          else throw new Error(`unexpected ${r.status}: ${await r.text()}`);
        } catch (e) {
          // after the kill: reset or refused connections, outcome unknown — fine; before it, a failure
          if (!killed) errors.push(e);
          failures++;
          dead = true;
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    while (acknowledged.length < killAfter && !dead) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    dead = true;
    await Promise.all(writers);
    expect(errors).toEqual([]);
    return { acknowledged, failures };
  }

  it('keeps every acknowledged write through two SIGKILLs, with a whole audit trail', async () => {
    const allAcknowledged: { id: string; name: string }[] = [];
    for (let round = 1; round <= 2; round++) {
      const server = await serve(db.env);
      const { acknowledged } = await streamUntilKilled(server, round, 120 * round);
      expect(acknowledged.length).toBeGreaterThanOrEqual(120 * round);
      allAcknowledged.push(...acknowledged);
    }

    const server = await serve(db.env);
    try {
      // every 201 is readable after the restart
      const missing: string[] = [];
      for (const { id, name } of allAcknowledged) {
        const r = await fetch(`${server.url}/api/v1/elements/${id}`, { headers: { authorization: `Bearer ${token}` } });
        if (r.status !== 200 || ((await r.json()) as { name: string }).name !== name) missing.push(id);
      }
      expect(missing).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    // the audit chain verifies (the CLI exits non-zero on a break)
    const verified = await atlas(db.env, 'audit', 'verify');
    expect(verified.stdout).toMatch(/kota-uji: \d+ events, chain intact/);

    const store = await db.open();
    try {
      const services = createServices(store);
      for (const i of await services.repositories.instansi.list(store.db)) expect((await services.audit.verify(i.id)).breaks).toEqual([]);
      // every element has its create event, and every create event its element (no element written without audit, or vice versa)
      const orphans = await store.db
        .selectFrom('elements as e')
        .leftJoin('audit_events as a', (j) => j.onRef('a.entity_id', '=', 'e.id').on('a.action', '=', 'create').on('a.entity_type', '=', 'element'))
        .where('a.id', 'is', null)
        .select('e.id')
        .execute();
      expect(orphans).toEqual([]);
      const ghosts = await store.db
        .selectFrom('audit_events as a')
        .leftJoin('elements as e', 'e.id', 'a.entity_id')
        .where('a.action', '=', 'create')
        .where('a.entity_type', '=', 'element')
        .where('e.id', 'is', null)
        .select('a.entity_id')
        .execute();
      expect(ghosts).toEqual([]);
      const count = await store.db.selectFrom('elements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      // at least every acknowledged write; at most a few more whose answer the kill swallowed
      expect(Number(count.n)).toBeGreaterThanOrEqual(allAcknowledged.length);
      if (kind === 'sqlite') {
        expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)).rows).toEqual([{ integrity_check: 'ok' }]);
        expect((await sql`pragma foreign_key_check`.execute(store.db)).rows).toEqual([]);
      }
    } finally {
      await store.close();
    }
  }, 240_000);
});
