import { describe, expect, it } from 'vitest';
import { missingOwner } from './missing-owner.js';
import { el, graph, org } from './test-graph.js';

describe('missing-owner', () => {
  it('fires for owned kinds without an OPD', () => {
    const g = graph([el('application', { id: 'a', name: 'Bussiness Intelligence' }), el('data', { id: 'd' }), el('server', { id: 's' }), el('initiative', { id: 'i' })]);
    const findings = missingOwner.check(g);
    expect(findings.map((f) => f.elementIds[0]).sort()).toEqual(['a', 'd', 'i', 's']);
    expect(findings.find((f) => f.elementIds[0] === 'a')!.message).toBe('Aplikasi "Bussiness Intelligence" belum memiliki Perangkat Daerah pemilik.');
  });

  it('does not fire for owned elements, city-wide kinds or retired elements', () => {
    const g = graph(
      [
        el('application', { id: 'a', orgUnitId: 'o' }),
        el('business-process', { id: 'bp' }),
        el('vision', { id: 'v' }),
        el('gap', { id: 'g' }),
        el('application', { id: 'r', lifecycle: 'retired' }),
      ],
      [],
      [org('o', 'Dinas Komunikasi dan Informatika')],
    );
    expect(missingOwner.check(g)).toEqual([]);
  });
});
