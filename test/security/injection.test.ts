import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/services/cursor.js';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';

/** Classic SQL injection strings, LIKE wildcards, quoting tricks and a cursor that carries SQL. */
const SQLI = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  "') OR ('a'='a",
  '1; DROP TABLE elements; --',
  "x'; DELETE FROM users; --",
  "' UNION SELECT id, password_hash, token_hash FROM users, api_tokens --",
  "' || (SELECT password_hash FROM users LIMIT 1) || '",
  '1) OR (1=1',
  "admin'--",
  "'; SELECT pg_sleep(3); --",
  '%',
  '_',
  '\\',
  '%\' OR 1=1 --',
  'name; DROP TABLE users',
  '-name, (SELECT 1)',
  'RAL:01\' OR \'1\'=\'1',
  '$1',
  'a\u0000b',
  encodeCursor({ v: "' OR 1=1 --", id: "' OR 1=1 --" }),
  encodeCursor({ v: '', id: '' }),
];

/** Names that mark rows a reader must not see: a leak shows up in any body format (JSON, CSV, XML, ...). */
const MARK = { terbatas: 'PENANDA-TERBATAS-4417', rahasia: 'PENANDA-RAHASIA-9923', other: 'PENANDA-INSTANSI-LAIN-5510' };

describe.each(DATABASES)('injection into every filter and sort of every list endpoint on %s', (kind) => {
  let f: Fixture;
  let spec: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
  let elementId = '';
  let counts: Record<string, number>;

  const tableCounts = async () => {
    const out: Record<string, number> = {};
    for (const t of ['elements', 'users', 'api_tokens', 'relations', 'audit_events'] as const) {
      out[t] = Number((await f.store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  };

  beforeAll(async () => {
    f = await fixture(kind);
    const make = async (token: string, body: Record<string, unknown>) => {
      const r = await call(f.app, token, { method: 'POST', url: '/api/v1/elements', payload: body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    elementId = await make(f.tokens.admin, { kind: 'application', name: 'Aplikasi Terbuka', orgUnitId: f.org.a, attributes: { category: 'khusus', scope: 'lokal' } });
    await make(f.tokens.admin, { kind: 'vision', name: `Visi ' OR 1=1 -- literal`, orgUnitId: f.org.a });
    await make(f.tokens.admin, { kind: 'vision', name: MARK.terbatas, classification: 'terbatas', orgUnitId: f.org.a });
    await make(f.tokens.admin, { kind: 'vision', name: MARK.rahasia, classification: 'rahasia', orgUnitId: f.org.b });
    await make(f.tokens.otherAdmin, { kind: 'vision', name: MARK.other, orgUnitId: f.org.other });
    spec = (await call(f.app, null, { method: 'GET', url: '/api/v1/openapi.json' })).json();
    counts = await tableCounts();
  });
  afterAll(async () => f?.close());

  /** GET routes that read collections (no path parameter, or the id of an element), with their query parameters. */
  function listRoutes(): { path: string; params: string[] }[] {
    const out: { path: string; params: string[] }[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      const get = ops.get;
      if (!get) continue;
      const pathParams = (get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      if (pathParams.length && !(pathParams.length === 1 && path.startsWith('/api/v1/elements/{id}'))) continue;
      const query = (get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      if (query.length) out.push({ path: path.replace('{id}', elementId), params: query });
    }
    return out;
  }

  it('finds the list endpoints in the OpenAPI document', () => {
    const paths = listRoutes().map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/elements', '/api/v1/relations', '/api/v1/audit', '/api/v1/org-units']));
    const elements = listRoutes().find((r) => r.path === '/api/v1/elements')!;
    expect(elements.params).toEqual(expect.arrayContaining(['q', 'kind', 'org', 'ref', 'sort', 'cursor', 'domain', 'lifecycle', 'classification']));
  });

  for (const who of ['anonymous', 'viewer'] as const) {
    it(`never answers 500, never leaks hidden rows or secrets (${who})`, async () => {
      const token = who === 'viewer' ? f.tokens.viewer : null;
      const hidden = who === 'viewer' ? [MARK.rahasia, MARK.other] : [MARK.terbatas, MARK.rahasia, MARK.other];
      const failures: string[] = [];
      for (const { path, params } of listRoutes()) {
        for (const param of params) {
          for (const payload of SQLI) {
            const url = `${path}?${new URLSearchParams({ [param]: payload })}`;
            const r = await call(f.app, token, { method: 'GET', url: url + (path.includes('/audit') && param !== 'element' ? `&element=${elementId}` : '') });
            if (r.statusCode >= 500) failures.push(`${path} ?${param}=… → ${r.statusCode}`);
            for (const mark of hidden) if (r.body.includes(mark)) failures.push(`${url} leaks ${mark}`);
            if (/\$argon2|atlas_[A-Za-z0-9_-]{40}/.test(r.body)) failures.push(`${url} leaks a secret`);
            if (r.statusCode >= 400 && !String(r.headers['content-type']).startsWith('application/problem+json')) failures.push(`${url} → ${r.statusCode} as ${r.headers['content-type']}`);
          }
        }
      }
      expect([...new Set(failures)]).toEqual([]);
    }, 120_000);
  }

  it('matches q literally: an injection string finds only the element that contains it', async () => {
    for (const token of [null, f.tokens.viewer, f.tokens.admin]) {
      const r = await call(f.app, token, { method: 'GET', url: `/api/v1/elements?${new URLSearchParams({ q: "' OR 1=1 --" })}` });
      expect(r.statusCode).toBe(200);
      expect(r.json().items.map((e: { name: string }) => e.name)).toEqual([`Visi ' OR 1=1 -- literal`]);
      for (const q of ["' OR '1'='1", '%', '_', '\\', "') OR ('a'='a"]) {
        const none = await call(f.app, token, { method: 'GET', url: `/api/v1/elements?${new URLSearchParams({ q })}` });
        expect(none.json(), q).toMatchObject({ items: [], total: 0 });
      }
    }
  });

  it('treats injection in path parameters as an unknown id', async () => {
    for (const payload of ["' OR 1=1 --", '1 OR 1=1', "x' UNION SELECT * FROM users --"]) {
      for (const path of ['/api/v1/elements/', '/api/v1/org-units/', '/api/v1/relations/']) {
        const method = path.includes('relations') ? 'DELETE' : 'GET';
        const r = await call(f.app, f.tokens.admin, { method, url: path + encodeURIComponent(payload) });
        expect([404, 422], `${method} ${path}${payload}`).toContain(r.statusCode);
      }
    }
  });

  it('left every table as it was', async () => {
    expect(await tableCounts()).toEqual(counts);
  });
});
