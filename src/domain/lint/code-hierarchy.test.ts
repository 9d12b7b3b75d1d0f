import { describe, expect, it } from 'vitest';
import { codeHierarchy, isUnder } from './code-hierarchy.js';
import { el, graph, rel } from './test-graph.js';

describe('code-hierarchy', () => {
  it('knows what is under what', () => {
    expect(isUnder('BDL-21.03', 'BDL-21')).toBe(true);
    expect(isUnder('BDL-21.03', 'BDL-20')).toBe(false);
    expect(isUnder('BDL-210', 'BDL-21')).toBe(false); // no separator
    expect(isUnder('BDL-21', 'BDL-21')).toBe(false);
    expect(isUnder('bdl-21.03.01', 'BDL-21.03')).toBe(true);
  });

  it('fires when a sub-process is composed by a process whose code it does not continue', () => {
    const g = graph(
      [el('business-process', { id: 'p20', code: 'BDL-20', name: 'Pendidikan' }), el('sub-process', { id: 's', code: 'BDL-21.03', name: 'Pemerintahan' })],
      [rel('p20', 'composes', 's')],
    );
    const [f] = codeHierarchy.check(g);
    expect(f.elementIds).toEqual(['s', 'p20']);
    expect(f.message).toContain('BDL-21.03');
    expect(f.message).toContain('BDL-20');
  });

  it('does not fire for a well-placed child, kinds without code patterns or missing codes', () => {
    const g = graph(
      [
        el('process-group', { id: 'g', code: 'TUJUAN 1' }),
        el('business-process', { id: 'p', code: 'BDL-21' }),
        el('sub-process', { id: 's', code: 'BDL-21.03' }),
        el('sub-process', { id: 'n' }),
        el('vision', { id: 'v', code: 'V' }),
        el('mission', { id: 'm', code: 'M1' }),
      ],
      [rel('g', 'composes', 'p'), rel('p', 'composes', 's'), rel('p', 'composes', 'n'), rel('v', 'composes', 'm')],
    );
    expect(codeHierarchy.check(g)).toEqual([]);
  });
});
