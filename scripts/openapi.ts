/**
 * Writes the OpenAPI document the server serves (GET /api/v1/openapi.json) to
 * docs/openapi.json, which is committed: test/interop/openapi.test.ts fails when
 * the served document drifts from it. Run after changing a route:
 *
 *   npm run openapi        (package.json: "openapi": "tsx scripts/openapi.ts")
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/database.js';
import { createServices } from '../src/services/container.js';
import { buildApp } from '../src/server/app.js';
import { ROOT } from '../src/paths.js';

export const OPENAPI_FILE = join(ROOT, 'docs', 'openapi.json');

/** The served document, from an app over a throw-away SQLite database. */
export async function servedOpenApi(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-openapi-'));
  const store = await openStore({ dataDir: dir });
  try {
    const services = createServices(store);
    await services.datasets.createInstansi('openapi', 'OpenAPI');
    const app = await buildApp(services, { webDir: '/nonexistent' });
    await app.ready();
    const r = await app.inject({ method: 'GET', url: '/api/v1/openapi.json?instansi=openapi' });
    await app.close();
    if (r.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${r.statusCode}`);
    return r.json();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatOpenApi(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const doc = await servedOpenApi();
  writeFileSync(OPENAPI_FILE, formatOpenApi(doc));
  const paths = Object.keys((doc as { paths?: object }).paths ?? {}).length;
  console.log(`wrote ${OPENAPI_FILE} (${paths} paths)`);
}
