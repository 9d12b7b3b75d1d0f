import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES } from '../helpers.js';
import { buildWorld, operations, resolveRef, type JsonSchema, type World } from './world.js';

/**
 * Property tests over every write endpoint of the served OpenAPI document:
 * bodies, query strings, path parameters and headers built from arbitrary
 * values — wrong types, huge and odd strings, deep nesting, broken JSON, other
 * media types. Whatever arrives, the answer is never a 5xx, every error is
 * application/problem+json, and a 422 names the fields at fault.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\uD800',
  '\u202Eevil',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../../../etc/passwd',
  '%00',
  '{{7*7}}',
  '${7*7}',
  '1e309',
  '-0',
  '🙂'.repeat(300),
  'ا'.repeat(200),
);
const hugeString = fc.integer({ min: 10_000, max: 1_200_000 }).map((n) => 'x'.repeat(n));
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: oddStrings },
  { weight: 1, arbitrary: hugeString },
);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), text);
const deep = fc.integer({ min: 100, max: 20_000 }).chain((d) =>
  fc.constantFrom(
    JSON.parse('['.repeat(Math.min(d, 4000)) + ']'.repeat(Math.min(d, 4000))),
    Array.from({ length: Math.min(d, 4000) }).reduce<unknown>((acc) => ({ a: acc }), null),
  ),
);

/** Lone surrogates cannot be percent-encoded: the fuzzer sends U+FFFD for them, as a browser would. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The CKAN-compatible API answers errors as CKAN clients expect ({success: false, error}), not as problem details. */
const CKAN = /^\/api\/3\//;

