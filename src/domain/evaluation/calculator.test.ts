import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate, predicateOf, roundRatioHalfUp } from './calculator.js';
import { bandarLampungHistory, levelsOfYear, shippedFramework } from '../../../test/evaluation/data.js';
import { arbitraryFramework } from '../../../test/evaluation/arbitraries.js';

const fw59 = shippedFramework('spbe-59-2020');
const history = bandarLampungHistory();

describe('Tabel 3.2 reproduced from Tabel 3.3 (PermenPANRB 59/2020 rule)', () => {
  for (const year of [2022, 2023, 2024]) {
    it(`${year}: every published value`, () => {
      const ev = evaluate(fw59, levelsOfYear(history, year));
      expect(ev.complete).toBe(true);
      let checked = 0;
      for (const row of history.published) {
        const published = row.values[String(year)]?.value;
        if (published === undefined) continue;
        const computed =
          row.level === 'index' ? ev.rounded : row.level === 'domain' ? ev.domains.find((d) => d.code === String(row.domain))!.rounded : ev.aspects.find((a) => a.code === String(row.aspect))!.rounded;
        expect(computed, `${year} ${row.name}`).toBe(published);
        checked++;
      }
      expect(checked).toBe(13); // index, 4 domains, 8 aspects
    });
  }

  it('keeps full precision (2024: 2.9795, shown 2.98)', () => {
    const ev = evaluate(fw59, levelsOfYear(history, 2024));
    expect(ev.index).toBeCloseTo(2.9795, 12);
    expect(ev.rounded).toBe(2.98);
    expect(evaluate(fw59, levelsOfYear(history, 2022)).index).toBeCloseTo(1.5025, 12);
    expect(evaluate(fw59, levelsOfYear(history, 2023)).index).toBeCloseTo(2.1545, 12);
  });

  it('derives the predicates 2022 Kurang, 2023 Cukup, 2024 Baik', () => {
    expect([2022, 2023, 2024].map((y) => evaluate(fw59, levelsOfYear(history, y)).predicate?.name)).toEqual(['Kurang', 'Cukup', 'Baik']);
  });

  it('a plain (unweighted) average does not reproduce Tabel 3.2', () => {
    const levels = [...levelsOfYear(history, 2024).values()] as number[];
    const plain = levels.reduce((s, x) => s + x, 0) / levels.length;
    expect(roundRatioHalfUp(plain * 1e6, 1e6)).not.toBe(2.98);
  });
});

describe('calculator', () => {
  it('rounds half-up exactly, from the ratio rather than from a binary float', () => {
    // an index of exactly 2.675 (Σ level·weight = 267.5): the float 2.675 is 2.67499999…, so toFixed says 2.67
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(roundRatioHalfUp(26750, 10000)).toBe(2.68);
    expect(roundRatioHalfUp(1005, 1000)).toBe(1.01);
    expect(roundRatioHalfUp(29795, 10000)).toBe(2.98);
    expect(roundRatioHalfUp(29794, 10000)).toBe(2.98);
    expect(roundRatioHalfUp(29749, 10000)).toBe(2.97);
    expect(roundRatioHalfUp(8, 3)).toBe(2.67);
    expect(roundRatioHalfUp(1, 8)).toBe(0.13);
  });

  it('reads predicates from the shown value with inclusive lower bounds', () => {
    const p = fw59.predicates;
    expect(predicateOf(p, 1.79)?.name).toBe('Kurang');
    expect(predicateOf(p, 1.8)?.name).toBe('Cukup');
    expect(predicateOf(p, 2.59)?.name).toBe('Cukup');
    expect(predicateOf(p, 2.6)?.name).toBe('Baik');
    expect(predicateOf(p, 3.5)?.name).toBe('Sangat Baik');
    expect(predicateOf(p, 4.2)?.name).toBe('Memuaskan');
    expect(predicateOf(p, 5)?.name).toBe('Memuaskan');
    const pemdi = shippedFramework('pemdi-8-2026').predicates;
    expect(predicateOf(pemdi, 2.5)).toEqual({ name: 'Berkembang', alias: 'Baik' });
    expect(predicateOf(pemdi, 1.49)).toEqual({ name: 'Merintis', alias: 'Kurang' });
  });

  it('leaves unassessed indicators out and says the assessment is incomplete', () => {
    const levels = new Map<number, number | null>([
      [1, 3],
      [2, 5],
    ]);
    const ev = evaluate(fw59, levels);
    expect(ev.complete).toBe(false);
    expect(ev.assessed).toBe(2);
    expect(ev.index).toBe(4);
    expect(ev.aspects[0].value).toBe(4);
    expect(ev.aspects[1].value).toBeNull();
    expect(evaluate(fw59, new Map()).index).toBeNull();
  });

  it('refuses levels outside the range', () => {
    expect(() => evaluate(fw59, new Map([[1, 6]]))).toThrow(RangeError);
    expect(() => evaluate(fw59, new Map([[1, 0]]))).toThrow(RangeError);
  });
});

const levelArb = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });

describe('calculator properties', () => {
  it('the index and every aspect and domain value stay within [1, 5] for any levels (Indeks SPBE)', () => {
    fc.assert(
      fc.property(fc.array(levelArb, { minLength: 47, maxLength: 47 }), (ls) => {
        const ev = evaluate(fw59, new Map(ls.map((l, i) => [i + 1, l])));
        for (const v of [ev.index, ev.rounded, ...ev.aspects.map((a) => a.value), ...ev.domains.map((d) => d.value)]) {
          if (v !== null) {
            expect(v).toBeGreaterThanOrEqual(1);
            expect(v).toBeLessThanOrEqual(5);
          }
        }
        expect(ev.index === null).toBe(ls.every((l) => l === null));
      }),
      { numRuns: 500 },
    );
  });

  it('the index stays within [1, 5] on random frameworks, equals the weighted mean, and is monotone in each level', () => {
    fc.assert(
      fc.property(
        arbitraryFramework().chain((fw) => fc.tuple(fc.constant(fw), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: fw.indicators.length, maxLength: fw.indicators.length }), fc.nat(fw.indicators.length - 1))),
        ([fw, ls, k]) => {
          const levels = new Map(ls.map((l, i) => [i + 1, l]));
          const ev = evaluate(fw, levels);
          expect(ev.index!).toBeGreaterThanOrEqual(1);
          expect(ev.index!).toBeLessThanOrEqual(5);
          const mean = fw.indicators.reduce((s, i) => s + levels.get(i.no)! * i.weight, 0) / 100;
          expect(ev.index!).toBeCloseTo(mean, 9);
          if (ls[k] < 5) {
            const up = evaluate(fw, new Map(levels).set(k + 1, ls[k] + 1));
            expect(up.index!).toBeGreaterThan(ev.index!);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
