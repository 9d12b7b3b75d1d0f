import { describe, expect, it } from 'vitest';
import { codePattern } from './code-pattern.js';
import { el, graph } from './test-graph.js';

describe('code-pattern', () => {
  it('fires for a code that breaks its kind’s pattern', () => {
    const g = graph([el('sub-process', { id: 'wk', code: 'WK.22.06', name: 'Pemerintahan dan kesejahteraan rakyat' })]);
    const [f] = codePattern.check(g);
    expect(f.elementIds).toEqual(['wk']);
    expect(f.message).toContain('WK.22.06');
    expect(f.messageEn).toContain('does not match');
  });

  it('does not fire for matching codes, kinds without a pattern, missing codes or retired elements', () => {
    const g = graph([
      el('sub-process', { id: 'a', code: 'BDL-04.06' }),
      el('business-process', { id: 'b', code: 'BDL-04' }),
      el('application', { id: 'c', code: 'anything goes' }),
      el('sub-process', { id: 'd' }),
      el('sub-process', { id: 'e', code: 'XX', lifecycle: 'retired' }),
    ]);
    expect(codePattern.check(g)).toEqual([]);
  });
});
