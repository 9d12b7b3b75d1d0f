import { describe, expect, it } from 'vitest';
import { LINT_RULES, findRule, runLint } from './index.js';
import { el, rel } from './test-graph.js';

describe('lint registry', () => {
  it('has unique kebab-case ids, a severity and both-language titles and explanations', () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of LINT_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      for (const text of [r.title.id, r.title.en, r.explain.id, r.explain.en]) expect(text.length, r.id).toBeGreaterThan(10);
    }
    expect(findRule('duplicate-code')).toBe(LINT_RULES[0]);
  });

  it('runs the enabled rules, orders findings by severity and counts them', () => {
    const graph = {
      elements: [
        el('application', { id: 'a', attributes: { category: 'x' } }),
        el('sub-process', { id: 's', code: 'XX' }),
      ],
      relations: [rel('a', 'hosts', 's')],
      orgUnits: [],
    };
    const all = runLint(graph);
    expect(all.findings[0].severity).toBe('error');
    expect(all.summary.error).toBe(2); // attribute-schema, relation-not-allowed
    expect(all.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['code-pattern', 'missing-owner', 'required-relation']));
    const some = runLint(graph, { disabled: ['attribute-schema', 'relation-not-allowed'] });
    expect(some.summary.error).toBe(0);
    expect(some.findings.some((f) => f.rule === 'attribute-schema')).toBe(false);
    expect(runLint(graph, { only: ['code-pattern'] }).findings.map((f) => f.rule)).toEqual(['code-pattern']);
  });
});
