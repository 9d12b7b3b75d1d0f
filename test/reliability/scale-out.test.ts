import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbEnv, prepare, serve, type DbEnv, type Server } from './support.js';
import { FILES } from '../evaluation/files.js';

/**
 * Two real `atlas serve` processes on one PostgreSQL schema and one shared data
 * directory, as behind a round-robin balancer: whatever one server does, the
 * other sees at once, because neither keeps state of its own. (SQLite is one
 * file on one machine: one server.)
 */
describe('two servers on one PostgreSQL', () => {
  let db: DbEnv;
  let password: string;
  let a: Server;
  let b: Server;

  beforeAll(async () => {
    db = await dbEnv('postgres');
    ({ password } = await prepare(db));
    [a, b] = await Promise.all([serve(db.env), serve(db.env)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.cleanup();
  });

  async function login(server: Server) {
    const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'penulis', password }) });
    expect(r.status).toBe(200);
    const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
  }

  it('a session opened on one server works on the other, and logging out on one ends it on both', async () => {
    const { cookie, csrf } = await login(a);
    const created = await fetch(`${b.url}/api/v1/elements`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'vision', name: 'Visi lintas server' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await fetch(`${a.url}/api/v1/elements/${id}`, { headers: { cookie } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('Visi lintas server');

    expect((await fetch(`${b.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } })).status).toBeLessThan(300);
    expect((await fetch(`${a.url}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('a token revoked on one server is refused by the other at once', async () => {
    const { cookie, csrf } = await login(a);
    const made = await fetch(`${a.url}/api/v1/auth/tokens`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'dua server' }) });
    expect(made.status).toBe(201);
    const { id, token } = (await made.json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${token}` };
    // both servers have used (and could have cached) the token
    for (const s of [a, b]) expect((await fetch(`${s.url}/api/v1/auth/me`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${b.url}/api/v1/auth/tokens/${id}`, { method: 'DELETE', headers: bearer })).status).toBe(204);
    for (const s of [a, b]) expect((await fetch(`${s.url}/api/v1/auth/me`, { headers: bearer })).status).toBe(401);
  });

  it('concurrent edits of one element through both servers: exactly one wins, the other gets 409', async () => {
    const { cookie, csrf } = await login(a);
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const created = await fetch(`${a.url}/api/v1/elements`, { method: 'POST', headers, body: JSON.stringify({ kind: 'vision', name: 'Visi awal' }) });
    const { id, version } = (await created.json()) as { id: string; version: number };
    for (let round = 0; round < 5; round++) {
      const current = (await (await fetch(`${a.url}/api/v1/elements/${id}`, { headers: { cookie } })).json()) as { version: number };
      const answers = await Promise.all(
        [a, b].map((s, i) =>
          fetch(`${s.url}/api/v1/elements/${id}`, { method: 'PATCH', headers: { ...headers, 'if-match': `"${current.version}"` }, body: JSON.stringify({ name: `Visi ${round}-${i}` }) }).then((r) => r.status),
        ),
      );
      expect(answers.sort()).toEqual([200, 409]);
    }
    const final = (await (await fetch(`${b.url}/api/v1/elements/${id}`, { headers: { cookie } })).json()) as { version: number };
    expect(final.version).toBe(version + 5);
  });

  it('an evidence file uploaded through one server downloads through the other (shared storage)', async () => {
    const { cookie, csrf } = await login(a);
    const headers = { cookie, 'x-csrf-token': csrf };
    const made = await fetch(`${a.url}/api/v1/assessments`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ framework: 'spbe-59-2020', year: 2025 }) });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const form = new FormData();
    const pdf = FILES.pdf();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'Perwali SPBE.pdf');
    const uploaded = await fetch(`${a.url}/api/v1/assessments/${id}/indicators/1/evidence`, { method: 'POST', headers, body: form });
    expect(uploaded.status).toBe(201);
    const evidence = (await uploaded.json()) as { id: string };
    const download = await fetch(`${b.url}/api/v1/evidence/${evidence.id}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });
});
