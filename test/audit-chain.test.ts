import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from './helpers.js';

describe.each(DATABASES)('tamper-evident audit trail on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
    for (let i = 0; i < 5; i++) {
      const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'vision', name: `Visi ${i}` } });
      expect(r.statusCode).toBe(201);
    }
  });
  afterAll(async () => f?.close());

  const verify = () => f.services.audit.verify(f.instansiId);
  const events = () => f.store.db.selectFrom('audit_events').selectAll().where('instansi_id', '=', f.instansiId).orderBy('seq').execute();

  it('chains every event of an instansi, gap-free, even under concurrent writes', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'vision', name: `Paralel ${i}` } })),
    );
    const rows = await events();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(await verify()).toEqual({ events: rows.length, breaks: [] });
  });

  it('chains batches (imports) and single events written at the same time, in one unbroken chain', async () => {
    const { audit } = f.services.repositories;
    const batch = (tag: string, n: number) =>
      f.store.db.transaction().execute((trx) =>
        audit.appendMany(
          trx,
          Array.from({ length: n }, (_, i) => ({ instansiId: f.instansiId, userId: null, username: 'test', action: 'create', entityType: 'element', entityId: `${tag}-${i}`, before: null, after: { i } })),
        ),
      );
    const before = (await events()).length;
    await Promise.all([
      batch('a', 700), // more than one INSERT statement
      batch('b', 3),
      call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'vision', name: 'Di tengah impor' } }),
      batch('c', 1),
    ]);
    const rows = await events();
    expect(rows.length).toBe(before + 705);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    // a batch keeps its own order within the chain
    const a = rows.filter((r) => r.entity_id.startsWith('a-')).map((r) => r.entity_id);
    expect(a).toEqual(Array.from({ length: 700 }, (_, i) => `a-${i}`));
    expect(await verify()).toEqual({ events: rows.length, breaks: [] });
  });

  it('refuses a batch that mixes instansi, writing nothing', async () => {
    const before = (await events()).length;
    const mixed = [f.instansiId, 'another'].map((instansiId) => ({ instansiId, userId: null, username: 'test', action: 'x', entityType: 'element', entityId: 'e', before: null, after: null }));
    await expect(f.services.repositories.audit.appendMany(f.store.db, mixed)).rejects.toThrow(/one instansi/);
    expect((await events()).length).toBe(before);
  });

  it('detects an edited event', async () => {
    const [, second] = await events();
    await f.store.db.updateTable('audit_events').set({ after: JSON.stringify({ name: 'dipalsukan' }) }).where('id', '=', second.id).execute();
    const { breaks } = await verify();
    expect(breaks).toContainEqual({ seq: Number(second.seq), eventId: second.id, problem: 'hash-mismatch' });
    await f.store.db.updateTable('audit_events').set({ after: second.after }).where('id', '=', second.id).execute();
    expect((await verify()).breaks).toEqual([]);
  });

  it('detects a deleted event in the middle and at the end', async () => {
    const rows = await events();
    const middle = rows[2];
    await f.store.db.deleteFrom('audit_events').where('id', '=', middle.id).execute();
    expect((await verify()).breaks).toContainEqual({ seq: Number(middle.seq), eventId: null, problem: 'missing-event' });
    await f.store.db.insertInto('audit_events').values(middle).execute();

    const last = rows[rows.length - 1];
    await f.store.db.deleteFrom('audit_events').where('id', '=', last.id).execute();
    expect((await verify()).breaks).toContainEqual(expect.objectContaining({ problem: 'head-mismatch' }));
    await f.store.db.insertInto('audit_events').values(last).execute();
    expect((await verify()).breaks).toEqual([]);
  });
});
