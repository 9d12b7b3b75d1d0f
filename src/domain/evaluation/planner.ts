import type { Framework } from './framework.js';
import { levelOf, roundRatioHalfUp, type Levels } from './calculator.js';

/**
 * The smallest set of level raises that brings the index to a target.
 *
 * A "step" is one level on one indicator; a plan raises indicator i by d_i
 * steps with 0 ≤ d_i ≤ cap_i = min(maxRaisePerIndicator, maxLevel_i − level_i).
 * Objective, in this order:
 *   1. fewest steps Σ d_i (with the default cap of 1 this is also the fewest indicators);
 *   2. among those, the highest resulting index;
 *   3. among those, the fewest indicators touched;
 *   4. ties broken deterministically by indicator order.
 * "Reaches the target" means the index as shown (half-up, two decimals) is at
 * least the target, the same reading the predicate uses.
 *
 * Exact: a dynamic programme over indicators and total steps. best[c] is the
 * lexicographically best (gain, −touched) over the indicators seen so far using
 * exactly c steps; adding an indicator tries each d in 0..cap. Gains are
 * integers (levels × hundredths of a percent), so comparisons are exact, and
 * the lexicographic order on (gain, −touched) is compatible with addition, so
 * the best total for c is built from a best prefix (optimal substructure). The
 * optimum is the least c whose best gain reaches the requirement; any plan with
 * fewer steps has gain ≤ best[c'] < requirement. Time O(n · C · k) with
 * C = Σ cap_i ≤ n·k — for 47 indicators and k = 4, about 35 000 updates.
 */

export interface PlanOptions {
  targetIndex: number;
  /** At most this many levels up per indicator in one cycle (≥ 1). */
  maxRaisePerIndicator: number;
  /** Highest level any indicator may be planned to; defaults to the framework's maximum. */
  maxLevel?: number;
  /** Per-indicator ceilings, e.g. {"11": 3}; an indicator listed with its current level is left alone. */
  maxLevels?: Readonly<Record<number, number>>;
}

export interface Raise {
  no: number;
  /** The level now; null when not yet assessed (planned from the lowest level). */
  from: number | null;
  to: number;
  steps: number;
  /** Index points this raise adds (full precision). */
  indexGain: number;
}

export interface Plan {
  /** The target as compared: rounded up to two decimals. */
  targetIndex: number;
  feasible: boolean;
  alreadyReached: boolean;
  currentIndex: number;
  currentRounded: number;
  steps: number;
  raises: Raise[];
  resultIndex: number;
  resultRounded: number;
  /** The highest index reachable within the limits in this cycle. */
  maxReachableIndex: number;
  maxReachableRounded: number;
  /** Indicators without a level, counted at the lowest level for planning. */
  unassessed: number[];
}

export interface PlanItem {
  no: number;
  units: number;
  cap: number;
}

export interface Selection {
  /** Steps per item, same order as the items. */
  steps: number[];
  cost: number;
  gain: number;
  touched: number;
}

/**
 * Core: choose d_i ∈ [0, cap_i] minimising Σ d_i subject to Σ d_i·units_i ≥ required,
 * then maximising gain, then minimising the number of items touched. Null when infeasible.
 */
export function minimumRaises(items: readonly PlanItem[], required: number): Selection | null {
  if (required <= 0) return { steps: items.map(() => 0), cost: 0, gain: 0, touched: 0 };
  const C = items.reduce((s, it) => s + Math.max(0, it.cap), 0);
  let gain = new Float64Array(C + 1).fill(-Infinity);
  let touched = new Int32Array(C + 1);
  gain[0] = 0;
  const choice: Uint8Array[] = [];
  let reach = 0; // highest cost with a state so far
  for (const it of items) {
    const cap = Math.max(0, it.cap);
    const ng = new Float64Array(C + 1).fill(-Infinity);
    const nt = new Int32Array(C + 1);
    const ch = new Uint8Array(C + 1);
    for (let c = 0; c <= reach; c++) {
      if (gain[c] === -Infinity) continue;
      for (let d = 0; d <= cap; d++) {
        const c2 = c + d;
        const g2 = gain[c] + d * it.units;
        const t2 = touched[c] + (d > 0 ? 1 : 0);
        if (g2 > ng[c2] || (g2 === ng[c2] && t2 < nt[c2])) {
          ng[c2] = g2;
          nt[c2] = t2;
          ch[c2] = d;
        }
      }
    }
    reach += cap;
    choice.push(ch);
    gain = ng;
    touched = nt;
  }
  let best = -1;
  for (let c = 0; c <= C; c++) {
    if (gain[c] >= required) {
      best = c;
      break;
    }
  }
  if (best < 0) return null;
  const steps = new Array<number>(items.length).fill(0);
  let c = best;
  for (let i = items.length - 1; i >= 0; i--) {
    const d = choice[i][c];
    steps[i] = d;
    c -= d;
  }
  return { steps, cost: best, gain: gain[best], touched: touched[best] };
}

