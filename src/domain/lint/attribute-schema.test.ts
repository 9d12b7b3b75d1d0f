import { describe, expect, it } from 'vitest';
import { attributeSchemaRule } from './attribute-schema.js';
import { el, graph } from './test-graph.js';

describe('attribute-schema', () => {
  it('fires for enum values outside their list, unknown attributes and unknown kinds', () => {
    const g = graph([
      el('application', { id: 'a', name: 'SIMPEG', attributes: { category: 'campuran', status: 'aktif', legacyField: 1 } }),
      el('old-kind', { id: 'b', name: 'Kuno' }),
    ]);
    const findings = attributeSchemaRule.check(g);
    expect(findings.map((f) => f.elementIds[0])).toEqual(['a', 'b']);
    expect(findings[0].message).toContain('"campuran" tidak ada dalam daftar (umum, khusus)');
    expect(findings[0].message).toContain('atribut "legacyField" tidak dikenal');
    expect(findings[0].messageEn).toContain('is not in the list');
    expect(findings[1].message).toContain('old-kind');
  });

  it('fires for wrong types and out-of-range numbers', () => {
    const g = graph([el('initiative', { id: 'i', attributes: { progress: 140, budget: 'banyak' } })]);
    const [f] = attributeSchemaRule.check(g);
    expect(f.message).toContain('Progres (progress)');
    expect(f.message).toContain('Anggaran (budget)');
  });

  it('does not fire for valid or empty attributes', () => {
    const g = graph([
      el('application', { id: 'a', attributes: { category: 'umum', scope: 'nasional', basis: ['Web'] } }),
      el('vision', { id: 'v' }),
    ]);
    expect(attributeSchemaRule.check(g)).toEqual([]);
  });
});
