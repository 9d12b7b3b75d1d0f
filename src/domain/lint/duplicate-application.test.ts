import { describe, expect, it } from 'vitest';
import { duplicateApplication } from './duplicate-application.js';
import { el, graph, org } from './test-graph.js';

const orgs = [org('dpu', 'Dinas Pekerjaan Umum'), org('dishub', 'Dinas Perhubungan')];

describe('duplicate-application', () => {
  it('fires for one name registered by several OPDs, ignoring case and punctuation', () => {
    const g = graph(
      [
        el('application', { id: 'a', name: 'Website profil', orgUnitId: 'dpu' }),
        el('application', { id: 'b', name: 'website  PROFIL.', orgUnitId: 'dishub' }),
        el('application', { id: 'c', name: 'Website profile', orgUnitId: 'dishub' }),
      ],
      [],
      orgs,
    );
    const findings = duplicateApplication.check(g);
    expect(findings).toHaveLength(1);
    expect(findings[0].elementIds).toEqual(['a', 'b']);
    expect(findings[0].message).toContain('2 Perangkat Daerah (DPU, DISHUB)');
  });

  it('fires for one URL under two names, and for the same OPD registering twice', () => {
    const g = graph(
      [
        el('application', { id: 'a', name: 'SIMPEL', orgUnitId: 'dpu', attributes: { url: 'https://simpel.bandarlampungkota.go.id/' } }),
        el('application', { id: 'b', name: 'Sistem Pelayanan', orgUnitId: 'dishub', attributes: { url: 'http://www.simpel.bandarlampungkota.go.id' } }),
        el('application', { id: 'c', name: 'e-Parkir', orgUnitId: 'dishub' }),
        el('application', { id: 'd', name: 'E Parkir', orgUnitId: 'dishub' }),
      ],
      [],
      orgs,
    );
    const findings = duplicateApplication.check(g);
    expect(findings.map((f) => f.elementIds)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(findings[0].message).toContain('simpel.bandarlampungkota.go.id');
    expect(findings[1].message).toContain('Perangkat Daerah yang sama');
  });

  it('does not fire for distinct applications or retired copies', () => {
    const g = graph(
      [
        el('application', { id: 'a', name: 'Website profil', orgUnitId: 'dpu' }),
        el('application', { id: 'b', name: 'Website profil sekolah', orgUnitId: 'dishub' }),
        el('application', { id: 'c', name: 'Website profil', orgUnitId: 'dishub', lifecycle: 'retired' }),
        el('service', { id: 'd', name: 'Website profil' }),
      ],
      [],
      orgs,
    );
    expect(duplicateApplication.check(g)).toEqual([]);
  });
});