/** The least Σ level·units whose index (Σ/W), shown half-up to two decimals, is ≥ target (two decimals, as hundredths). */
export function requiredSum(targetHundredths: number, totalUnits: number): number {
  // floor(100·S/W + 1/2) ≥ T  ⇔  200·S + W ≥ 2·T·W  ⇔  S ≥ (2T − 1)·W / 200
  return Math.ceil(((2 * targetHundredths - 1) * totalUnits) / 200);
}

export function plan(fw: Framework, levels: Levels, options: PlanOptions): Plan {
  const { min, max } = fw.levelRange;
  if (!Number.isFinite(options.targetIndex) || options.targetIndex < min || options.targetIndex > max) {
    throw new RangeError(`targetIndex must lie in ${min}–${max}`);
  }
  if (!Number.isInteger(options.maxRaisePerIndicator) || options.maxRaisePerIndicator < 1) throw new RangeError('maxRaisePerIndicator must be a whole number ≥ 1');
  const globalMax = options.maxLevel ?? max;
  if (!Number.isInteger(globalMax) || globalMax < min || globalMax > max) throw new RangeError(`maxLevel must lie in ${min}–${max}`);
  for (const [no, m] of Object.entries(options.maxLevels ?? {})) {
    if (!fw.indicatorByNo.has(Number(no))) throw new RangeError(`maxLevels: no indicator ${no}`);
    if (!Number.isInteger(m) || m < min || m > max) throw new RangeError(`maxLevels.${no} must lie in ${min}–${max}`);
  }
  const targetHundredths = Math.ceil(options.targetIndex * 100 - 1e-9);
  const W = fw.totalUnits;
  const unassessed: number[] = [];
  let S = 0;
  let Smax = 0;
  const items: PlanItem[] = [];
  const from = new Map<number, number | null>();
  for (const ind of fw.indicators) {
    const raw = levelOf(levels, ind.no);
    if (raw !== null && (!Number.isInteger(raw) || raw < min || raw > max)) throw new RangeError(`indicator ${ind.no}: level ${raw} is not a whole level in ${min}–${max}`);
    if (raw === null) unassessed.push(ind.no);
    const level = raw ?? min;
    from.set(ind.no, raw);
    const ceiling = options.maxLevels?.[ind.no] ?? globalMax;
    const cap = Math.max(0, Math.min(options.maxRaisePerIndicator, ceiling - level));
    S += level * ind.units;
    Smax += (level + cap) * ind.units;
    items.push({ no: ind.no, units: ind.units, cap });
  }
  const required = requiredSum(targetHundredths, W) - S;
  const selection = minimumRaises(items, required);
  const base = {
    targetIndex: targetHundredths / 100,
    currentIndex: S / W,
    currentRounded: roundRatioHalfUp(S, W),
    maxReachableIndex: Smax / W,
    maxReachableRounded: roundRatioHalfUp(Smax, W),
    unassessed,
  };
  if (!selection) {
    return { ...base, feasible: false, alreadyReached: false, steps: 0, raises: [], resultIndex: S / W, resultRounded: roundRatioHalfUp(S, W) };
  }
  const raises: Raise[] = [];
  items.forEach((it, i) => {
    const d = selection.steps[i];
    if (d === 0) return;
    const f = from.get(it.no) ?? null;
    raises.push({ no: it.no, from: f, to: (f ?? min) + d, steps: d, indexGain: (d * it.units) / W });
  });
  const result = S + selection.gain;
  return {
    ...base,
    feasible: true,
    alreadyReached: required <= 0,
    steps: selection.cost,
    raises,
    resultIndex: result / W,
    resultRounded: roundRatioHalfUp(result, W),
  };
}
