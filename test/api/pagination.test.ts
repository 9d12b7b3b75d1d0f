import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';

/** Keyset pages, walked to the end, give exactly the full list in the same order, for every sort. */
describe.each(DATABASES)('keyset pagination on %s', (db) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(db);
    // Duplicate names and codes, missing codes: the id breaks ties, null codes sort as ''.
    const names = ['Beta', 'Alpha', 'Beta', 'alpha', 'Gamma', 'Beta', 'Delta', 'Alpha', 'Épsilon', 'Zeta', 'beta', 'Eta'];
    for (const [i, name] of names.entries()) {
      const r = await call(f.app, f.tokens.admin, {
        method: 'POST',
        url: '/api/v1/elements',
        payload: { kind: 'vision', name, code: i % 3 === 0 ? null : `V-${i % 4}` },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(async () => f?.close());

  for (const sort of ['name', '-name', 'code', '-code', 'updatedAt', '-updatedAt']) {
    it(`sort=${sort}`, async () => {
      const all = await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements?kind=vision&limit=100&sort=${sort}` });
      const full = all.json().items as { id: string; name: string; code: string | null }[];
      expect(full).toHaveLength(12);
      // The order itself is the database's collation; missing codes come first (as '') or last.
      if (sort === 'code') expect(full.slice(0, 4).every((e) => e.code === null)).toBe(true);
      if (sort === '-code') expect(full.slice(-4).every((e) => e.code === null)).toBe(true);

      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/elements?kind=vision&limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await call(f.app, f.tokens.admin, { method: 'GET', url })).json();
        expect(page.total).toBe(12);
        walked.push(...page.items.map((e: { id: string }) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual(full.map((e) => e.id));
    });
  }
});
