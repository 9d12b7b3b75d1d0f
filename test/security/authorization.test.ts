import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, PASSWORD } from '../helpers.js';
import { buildWorld, multipartBody, operations, ROLES, type Role, type World } from './world.js';

/**
 * The authorization walk: every route of the served OpenAPI document, called
 * by every kind of caller with a valid-looking request, must answer the class
 * this table declares. A route missing from the table fails the test, so a
 * new route has to state its policy here.
 *
 * Outcomes: ok = 2xx · pass = let through by authorization (2xx, or a
 * business answer such as 404/409/422) · 401 · 403 · 404 (hidden: the
 * resource is another instansi's or not readable) · deny = 401, 403 or 404.
 * Never a 5xx, for anyone.
 */
type Outcome = 'ok' | 'pass' | 401 | 403 | 404 | 'deny';

interface Ctx {
  w: World;
  role: Role;
}
interface Request {
  /** Path parameters by name, e.g. id, no, evidenceId. */
  [param: string]: unknown;
  url?: string;
  query?: Record<string, string>;
  payload?: unknown;
  headers?: Record<string, string>;
}
interface Rule {
  /** anonymous, viewer, operator, admin, read-only token, other instansi's admin */
  expect: string;
  /** Path parameters and body for one call; a fresh resource where the call would change or delete it. */
  request?: (c: Ctx) => Promise<Request> | Request;
}

const el = (w: World) => ({ id: w.ids.element });
const fresh = async (c: Ctx) => ({ id: await c.w.newElement() });
const ifMatch1 = { 'if-match': '"1"' };

