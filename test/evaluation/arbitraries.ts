import fc from 'fast-check';
import { loadFramework, type Framework } from '../../src/domain/evaluation/framework.js';

/** Random valid frameworks: 1–4 aspects, 1–6 indicators each, integer-hundredth weights summing to 100. */
export const arbitraryFramework = (maxIndicators = 12): fc.Arbitrary<Framework> =>
  fc
    .integer({ min: 1, max: maxIndicators })
    .chain((n) =>
      fc.tuple(
        fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: n - 1, maxLength: n - 1 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
      ),
    )
    .map(([cuts, aspectOf]) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 10000];
      const units = points.slice(1).map((p, i) => p - points[i]);
      const aspects = new Map<number, { no: number; name: string; weight: number }[]>();
      units.forEach((u, i) => {
        const a = aspectOf[i];
        if (!aspects.has(a)) aspects.set(a, []);
        aspects.get(a)!.push({ no: i + 1, name: `I${i + 1}`, weight: u / 100 });
      });
      return loadFramework({
        type: 'framework',
        id: 'random',
        version: 1,
        name: 'random',
        rule: 'weighted-mean-v1',
        levelRange: { min: 1, max: 5 },
        levelScales: [{ id: 's', name: 's', levels: [1, 2, 3, 4, 5].map((l) => ({ level: l, name: `L${l}` })) }],
        predicates: [
          { name: 'A', min: 4 },
          { name: 'B', min: 2.5 },
          { name: 'C', min: 1 },
        ],
        aspects: [...aspects.entries()].map(([code, indicators]) => ({ code: String(code), name: `A${code}`, indicators })),
      });
    });

