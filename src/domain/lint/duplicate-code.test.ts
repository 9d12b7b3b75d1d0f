import { describe, expect, it } from 'vitest';
import { duplicateCode } from './duplicate-code.js';
import { el, graph } from './test-graph.js';

describe('duplicate-code', () => {
  it('fires once per code used twice within one kind, naming every element', () => {
    const g = graph([
      el('sub-process', { id: 'a', code: 'BDL-20.01', name: 'Pengelolaan pendidikan' }),
      el('sub-process', { id: 'b', code: 'bdl-20.01 ', name: 'Pendidikan dan Tenaga Pendidik' }),
      el('sub-process', { id: 'c', code: 'BDL-20.02', name: 'Lain' }),
    ]);
    const findings = duplicateCode.check(g);
    expect(findings).toHaveLength(1);
    expect(findings[0].elementIds).toEqual(['a', 'b']);
    expect(findings[0].message).toContain('BDL-20.01');
    expect(findings[0].message).toContain('Sub Proses Bisnis');
    expect(findings[0].messageEn).toContain('Business sub-process');
  });

  it('does not fire across kinds, for missing codes or for retired elements', () => {
    const g = graph([
      el('business-process', { id: 'a', code: 'BDL-20' }),
      el('sub-process', { id: 'b', code: 'BDL-20' }),
      el('application', { id: 'c' }),
      el('application', { id: 'd' }),
      el('service', { id: 'e', code: '01.02' }),
      el('service', { id: 'f', code: '01.02', lifecycle: 'retired' }),
    ]);
    expect(duplicateCode.check(g)).toEqual([]);
  });
});