/** The policy of every route. Read a row as: anonymous viewer operator admin read-only other-instansi-admin. */
const POLICY: Record<string, Rule> = {
  // system, kinds, catalogue: public
  'GET /api/v1/health': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/kinds': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/instansi/current': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/org-units': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/org-units/{id}': { expect: 'ok ok ok ok ok 404', request: (c) => ({ url: `/api/v1/org-units/${c.w.f.org.a}` }) },
  'GET /api/v1/reference-models': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/reference-models/{model}': { expect: 'ok ok ok ok ok ok', request: () => ({ url: '/api/v1/reference-models/RAL' }) },

  // authentication and the caller's own account
  'POST /api/v1/auth/login': { expect: 'ok ok ok ok ok ok', request: () => ({ payload: { username: 'viewer', password: PASSWORD } }) },
  'POST /api/v1/auth/logout': { expect: 'ok ok ok ok ok ok' },
  'POST /api/v1/auth/logout-everywhere': { expect: '401 ok ok ok 403 ok' },
  'GET /api/v1/auth/me': { expect: '401 ok ok ok ok ok' },
  'POST /api/v1/auth/totp/setup': { expect: '401 ok ok ok 403 ok' },
  'POST /api/v1/auth/totp/enable': { expect: '401 pass pass pass 403 pass', request: () => ({ payload: { code: '000000' } }) },
  'POST /api/v1/auth/totp/disable': { expect: '401 pass pass pass 403 pass', request: () => ({ payload: { code: '000000' } }) },
  'GET /api/v1/auth/tokens': { expect: '401 ok ok ok ok ok' },
  'POST /api/v1/auth/tokens': { expect: '401 ok ok ok 403 ok', request: () => ({ payload: { name: 'walk', scopes: ['read'] } }) },
  'DELETE /api/v1/auth/tokens/{id}': { expect: '401 ok ok ok 403 ok', request: async (c) => ({ id: await c.w.spareToken(c.role) }) },
  'PUT /api/v1/settings/require-admin-totp': { expect: '401 403 403 ok 403 ok', request: () => ({ payload: { required: false } }) },
  'GET /api/v1/settings': { expect: '401 ok ok ok ok ok' },
  // users: administrators manage them, auditors (and admins) list them
  'GET /api/v1/users': { expect: '401 403 403 ok ok ok' },
  'POST /api/v1/users': { expect: '401 403 403 ok 403 ok', request: (c) => ({ payload: { username: `jalan-${c.role}`, password: 'kata-sandi-jalan-panjang', role: 'viewer' } }) },
  'PATCH /api/v1/users/{id}': { expect: '401 403 403 ok 403 404', request: async (c) => ({ id: await c.w.newUser(), payload: { displayName: 'Nama Baru' } }) },
  'PUT /api/v1/settings/review-required': { expect: '401 403 403 ok 403 ok', request: () => ({ payload: { required: false } }) },

  // elements: anonymous reads terbuka; operator writes its own OPD's
  'GET /api/v1/elements': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/elements/facets': { expect: 'ok ok ok ok ok ok' },
  'POST /api/v1/elements': {
    expect: '401 403 ok ok 403 pass',
    request: (c) => ({ payload: { kind: 'application', name: 'Aplikasi Jalan', orgUnitId: c.w.f.org.a, attributes: { category: 'khusus', scope: 'lokal' } } }),
  },
  'GET /api/v1/elements/{id}': { expect: 'ok ok ok ok ok 404', request: (c) => el(c.w) },
  'PATCH /api/v1/elements/{id}': { expect: '401 403 ok ok 403 404', request: async (c) => ({ ...(await fresh(c)), payload: { name: 'Diubah' }, headers: ifMatch1 }) },
  'DELETE /api/v1/elements/{id}': { expect: '401 403 ok ok 403 404', request: async (c) => ({ ...(await fresh(c)), headers: ifMatch1 }) },
  'GET /api/v1/elements/{id}/relations': { expect: 'ok ok ok ok ok 404', request: (c) => el(c.w) },
  'GET /api/v1/elements/{id}/impact': { expect: 'ok ok ok ok ok 404', request: (c) => el(c.w) },
  'GET /api/v1/elements/{id}/trace': { expect: 'ok ok ok ok ok 404', request: (c) => el(c.w) },

  // relations
  'GET /api/v1/relations': { expect: 'ok ok ok ok ok ok' },
  'POST /api/v1/relations': {
    expect: '401 403 ok ok 403 pass',
    request: async (c) => ({ payload: { type: 'integrates', sourceId: await c.w.newElement(), targetId: await c.w.newElement() } }),
  },
  'DELETE /api/v1/relations/{id}': { expect: '401 403 ok ok 403 404', request: async (c) => ({ id: await c.w.newRelation() }) },

  // audit: administrators read it all; others the history of an element they can read
  'GET /api/v1/audit': { expect: '401 403 403 ok ok ok' },

  // analysis: read-only views of what the caller may read
  'GET /api/v1/lint': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/lint/rules': { expect: 'ok ok ok ok ok ok' },
  'PUT /api/v1/lint/rules': { expect: '401 403 403 ok 403 ok', request: () => ({ payload: { disabled: [] } }) },
  'GET /api/v1/coverage': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/portfolio': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/dashboard': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/roadmap': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/roadmap/export': { expect: 'ok ok ok ok ok ok' },
  'POST /api/v1/initiatives/{id}/complete': { expect: '401 403 ok ok 403 404', request: async (c) => ({ id: await c.w.newInitiative(), headers: ifMatch1, payload: { promote: false } }) },

  // evaluation
  'GET /api/v1/frameworks': { expect: '401 ok ok ok ok ok' },
  'POST /api/v1/frameworks': { expect: '401 403 403 pass 403 pass', request: () => ({ payload: { id: 'kerangka-uji' } }) },
  'GET /api/v1/frameworks/{id}': { expect: '401 ok ok ok ok ok', request: (c) => ({ id: c.w.ids.framework }) },
  'GET /api/v1/assessments': { expect: '401 ok ok ok ok ok' },
  'POST /api/v1/assessments': { expect: '401 403 ok ok 403 ok', request: (c) => ({ payload: { framework: c.w.ids.framework, year: 2050 + ROLES.indexOf(c.role) } }) },
  'GET /api/v1/assessments/{id}': { expect: '401 ok ok ok ok 404', request: (c) => ({ id: c.w.ids.assessment }) },
  'PUT /api/v1/assessments/{id}/indicators/{no}': { expect: '401 403 ok ok 403 404', request: async (c) => ({ id: await c.w.newAssessment(), no: '1', payload: { level: 2 } }) },
  'POST /api/v1/assessments/{id}/transition': { expect: '401 403 pass pass 403 404', request: async (c) => ({ id: await c.w.newAssessment(), payload: { to: 'submitted' } }) },
  'GET /api/v1/assessments/{id}/history': { expect: '401 ok ok ok ok 404', request: (c) => ({ id: c.w.ids.assessment }) },
  'POST /api/v1/assessments/{id}/plan': { expect: '401 ok ok ok ok 404', request: (c) => ({ id: c.w.ids.assessment, payload: { targetIndex: 3 } }) },
  'GET /api/v1/assessments/{id}/crosswalk': { expect: '401 pass pass pass pass 404', request: (c) => ({ id: c.w.ids.assessment }) },
  'GET /api/v1/assessments/{id}/export': { expect: '401 ok ok ok ok 404', request: (c) => ({ id: c.w.ids.assessment, query: { format: 'xlsx' } }) },
  'POST /api/v1/assessments/{id}/indicators/{no}/evidence': {
    expect: '401 403 ok ok 403 404',
    request: async (c) => {
      const { payload, headers } = multipartBody('file', 'bukti.pdf', 'application/pdf', Buffer.from(`%PDF-1.4\n% ${c.role}\n%%EOF\n`));
      return { id: await c.w.newAssessment(), no: '1', payload, headers };
    },
  },
  'DELETE /api/v1/assessments/{id}/indicators/{no}/evidence/{evidenceId}': {
    expect: '401 403 pass ok 403 404',
    request: async (c) => {
      const id = await c.w.newAssessment();
      return { id, no: '1', evidenceId: await c.w.newEvidence(id) };
    },
  },
  'GET /api/v1/evidence/{id}': { expect: '401 ok ok ok ok 404', request: (c) => ({ id: c.w.ids.evidence }) },

  // review workflow
  'GET /api/v1/change-requests': { expect: '401 ok ok ok ok ok' },
  'POST /api/v1/change-requests': { expect: '401 403 ok ok 403 ok', request: (c) => ({ payload: { action: 'create', payload: { kind: 'vision', name: 'Visi usulan', orgUnitId: c.role === 'otherAdmin' ? c.w.f.org.other : c.w.f.org.a } } }) },
  'GET /api/v1/change-requests/{id}': { expect: '401 404 ok ok ok 404', request: (c) => ({ id: c.w.ids.changeRequest }) },
  // the operator proposed it: only the author submits; a reviewer or admin who is not the author decides; author or reviewer applies
  'POST /api/v1/change-requests/{id}/submit': { expect: '401 deny ok 403 403 404', request: async (c) => ({ id: await c.w.newChangeRequest('draft') }) },
  'POST /api/v1/change-requests/{id}/approve': { expect: '401 deny 403 ok 403 404', request: async (c) => ({ id: await c.w.newChangeRequest('submitted') }) },
  'POST /api/v1/change-requests/{id}/reject': { expect: '401 deny 403 ok 403 404', request: async (c) => ({ id: await c.w.newChangeRequest('submitted') }) },
  'POST /api/v1/change-requests/{id}/apply': { expect: '401 deny ok ok 403 404', request: async (c) => ({ id: await c.w.newChangeRequest('approved') }) },

  // exchange and documents
  'GET /api/v1/export/archimate': { expect: 'ok ok ok ok ok ok' },
  'GET /api/v1/exchange/archimate-mapping': { expect: 'ok ok ok ok ok ok' },
  'POST /api/v1/import/archimate': {
    expect: '401 403 pass pass 403 pass',
    request: () => ({ query: { mode: 'preview' }, payload: '<?xml version="1.0"?><model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"/>', headers: { 'content-type': 'application/xml' } }),
  },
  'GET /api/v1/templates/{kind}': { expect: 'ok ok ok ok ok ok', request: () => ({ kind: 'application', query: { format: 'csv' } }) },
  'GET /api/v1/export/elements': { expect: 'ok ok ok ok ok ok', request: () => ({ query: { format: 'csv' } }) },
  'POST /api/v1/import/spreadsheet': {
    expect: '401 403 pass pass 403 pass',
    request: () => ({ query: { mode: 'preview', kind: 'vision', format: 'csv' }, payload: 'name\nVisi Impor\n', headers: { 'content-type': 'text/csv' } }),
  },
  'GET /api/v1/export/sia-spbe/{domain}': { expect: 'ok ok ok ok ok ok', request: () => ({ domain: 'application' }) },
  'GET /api/v1/documents/architecture': { expect: '401 ok ok ok ok ok', request: () => ({ query: { format: 'docx' } }) },
  'GET /api/v1/documents/changes': { expect: '401 ok ok ok ok ok', request: () => ({ query: { from: '2000-01-01', to: '2100-01-01' } }) },

  // open data (CKAN Action API, DCAT): public by design, terbuka only
  'GET /api/3/action/{action}': { expect: 'ok ok ok ok ok ok', request: () => ({ action: 'package_list' }) },
  'POST /api/3/action/{action}': { expect: 'ok ok ok ok ok ok', request: () => ({ action: 'package_list', payload: {} }) },
  'GET /catalog.jsonld': { expect: 'ok ok ok ok ok ok' },
};