describe.each(DATABASES)('fuzzing every write endpoint on %s', (kind) => {
  let w: World;
  let kinds: { id: string; schema: JsonSchema }[];
  beforeAll(async () => {
    w = await buildWorld(kind);
    kinds = ((await call(w.f.app, null, { method: 'GET', url: '/api/v1/kinds' })).json() as { items: { id: string; schema: JsonSchema }[] }).items;
  }, 120_000);
  afterAll(async () => w?.close());

  /** Values that look right for well-known names, so requests also get past the first check. */
  function hinted(name: string): fc.Arbitrary<unknown> | null {
    const ids = w.ids;
    const elementIds = fc.constantFrom(ids.element, ids.elementOtherOrg, ids.initiative);
    switch (name) {
      case 'kind':
        return fc.constantFrom(...kinds.map((k) => k.id));
      case 'orgUnitId':
        return fc.constantFrom(w.f.org.a, w.f.org.b, w.f.org.other, null);
      case 'sourceId':
      case 'targetId':
      case 'elementId':
        return elementIds;
      case 'refCode':
        return fc.constantFrom('RAA:02.02', 'RAL:01.16', 'RAL:', ':', 'RAB:9');
      case 'type':
        return fc.constantFrom('integrates', 'serves', 'uses', 'hosts', 'realizes');
      case 'framework':
        return fc.constantFrom(ids.framework, 'spbe-59-2020');
      case 'year':
        return fc.integer({ min: 1990, max: 2110 });
      case 'scopes':
        return fc.subarray(['read', 'write']);
      default:
        return null;
    }
  }

  function arb(schema: JsonSchema | undefined, name = '', depth = 0): fc.Arbitrary<unknown> {
    const hint = hinted(name);
    const s = resolveRef(w.spec, schema);
    const typed = ((): fc.Arbitrary<unknown> => {
      if (!s || depth > 3) return anyJson;
      if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => arb(x, name, depth + 1)));
      if (s.enum) return fc.constantFrom(...s.enum);
      if (s.const !== undefined) return fc.constant(s.const);
      const type = Array.isArray(s.type) ? s.type[0] : s.type;
      switch (type) {
        case 'string':
          return text;
        case 'integer':
          return fc.oneof(fc.integer({ min: s.minimum ?? -10, max: Math.min(s.maximum ?? 1000, 1e9) }), fc.integer(), fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0));
        case 'number':
          return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(arb(s.items, name, depth + 1), { maxLength: 4 });
        case 'object': {
          const props = Object.entries(s.properties ?? {});
          if (props.length === 0) return fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), oddStrings), anyJson, { maxKeys: 5 });
          const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, arb(v, k, depth + 1)])), { requiredKeys: [] });
          // sometimes an unknown key as well
          return fc.tuple(record, fc.option(fc.tuple(fc.string({ maxLength: 8 }), anyJson))).map(([r, extra]) => (extra ? { ...r, [extra[0]]: extra[1] } : r));
        }
        default:
          return anyJson;
      }
    })();
    return fc.oneof({ weight: 6, arbitrary: hint ?? typed }, { weight: 2, arbitrary: typed }, { weight: 1, arbitrary: anyJson });
  }

  /** An element body: a real kind with attributes built from that kind's own schema. */
  function elementBody(schema: JsonSchema): fc.Arbitrary<unknown> {
    return fc.constantFrom(...kinds).chain((k) =>
      fc.tuple(arb(schema), arb(k.schema, 'attributes')).map(([body, attributes]) => (body && typeof body === 'object' && !Array.isArray(body) ? { ...body, kind: k.id, attributes } : body)),
    );
  }

  type Req = { url: string; headers: Record<string, string>; payload?: string | Buffer; token: string | null };

  function requestArb(method: string, path: string, op: ReturnType<typeof operations>[number]['op']): fc.Arbitrary<Req> {
    const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const validIds: Record<string, string[]> = {
      id: [w.ids.element, w.ids.relation, w.ids.initiative, w.ids.assessment, w.ids.changeRequest, w.ids.evidence],
      no: ['1', '2', '0', '9999'],
      evidenceId: [w.ids.evidence],
      action: ['package_list', 'package_show', 'package_search', 'organization_list', 'nope'],
      kind: kinds.map((k) => k.id),
      domain: ['aplikasi', 'data', 'layanan'],
      model: ['RAL', 'RAA'],
    };
    const pathArb = fc.tuple(...pathParams.map((p) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(validIds[p.name] ?? ['x'])) }, { weight: 1, arbitrary: text.filter((t) => t.length < 2000) })));
    const queryArb = fc.array(
      fc.tuple(queryParams.length ? fc.oneof(fc.constantFrom(...queryParams.map((q) => q.name)), fc.string({ maxLength: 8 })) : fc.string({ maxLength: 8 }), text.filter((t) => t.length < 4000)),
      { maxLength: 4 },
    );
    const json = op.requestBody?.content?.['application/json']?.schema;
    const bodySchema = resolveRef(w.spec, json);
    const structured = bodySchema?.properties?.kind && bodySchema.properties.attributes ? elementBody(bodySchema) : arb(bodySchema);
    const bodyArb: fc.Arbitrary<{ payload?: string | Buffer; type?: string }> = fc.oneof(
      { weight: 8, arbitrary: structured.map((b) => ({ payload: JSON.stringify(b) ?? 'null', type: 'application/json' })) },
      { weight: 2, arbitrary: anyJson.map((b) => ({ payload: JSON.stringify(b), type: 'application/json' })) },
      { weight: 1, arbitrary: deep.map((b) => ({ payload: JSON.stringify(b), type: 'application/json' })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => ({ payload: `{${s}`, type: 'application/json' })) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('text/plain', 'application/xml', 'text/csv', 'application/octet-stream', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded')).map(([b, type]) => ({ payload: Buffer.from(b), type })),
      },
      { weight: 1, arbitrary: fc.constant({}) },
    );
    const tokenArb = fc.oneof({ weight: 6, arbitrary: fc.constant(w.tokens.admin) }, { weight: 1, arbitrary: fc.constantFrom(w.tokens.operator, w.tokens.viewer, w.tokens.readOnly, null) });
    const ifMatch = fc.option(fc.oneof(fc.constantFrom('"1"', '1', 'W/"2"', '*'), fc.string({ maxLength: 20 })));
    return fc.tuple(pathArb, queryArb, bodyArb, tokenArb, ifMatch).map(([params, query, body, token, match]) => {
      let i = 0;
      const filled = path.replace(/\{[^}]+\}/g, () => encodeURIComponent(wellFormed(String(params[i++]))));
      const qs = new URLSearchParams(query.map(([k, v]) => [k, v])).toString();
      const headers: Record<string, string> = {};
      if (body.type) headers['content-type'] = body.type;
      if (match !== null) headers['if-match'] = match.replace(/[^\t\x20-\x7e]/g, '');
      return { url: filled + (qs ? `?${qs}` : ''), headers, payload: method === 'DELETE' && Math.random() < 0.5 ? undefined : body.payload, token };
    });
  }

  it('fuzzes each write endpoint; no 5xx, problem+json always, field errors on 422', async () => {
    // deletions last, so the resources the others address still exist while they run
    const ops = operations(w.spec)
      .filter((o) => WRITE.has(o.method))
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    expect(ops.length).toBeGreaterThan(10);
    const failures: string[] = [];
    const statuses: Record<string, Record<number, number>> = {};
    for (const { key, method, path, op } of ops) {
      statuses[key] = {};
      const result = await fc.check(
        fc.asyncProperty(requestArb(method, path, op), async (req) => {
          const r = await call(w.f.app, req.token, { method: method as 'POST', url: req.url, headers: req.headers, payload: req.payload });
          statuses[key][r.statusCode] = (statuses[key][r.statusCode] ?? 0) + 1;
          if (r.statusCode >= 500) throw new Error(`${r.statusCode}: ${r.body.slice(0, 300)}`);
          if (r.statusCode >= 400 && CKAN.test(path) && !String(r.headers['content-type']).startsWith('application/problem+json')) {
            if (!String(r.headers['content-type']).startsWith('application/json') || (r.json() as { success?: boolean }).success !== false) throw new Error(`CKAN error not in CKAN form: ${r.body.slice(0, 200)}`);
          } else if (r.statusCode >= 400) {
            if (!String(r.headers['content-type']).startsWith('application/problem+json')) throw new Error(`${r.statusCode} as ${r.headers['content-type']}`);
            const body = r.json() as { status: number; errors?: { field: unknown }[] };
            if (body.status !== r.statusCode) throw new Error(`problem status ${body.status} ≠ ${r.statusCode}`);
            if (r.statusCode === 422 && (!Array.isArray(body.errors) || body.errors.length === 0 || body.errors.some((e) => typeof e.field !== 'string' || !e.field))) {
              throw new Error(`422 without field errors: ${r.body.slice(0, 300)}`);
            }
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed) {
        const example = JSON.stringify(result.counterexample, (_k, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v));
        failures.push(`${key}: ${(result.errorInstance as Error)?.message ?? 'failed'} — seed ${result.seed} — ${example?.slice(0, 600)}`);
      }
    }
    // the fuzzer must get past validation sometimes, or it tests nothing but the schema layer
    const reached = Object.entries(statuses).filter(([, s]) => Object.keys(s).some((c) => Number(c) < 300 || [403, 404, 409, 428].includes(Number(c))));
    expect(reached.length).toBeGreaterThan(ops.length / 2);
    expect(failures).toEqual([]);
  }, 600_000);
});
