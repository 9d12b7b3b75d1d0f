import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { craftCity } from './crafted.js';

interface Finding {
  rule: string;
  severity: string;
  message: string;
  messageEn: string;
  elements: { id: string; kind: string; code: string | null; name: string; orgUnitId: string | null }[];
}

describe.each(DATABASES)('consistency checks API on %s', (db) => {
  let f: Fixture;
  let ids: Record<string, string>;
  beforeAll(async () => {
    f = await fixture(db);
    ids = await craftCity(f);
  });
  afterAll(async () => f?.close());

  const lint = async (token: string | null = f.tokens.admin, query = '') => {
    const r = await call(f.app, token, { method: 'GET', url: `/api/v1/lint${query}` });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { findings: Finding[]; total: number; truncated: boolean; summary: Record<string, number>; disabledRules: string[]; checkedAt: string };
  };
  const about = (findings: Finding[], rule: string) => findings.filter((x) => x.rule === rule).map((x) => x.elements.map((e) => e.id));

  it('reports the crafted city’s inconsistencies, explained, with element summaries', async () => {
    const report = await lint();
    const { findings } = report;
    expect(about(findings, 'attribute-schema')).toEqual([[ids.D3]]);
    expect(findings.find((x) => x.rule === 'attribute-schema')!.message).toContain('"Campuran" tidak ada dalam daftar');
    expect(about(findings, 'code-hierarchy')).toEqual([[ids.SP2, ids.BP1]]);
    expect(about(findings, 'local-duplicates-general')).toEqual([[ids.APP3, ids.APP2]]);
    expect(about(findings, 'duplicate-application')).toEqual([[ids.APP5, ids.APP6, ids.APP8]]);
    expect(about(findings, 'missing-owner')).toEqual([[ids.APP4]]);
    expect(about(findings, 'tobe-without-initiative')).toEqual([[ids.SRV2]]);
    expect(about(findings, 'required-relation').flat().sort()).toEqual([ids.G1, ids.APP2, ids.APP3, ids.APP5, ids.APP6, ids.APP7, ids.APP8].sort());
    expect(report.summary).toEqual({
      error: findings.filter((x) => x.severity === 'error').length,
      warning: findings.filter((x) => x.severity === 'warning').length,
      info: findings.filter((x) => x.severity === 'info').length,
    });
    expect(report.summary.error).toBe(1);
    expect(findings[0].severity).toBe('error');
    const dup = findings.find((x) => x.rule === 'duplicate-application')!;
    expect(dup.elements[0]).toEqual({ id: ids.APP5, kind: 'application', code: null, name: 'Website profil', orgUnitId: f.org.a });
    expect(dup.message).toContain('3 kali oleh 2 Perangkat Daerah');
    expect(dup.messageEn).toContain('3 times by 2 OPDs');
  });

  it('never shows a reader what is hidden from them', async () => {
    const viewer = await lint(f.tokens.viewer);
    expect(JSON.stringify(viewer)).not.toContain(ids.APP8);
    expect(about(viewer.findings, 'duplicate-application')).toEqual([[ids.APP5, ids.APP6]]);
    const anonymous = await lint(null);
    expect(JSON.stringify(anonymous)).not.toContain(ids.SRV2);
    const other = await lint(f.tokens.otherAdmin);
    expect(other.findings).toEqual([]);
  });

  it('filters by severity, rule and OPD', async () => {
    expect((await lint(f.tokens.admin, '?severity=error')).findings.map((x) => x.rule)).toEqual(['attribute-schema']);
    expect(new Set((await lint(f.tokens.admin, '?rule=required-relation')).findings.map((x) => x.rule))).toEqual(new Set(['required-relation']));
    const dinkes = await lint(f.tokens.admin, '?org=DINKES');
    expect(dinkes.findings.every((x) => x.elements.some((e) => e.orgUnitId === f.org.b))).toBe(true);
    expect(dinkes.findings.length).toBeGreaterThan(0);
    expect((await call(f.app, null, { method: 'GET', url: '/api/v1/lint?rule=no-such-rule' })).statusCode).toBe(422);
    const all = await lint();
    const capped = await lint(f.tokens.admin, '?limit=2');
    expect(capped).toMatchObject({ total: all.total, truncated: true, summary: all.summary });
    expect(capped.findings).toEqual(all.findings.slice(0, 2));
    expect(all.truncated).toBe(false);
    expect(all.total).toBe(all.findings.length);
  });

  it('lists the rules and lets administrators switch them per instansi, audited', async () => {
    const rules = (await call(f.app, null, { method: 'GET', url: '/api/v1/lint/rules' })).json().items;
    expect(rules.length).toBeGreaterThanOrEqual(10);
    expect(rules.every((r: { enabled: boolean }) => r.enabled)).toBe(true);
    expect(rules.find((r: { id: string }) => r.id === 'local-duplicates-general')).toMatchObject({
      severity: 'warning',
      title: { id: 'Aplikasi khusus menyerupai aplikasi umum' },
      explain: { id: expect.stringContaining('Perpres 95/2018') },
    });

    const body = { disabled: ['attribute-schema', 'required-relation'] };
    expect((await call(f.app, f.tokens.operator, { method: 'PUT', url: '/api/v1/lint/rules', payload: body })).statusCode).toBe(403);
    expect((await call(f.app, f.tokens.viewer, { method: 'PUT', url: '/api/v1/lint/rules', payload: body })).statusCode).toBe(403);
    expect((await call(f.app, null, { method: 'PUT', url: '/api/v1/lint/rules', payload: body })).statusCode).toBe(401);
    const bad = await call(f.app, f.tokens.admin, { method: 'PUT', url: '/api/v1/lint/rules', payload: { disabled: ['nope'] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'disabled', rule: 'enum' });

    const put = await call(f.app, f.tokens.admin, { method: 'PUT', url: '/api/v1/lint/rules', payload: body });
    expect(put.statusCode).toBe(200);
    expect(put.json().items.filter((r: { enabled: boolean }) => !r.enabled).map((r: { id: string }) => r.id)).toEqual(['attribute-schema', 'required-relation']);
    const report = await lint();
    expect(report.disabledRules).toEqual(['attribute-schema', 'required-relation']);
    expect(report.summary.error).toBe(0);
    expect(report.findings.some((x) => x.rule === 'required-relation')).toBe(false);
    // The other instansi's switches are its own.
    const otherRules = (await call(f.app, f.tokens.otherAdmin, { method: 'GET', url: '/api/v1/lint/rules' })).json().items;
    expect(otherRules.every((r: { enabled: boolean }) => r.enabled)).toBe(true);

    const audit = (await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/audit?element=${f.instansiId}` })).json();
    expect(audit.items[0]).toMatchObject({ action: 'update', entityType: 'lint-rules', username: 'admin', before: { disabled: [] }, after: { disabled: body.disabled } });

    await call(f.app, f.tokens.admin, { method: 'PUT', url: '/api/v1/lint/rules', payload: { disabled: [] } });
    expect((await lint()).disabledRules).toEqual([]);
  });
});
