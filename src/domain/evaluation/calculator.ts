import type { Framework, PredicateBand } from './framework.js';

/**
 * Rule `weighted-mean-v1` (PermenPANRB 59/2020, assumed for 8/2026 as well):
 *   index              = Σ level·weight / Σ weight   (weights sum to 100, so Σ level·weight / 100)
 *   aspect, domain     = Σ level·weight / Σ weight over its indicators
 * Values keep full precision; shown values are rounded half-up to two decimals
 * from the exact ratio (integer levels × integer hundredths of a percent), so
 * an index of exactly 2.675 shows as 2.68 — the binary float 2.675 is
 * 2.67499999…, which toFixed(2) or Math.round would show as 2.67.
 * The predicate is read from the value as shown.
 *
 * Indicators not yet assessed (null) are left out of every mean; a group with
 * none assessed has no value. `complete` says whether all indicators have a level.
 */

export type Levels = ReadonlyMap<number, number | null> | Readonly<Record<number, number | null | undefined>>;

export function levelOf(levels: Levels, no: number): number | null {
  const v = levels instanceof Map ? levels.get(no) : (levels as Record<number, number | null | undefined>)[no];
  return v === undefined ? null : v;
}

export interface GroupValue {
  code: string;
  name: string;
  weight: number;
  /** Full precision, or null when none of its indicators is assessed. */
  value: number | null;
  /** Rounded half-up to two decimals. */
  rounded: number | null;
  assessed: number;
  total: number;
}

export interface Evaluation {
  index: number | null;
  rounded: number | null;
  predicate: { name: string; alias: string | null } | null;
  complete: boolean;
  assessed: number;
  total: number;
  domains: (GroupValue & { aspectCodes: string[] })[];
  aspects: (GroupValue & { domainCode: string | null })[];
}

/** Exact half-up rounding of num/den (den > 0, num ≥ 0) to `decimals` places. */
export function roundRatioHalfUp(num: number, den: number, decimals = 2): number {
  const scale = 10 ** decimals;
  return Math.floor((2 * num * scale + den) / (2 * den)) / scale;
}

export function predicateOf(predicates: readonly PredicateBand[], rounded: number | null): { name: string; alias: string | null } | null {
  if (rounded === null) return null;
  const hundredths = Math.round(rounded * 100);
  const band = predicates.find((p) => hundredths >= Math.round(p.min * 100)) ?? predicates[predicates.length - 1];
  return band ? { name: band.name, alias: band.alias ?? null } : null;
}

function checkLevel(fw: Framework, no: number, level: number): void {
  if (!Number.isFinite(level) || level < fw.levelRange.min || level > fw.levelRange.max) {
    throw new RangeError(`indicator ${no}: level ${level} lies outside ${fw.levelRange.min}–${fw.levelRange.max}`);
  }
}

interface Acc {
  num: number;
  den: number;
  assessed: number;
  total: number;
}

function value(acc: Acc): { value: number | null; rounded: number | null } {
  if (acc.den === 0) return { value: null, rounded: null };
  return { value: acc.num / acc.den, rounded: roundRatioHalfUp(acc.num, acc.den) };
}

export function evaluate(fw: Framework, levels: Levels): Evaluation {
  if (fw.rule !== 'weighted-mean-v1') throw new Error(`unknown computation rule ${String(fw.rule)}`);
  const byAspect = new Map<string, Acc>(fw.aspects.map((a) => [a.code, { num: 0, den: 0, assessed: 0, total: 0 }]));
  const whole: Acc = { num: 0, den: 0, assessed: 0, total: 0 };
  for (const ind of fw.indicators) {
    const level = levelOf(levels, ind.no);
    const acc = byAspect.get(ind.aspectCode)!;
    acc.total++;
    whole.total++;
    if (level === null) continue;
    checkLevel(fw, ind.no, level);
    acc.num += level * ind.units;
    acc.den += ind.units;
    acc.assessed++;
    whole.num += level * ind.units;
    whole.den += ind.units;
    whole.assessed++;
  }
  const aspects = fw.aspects.map((a) => {
    const acc = byAspect.get(a.code)!;
    return { code: a.code, name: a.name, weight: a.weight, domainCode: a.domainCode, ...value(acc), assessed: acc.assessed, total: acc.total };
  });
  const domains = fw.domains.map((d) => {
    const acc = d.aspectCodes.map((c) => byAspect.get(c)!).reduce<Acc>((s, x) => ({ num: s.num + x.num, den: s.den + x.den, assessed: s.assessed + x.assessed, total: s.total + x.total }), { num: 0, den: 0, assessed: 0, total: 0 });
    return { code: d.code, name: d.name, weight: d.weight, aspectCodes: d.aspectCodes, ...value(acc), assessed: acc.assessed, total: acc.total };
  });
  const idx = value(whole);
  return {
    index: idx.value,
    rounded: idx.rounded,
    predicate: predicateOf(fw.predicates, idx.rounded),
    complete: whole.assessed === whole.total,
    assessed: whole.assessed,
    total: whole.total,
    domains,
    aspects,
  };
}
