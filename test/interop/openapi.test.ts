import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOpenApi, OPENAPI_FILE, servedOpenApi } from '../../scripts/openapi.js';

describe('API stability', () => {
  it('serves the OpenAPI document committed in docs/openapi.json (regenerate with `npm run openapi`)', async () => {
    expect(existsSync(OPENAPI_FILE), 'docs/openapi.json is missing: run `npm run openapi`').toBe(true);
    const served = formatOpenApi(await servedOpenApi());
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (served !== committed) {
      const s = JSON.parse(served) as { paths: Record<string, unknown> };
      const c = JSON.parse(committed) as { paths: Record<string, unknown> };
      const added = Object.keys(s.paths).filter((p) => !(p in c.paths));
      const removed = Object.keys(c.paths).filter((p) => !(p in s.paths));
      const changed = Object.keys(s.paths).filter((p) => p in c.paths && JSON.stringify(s.paths[p]) !== JSON.stringify(c.paths[p]));
      expect.fail(`The served OpenAPI document differs from docs/openapi.json (run \`npm run openapi\` and commit it). Paths added: ${added.join(', ') || '-'}; removed: ${removed.join(', ') || '-'}; changed: ${changed.join(', ') || '-'}.`);
    }
  }, 60_000);

  it('documents the exchange endpoints', async () => {
    const doc = (await servedOpenApi()) as { paths: Record<string, unknown> };
    for (const p of ['/api/v1/export/archimate', '/api/v1/import/archimate', '/api/v1/templates/{kind}', '/api/v1/export/elements', '/api/v1/import/spreadsheet', '/api/v1/export/sia-spbe/{domain}', '/api/v1/documents/architecture', '/api/v1/documents/changes', '/api/3/action/{action}', '/catalog.jsonld']) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
  }, 60_000);
});
