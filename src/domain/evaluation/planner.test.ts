import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minimumRaises, plan, requiredSum, type PlanItem } from './planner.js';
import { evaluate, roundRatioHalfUp } from './calculator.js';
import type { Framework } from './framework.js';
import { arbitraryFramework } from '../../../test/evaluation/arbitraries.js';
import { bandarLampungHistory, levelsOfYear, shippedFramework } from '../../../test/evaluation/data.js';

/** Every vector d with 0 ≤ d_i ≤ cap_i: the optimum by exhaustion (fewest steps, then most gain, then fewest touched). */
function bruteForce(items: PlanItem[], required: number) {
  let best: { cost: number; gain: number; touched: number } | null = null;
  const d = new Array(items.length).fill(0);
  const visit = (i: number) => {
    if (i === items.length) {
      const cost = d.reduce((s, x) => s + x, 0);
      const gain = d.reduce((s, x, k) => s + x * items[k].units, 0);
      const touched = d.filter((x) => x > 0).length;
      if (gain < required) return;
      if (!best || cost < best.cost || (cost === best.cost && (gain > best.gain || (gain === best.gain && touched < best.touched)))) best = { cost, gain, touched };
      return;
    }
    for (let x = 0; x <= items[i].cap; x++) {
      d[i] = x;
      visit(i + 1);
    }
    d[i] = 0;
  };
  visit(0);
  return best as { cost: number; gain: number; touched: number } | null;
}

const roundedIndex = (fw: Framework, levels: Map<number, number | null>) => evaluate(fw, levels).rounded!;

describe('planner core (minimumRaises)', () => {
  it('matches brute force on small random instances', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ no: fc.nat(), units: fc.integer({ min: 1, max: 3000 }), cap: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: -100, max: 20000 }),
        (items, required) => {
          const got = minimumRaises(items, required);
          const want = bruteForce(items, required);
          if (!want) {
            expect(got).toBeNull();
            return;
          }
          expect(got).not.toBeNull();
          expect({ cost: got!.cost, gain: got!.gain, touched: got!.touched }).toEqual(want);
          // the returned vector is what it claims
          expect(got!.steps.reduce((s, x) => s + x, 0)).toBe(got!.cost);
          expect(got!.steps.reduce((s, x, k) => s + x * items[k].units, 0)).toBe(got!.gain);
          got!.steps.forEach((x, k) => expect(x).toBeLessThanOrEqual(items[k].cap));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('prefers, at equal steps, the plan with the highest index, then the fewest indicators', () => {
    // need 300: one step of 300 beats two of 150; at cost 2, 2×200 on one indicator beats 200+150 on two? gain 400 > 350
    expect(minimumRaises([{ no: 1, units: 150, cap: 2 }, { no: 2, units: 300, cap: 1 }], 300)).toMatchObject({ cost: 1, steps: [0, 1] });
    expect(minimumRaises([{ no: 1, units: 200, cap: 2 }, { no: 2, units: 150, cap: 1 }], 360)).toMatchObject({ cost: 2, gain: 400, touched: 1, steps: [2, 0] });
  });
});

