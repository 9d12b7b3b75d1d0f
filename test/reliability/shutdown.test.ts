import { Agent, request } from 'node:http';

/** A client that keeps its connections open, as browsers and proxies do. */
const keepAlive = new Agent({ keepAlive: true, timeout: 120_000 });
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers.js';
import { dbEnv, prepare, serve, type DbEnv } from './support.js';

/** Opens a POST and sends its body in two halves; the second half only when `release` resolves. */
function slowPost(url: string, token: string, body: string, release: Promise<void>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent: keepAlive, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    void release.then(() => req.end(body.slice(half)));
  });
}

describe.each(DATABASES)('graceful shutdown on %s', (kind) => {
  let db: DbEnv;
  let token: string;
  beforeAll(async () => {
    db = await dbEnv(kind);
    ({ token } = await prepare(db));
  });
  afterAll(async () => {
    keepAlive.destroy();
    await db?.cleanup();
  });

  it('on SIGTERM finishes the requests in flight, refuses new ones and exits 0', async () => {
    const server = await serve(db.env);
    const url = `${server.url}/api/v1/elements`;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    // requests the server has begun to read (headers and half a body) when the signal comes
    const slow = Array.from({ length: 20 }, (_, i) => slowPost(url, token, JSON.stringify({ kind: 'vision', name: `Sedang berjalan ${i}`, description: 'x'.repeat(2000) }), released));
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    // the server has stopped listening: a new connection is refused
    const late = await new Promise<string>((resolve) => {
      const r = request(`${server.url}/api/v1/health`, { agent: false }, (res) => (res.resume(), resolve(String(res.statusCode))));
      r.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      r.end();
    });
    expect(late).toBe('ECONNREFUSED');
    const releasedAt = Date.now();
    release();
    const done = await Promise.all(slow);
    expect(done.map((d) => d.status)).toEqual(done.map(() => 201));
    expect(await server.exited).toBe(0);
    // promptly: not after the 72 s keep-alive timeout of the connections that were busy
    expect(Date.now() - releasedAt).toBeLessThan(15_000);

    // what was answered 201 is there after a restart
    const again = await serve(db.env);
    try {
      for (const d of done) {
        const id = (JSON.parse(d.body) as { id: string }).id;
        expect((await fetch(`${again.url}/api/v1/elements/${id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      }
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 120_000);
});
