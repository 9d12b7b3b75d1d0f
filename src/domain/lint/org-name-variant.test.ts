import { describe, expect, it } from 'vitest';
import { orgNameVariant, resolveOrgName } from './org-name-variant.js';
import { el, graph, org } from './test-graph.js';

const orgs = [
  org('diskominfo', 'Dinas Komunikasi dan Informatika', ['Diskominfo']),
  org('dinkes', 'Dinas Kesehatan'),
  org('bapperida', 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah', ['BAPPERIDA']),
];

describe('org-name-variant', () => {
  it('resolves official names, aliases, codes and names inside a longer unit name exactly', () => {
    expect(resolveOrgName('Dinas Komunikasi dan Informatika', orgs)).toEqual({ exact: true });
    expect(resolveOrgName('diskominfo', orgs)).toEqual({ exact: true });
    expect(resolveOrgName('DINKES', orgs)).toEqual({ exact: true });
    expect(resolveOrgName('Bidang Aptika Dinas Komunikasi dan Informatika', orgs)).toEqual({ exact: true });
  });

  it('finds the nearest OPD for a close variant and nothing for unrelated text', () => {
    const r = resolveOrgName('Dinas Komunikasi dan Informasi', orgs);
    expect(r).toMatchObject({ exact: false, match: { org: { id: 'diskominfo' } } });
    expect(resolveOrgName('Badan Perencanaan Pembangunan Riset Inovasi Daerah', orgs)).toMatchObject({ exact: false, match: { org: { id: 'bapperida' } } });
    expect(resolveOrgName('Kementerian Dalam Negeri', orgs)).toBeNull();
    expect(resolveOrgName('Bidang Aplikasi Informatika', orgs)).toBeNull();
  });

  it('fires once per variant, listing the elements using it', () => {
    const g = graph(
      [
        el('application', { id: 'a', attributes: { developerUnit: 'Dinas Komunikasi dan Informasi' } }),
        el('server', { id: 's', attributes: { managingUnit: 'dinas komunikasi dan informasi' } }),
        el('data', { id: 'd', attributes: { custodian: 'Dinas Komunikasi dan Informatika', producer: 'Dinas Kesehatan' } }),
      ],
      [],
      orgs,
    );
    const findings = orgNameVariant.check(g);
    expect(findings).toHaveLength(1);
    expect(findings[0].elementIds).toEqual(['a', 's']);
    expect(findings[0].message).toContain('DISKOMINFO');
    expect(findings[0].message).toContain('tambahkan sebagai alias');
  });

  it('does not fire for exact names or fields that do not name an OPD', () => {
    const g = graph([el('application', { id: 'a', name: 'Dinas Komunikasi dan Informasi', attributes: { operatorUnit: 'Diskominfo', function: 'Dinas Komunikasi dan Informasi' } })], [], orgs);
    expect(orgNameVariant.check(g)).toEqual([]);
  });
});
