import { describe, expect, it } from 'vitest';
import { KINDS } from '../../domain/kinds/index.js';
import { columnLetter, columnsFor, neutralise, unneutralise } from './columns.js';

describe('spreadsheet columns', () => {
  it('neutralises cells that would run as formulas and restores them on import', () => {
    for (const s of ['=1+1', '+62 811', '-info', '@admin', '\tx', '\rx']) {
      expect(neutralise(s)).toBe(`'${s}`);
      expect(unneutralise(neutralise(s))).toBe(s);
    }
    expect(neutralise('Aman')).toBe('Aman');
    expect(neutralise('')).toBe('');
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('gives every attribute of a kind a column with an Indonesian header and a field code', () => {
    for (const k of KINDS) {
      const cols = columnsFor([k], false);
      expect(cols.map((c) => c.code)).toEqual(['id', 'code', 'name', 'description', 'org', 'refCode', 'lifecycle', 'classification', 'provenance', ...k.attributes.map((a) => `attributes.${a.key}`)]);
      for (const c of cols.filter((x) => x.attribute)) {
        expect(c.header).toBe(c.attribute!.label.id);
        if (c.attribute!.type === 'enum') expect(c.list).toEqual(c.attribute!.options!.map((o) => o.value));
      }
    }
  });
});