function matches(outcome: Outcome, status: number): boolean {
  if (status >= 500) return false;
  switch (outcome) {
    case 'ok':
      return status >= 200 && status < 300;
    case 'pass':
      return status !== 401 && status !== 403;
    case 'deny':
      return status === 401 || status === 403 || status === 404;
    default:
      return status === outcome;
  }
}

function parse(expectation: string): Record<Role, Outcome> {
  const parts = expectation.trim().split(/\s+/);
  if (parts.length !== ROLES.length) throw new Error(`"${expectation}" names ${parts.length} outcomes, not ${ROLES.length}`);
  return Object.fromEntries(ROLES.map((r, i) => [r, /^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i]])) as Record<Role, Outcome>;
}

describe.each(DATABASES)('authorization walk over every route on %s', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind);
  }, 120_000);
  afterAll(async () => w?.close());

  it('has a declared policy for every route, and no policy for a route that is gone', () => {
    const served = operations(w.spec).map((o) => o.key);
    expect(served.filter((k) => !(k in POLICY)), 'routes without a policy: add them to POLICY').toEqual([]);
    expect(Object.keys(POLICY).filter((k) => !served.includes(k)), 'policies of routes that no longer exist').toEqual([]);
  });

  it('answers each caller as declared, and never with a 5xx', async () => {
    const tokenOf = (role: Role) => (role === 'anonymous' ? null : w.tokens[role]);
    const wrong: string[] = [];
    const seen: string[] = [];
    for (const { key, method, path } of operations(w.spec)) {
      const rule = POLICY[key];
      if (!rule) continue;
      const expected = parse(rule.expect);
      const row: string[] = [];
      for (const role of ROLES) {
        const req = (await rule.request?.({ w, role })) ?? {};
        const params = req as Record<string, unknown>;
        let url = req.url ?? path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(params[name] ?? 'unknown')));
        if (req.query) url += `?${new URLSearchParams(req.query)}`;
        const payload = typeof req.payload === 'string' || Buffer.isBuffer(req.payload) ? req.payload : req.payload === undefined ? undefined : JSON.stringify(req.payload);
        const headers = { ...(req.payload !== undefined && !req.headers?.['content-type'] ? { 'content-type': 'application/json' } : {}), ...req.headers };
        const r = await call(w.f.app, tokenOf(role), { method: method as 'GET', url, payload, headers });
        row.push(String(r.statusCode));
        if (!matches(expected[role], r.statusCode)) wrong.push(`${key} as ${role}: expected ${expected[role]}, got ${r.statusCode} ${r.body.slice(0, 160)}`);
      }
      seen.push(`${key.padEnd(70)} ${row.join(' ')}`);
    }
    if (process.env.AUTHZ_PRINT) console.log(seen.join('\n'));
    expect(wrong).toEqual([]);
  }, 300_000);
});