describe('plan on frameworks', () => {
  const options = fc.record({
    target: fc.integer({ min: 100, max: 500 }).map((h) => h / 100),
    k: fc.integer({ min: 1, max: 3 }),
    maxLevel: fc.integer({ min: 1, max: 5 }),
  });

  it('matches brute force on small random frameworks and never returns a non-minimal plan', () => {
    fc.assert(
      fc.property(
        arbitraryFramework(6).chain((fw) =>
          fc.tuple(fc.constant(fw), fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: fw.indicators.length, maxLength: fw.indicators.length }), options),
        ),
        ([fw, ls, o]) => {
          const levels = new Map(ls.map((l, i) => [i + 1, l]));
          const p = plan(fw, levels, { targetIndex: o.target, maxRaisePerIndicator: o.k, maxLevel: o.maxLevel });
          // brute force over the same limits
          const base = new Map(ls.map((l, i) => [i + 1, l ?? 1]));
          const items = fw.indicators.map((ind) => ({ no: ind.no, units: ind.units, cap: Math.max(0, Math.min(o.k, o.maxLevel - base.get(ind.no)!)) }));
          const S = fw.indicators.reduce((s, ind) => s + base.get(ind.no)! * ind.units, 0);
          const want = bruteForce(items, requiredSum(Math.round(o.target * 100), fw.totalUnits) - S);
          expect(p.feasible).toBe(want !== null);
          if (!want) {
            expect(p.raises).toEqual([]);
            expect(p.maxReachableRounded).toBeLessThan(o.target);
            return;
          }
          expect(p.steps).toBe(want.cost);
          expect(p.raises.length).toBe(want.touched);
          // the plan reaches the target as shown…
          const after = new Map(base);
          for (const r of p.raises) {
            expect(r.to).toBeLessThanOrEqual(o.maxLevel);
            expect(r.to - (r.from ?? 1)).toBeLessThanOrEqual(o.k);
            after.set(r.no, r.to);
          }
          expect(roundedIndex(fw, after)).toBeGreaterThanOrEqual(o.target);
          expect(p.resultRounded).toBe(roundedIndex(fw, after));
          // …and taking back any single step misses it
          for (const r of p.raises) {
            const less = new Map(after).set(r.no, r.to - 1);
            expect(roundedIndex(fw, less)).toBeLessThan(o.target);
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('honours per-indicator ceilings', () => {
    const fw = shippedFramework('spbe-59-2020');
    const levels = levelsOfYear(bandarLampungHistory(), 2024);
    const frozen = Object.fromEntries(fw.indicators.map((i) => [i.no, levels.get(i.no)!]));
    const p = plan(fw, levels, { targetIndex: 3, maxRaisePerIndicator: 1, maxLevels: { ...frozen, 42: 5, 43: 5 } });
    // 2.98 → 3.00 needs 1.55 weight-points: one step of a weight-3 indicator, and only 42 and 43 may move
    expect(p.feasible).toBe(true);
    expect(p.raises).toHaveLength(1);
    expect([42, 43]).toContain(p.raises[0].no);
    const none = plan(fw, levels, { targetIndex: 3.5, maxRaisePerIndicator: 1, maxLevels: frozen });
    expect(none.feasible).toBe(false);
    expect(none.maxReachableRounded).toBe(2.98);
  });

  it('plans Bandar Lampung 2024 (2.98) to 3.50 with +1 per indicator: 19 raises, each step worth its weight', () => {
    const fw = shippedFramework('spbe-59-2020');
    const levels = levelsOfYear(bandarLampungHistory(), 2024);
    const p = plan(fw, levels, { targetIndex: 3.5, maxRaisePerIndicator: 1 });
    expect(p.currentRounded).toBe(2.98);
    expect(p.feasible).toBe(true);
    expect(p.resultRounded).toBeGreaterThanOrEqual(3.5);
    // the heaviest steps first is optimal for unit-cost steps; the brute-force tests above check the DP in general
    const steps = fw.indicators.filter((i) => levels.get(i.no)! < 5).map((i) => i.units).sort((a, b) => b - a);
    const need = requiredSum(350, fw.totalUnits) - fw.indicators.reduce((s, i) => s + levels.get(i.no)! * i.units, 0);
    let count = 0;
    for (let acc = 0; acc < need; count++) acc += steps[count];
    expect(p.steps).toBe(count);
    expect(p.steps).toBe(19); // 6 × 3.00 (public services) + 8 × 2.75 (administration services) + 5 × 2.50
    expect(p.raises.every((r) => r.steps === 1 && r.to === levels.get(r.no)! + 1)).toBe(true);
    expect(roundRatioHalfUp(p.resultIndex * 1e6, 1e6)).toBe(p.resultRounded);
  });

  it('reports an unreachable target and a target already met', () => {
    const fw = shippedFramework('spbe-59-2020');
    const levels = levelsOfYear(bandarLampungHistory(), 2024);
    const far = plan(fw, levels, { targetIndex: 4.5, maxRaisePerIndicator: 1 });
    expect(far.feasible).toBe(false);
    expect(far.maxReachableRounded).toBeLessThan(4.5);
    const met = plan(fw, levels, { targetIndex: 2.5, maxRaisePerIndicator: 1 });
    expect(met).toMatchObject({ feasible: true, alreadyReached: true, steps: 0, raises: [] });
  });

  it('counts the target as reached when the index as shown reaches it (3.495 → 3.50)', () => {
    expect(requiredSum(350, 10000)).toBe(34950);
    expect(roundRatioHalfUp(34950, 10000)).toBe(3.5);
    expect(roundRatioHalfUp(34949, 10000)).toBe(3.49);
  });

  it('rejects impossible options', () => {
    const fw = shippedFramework('pemdi-8-2026');
    expect(() => plan(fw, new Map(), { targetIndex: 6, maxRaisePerIndicator: 1 })).toThrow(RangeError);
    expect(() => plan(fw, new Map(), { targetIndex: 3, maxRaisePerIndicator: 0 })).toThrow(RangeError);
    expect(() => plan(fw, new Map(), { targetIndex: 3, maxRaisePerIndicator: 1, maxLevels: { 99: 3 } })).toThrow(RangeError);
  });
});
