/**
 * A populated fixture for the security tests: one of each resource the API
 * addresses by id, so a route can be called with a valid-looking path.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { call, fixture, type DatabaseKind, type Fixture } from '../helpers.js';

export type Role = 'anonymous' | 'viewer' | 'operator' | 'admin' | 'readOnly' | 'otherAdmin';
export const ROLES: Role[] = ['anonymous', 'viewer', 'operator', 'admin', 'readOnly', 'otherAdmin'];

export interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
}
export interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface World {
  f: Fixture;
  spec: OpenApi;
  tokens: Record<Exclude<Role, 'anonymous'>, string>;
  /** ids of resources of the first instansi */
  ids: {
    element: string;
    elementOtherOrg: string;
    relation: string;
    initiative: string;
    framework: string;
    assessment: string;
    changeRequest: string;
    evidence: string;
  };
  /** A fresh element in OPD A (which the operator manages), version 1. */
  newElement(): Promise<string>;
  newRelation(): Promise<string>;
  /** A token of `role`'s own user that it may revoke. */
  spareToken(role: Role): Promise<string>;
  /** A change request proposed by the operator (in OPD A), taken to `state`. */
  newChangeRequest(state?: 'draft' | 'submitted' | 'approved'): Promise<string>;
  newAssessment(): Promise<string>;
  newInitiative(): Promise<string>;
  newEvidence(assessmentId: string): Promise<string>;
  /** A fresh viewer of the first instansi. */
  newUser(): Promise<string>;
  close(): Promise<void>;
}

export function multipartBody(field: string, filename: string, type: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----atlas${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function buildWorld(kind: DatabaseKind): Promise<World> {
  const f = await fixture(kind);
  const { auth } = f.services;
  const readOnly = (await auth.createToken('admin', { name: 'read only', scopes: ['read'] })).token;
  const tokens = { ...f.tokens, readOnly };
  const admin = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    call(f.app, f.tokens.admin, { method: method as 'GET', url, payload: payload as Record<string, unknown>, headers });
  const created = async (r: Awaited<ReturnType<typeof admin>>, what: string): Promise<string> => {
    expect(r.statusCode, `${what}: ${r.body.slice(0, 300)}`).toBeLessThan(300);
    return (r.json() as { id: string }).id;
  };
  let n = 0;
  const newElement = async (org = f.org.a) =>
    created(await admin('POST', '/api/v1/elements', { kind: 'application', code: `APL-${++n}`, name: `Aplikasi Uji ${n}`, orgUnitId: org, attributes: { category: 'khusus', scope: 'lokal' } }), 'element');
  const newRelation = async () =>
    created(await admin('POST', '/api/v1/relations', { type: 'integrates', sourceId: await newElement(), targetId: await newElement() }), 'relation');
  const frameworks = (await admin('GET', '/api/v1/frameworks')).json() as { items: { id: string; type: string }[] };
  const framework = frameworks.items.find((x) => x.type === 'framework')?.id ?? 'pemdi-8-2026';
  let year = 2000;
  const newAssessment = async () => created(await admin('POST', '/api/v1/assessments', { framework, year: ++year }), 'assessment');
  const newChangeRequest = async (state: 'draft' | 'submitted' | 'approved' = 'draft') => {
    const proposed = await call(f.app, f.tokens.operator, {
      method: 'POST',
      url: '/api/v1/change-requests',
      payload: { action: 'create', payload: { kind: 'vision', name: `Usulan ${++n}`, orgUnitId: f.org.a }, submit: state !== 'draft' },
    });
    const id = await created(proposed, 'change request');
    if (state === 'approved') await created(await admin('POST', `/api/v1/change-requests/${id}/approve`, {}), 'approval');
    return id;
  };
  const newInitiative = async () =>
    created(await admin('POST', '/api/v1/elements', { kind: 'initiative', name: `Inisiatif ${++n}`, orgUnitId: f.org.a, lifecycle: 'to-be', attributes: { status: 'berjalan' } }), 'initiative');
  const newEvidence = async (assessmentId: string) => {
    const { payload, headers } = multipartBody('file', `bukti-${++n}.pdf`, 'application/pdf', Buffer.from(`%PDF-1.4\n% bukti ${n}\n%%EOF\n`));
    const r = await call(f.app, f.tokens.admin, { method: 'POST', url: `/api/v1/assessments/${assessmentId}/indicators/1/evidence`, payload, headers });
    expect(r.statusCode, r.body).toBeLessThan(300);
    const body = r.json() as { id?: string; evidenceId?: string; evidence?: { id: string } };
    return body.evidence?.id ?? body.evidenceId ?? body.id!;
  };
  const usernames: Record<Exclude<Role, 'anonymous'>, string> = { viewer: 'viewer', operator: 'operator', admin: 'admin', readOnly: 'admin', otherAdmin: 'other-admin' };
  const spareToken = async (role: Role) => {
    if (role === 'anonymous') return randomUUID();
    return (await auth.createToken(usernames[role], { name: 'spare' })).record.id;
  };

  const element = await newElement();
  const elementOtherOrg = await newElement(f.org.b);
  const relation = await newRelation();
  const initiative = await newInitiative();
  const assessment = await newAssessment();
  const changeRequest = await newChangeRequest();
  const evidence = await newEvidence(assessment);
  const spec = (await call(f.app, null, { method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApi;
  return {
    f,
    spec,
    tokens,
    ids: { element, elementOtherOrg, relation, initiative, framework, assessment, changeRequest, evidence },
    newElement: () => newElement(),
    newRelation,
    spareToken,
    newChangeRequest,
    newAssessment,
    newInitiative,
    newEvidence,
    newUser: async () => (await auth.addUser({ instansiId: f.instansiId, username: `pengguna-${++n}`, password: 'kata-sandi-pengguna-baru', role: 'viewer' })).id,
    close: () => f.close(),
  };
}

/** "METHOD /path" for every operation of the served OpenAPI document. */
export function operations(spec: OpenApi): { key: string; method: string; path: string; op: OpenApiOperation }[] {
  const out = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      out.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

export function resolveRef(spec: OpenApi, s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) cur = spec.components?.schemas?.[cur.$ref.split('/').pop()!];
  return cur;
}
