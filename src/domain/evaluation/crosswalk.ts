import { z } from 'zod';
import { issuesOf, type Framework, type Validated, type ValidationIssue } from './framework.js';
import { evaluate, levelOf, roundRatioHalfUp, type Evaluation, type Levels } from './calculator.js';

/**
 * A crosswalk maps each indicator of a newer framework to indicators of an
 * older one, so past assessments can be seen in the new structure. It is an
 * ESTIMATE: the new indicator's level is taken as the plain mean of the mapped
 * old levels (method "mean"), which no regulation prescribes.
 */

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/);
export const STRENGTHS = ['strong', 'partial', 'weak', 'none'] as const;

export const CrosswalkSchema = z
  .strictObject({
    type: z.literal('crosswalk'),
    id: Slug,
    version: z.number().int().min(1).max(1_000_000),
    name: z.string().trim().min(1).max(300),
    from: Slug,
    to: Slug,
    method: z.enum(['mean']),
    /** Always true: a crosswalk never claims to be an evaluation. */
    estimate: z.literal(true),
    notice: z.string().trim().min(1).max(2000),
    mappings: z
      .array(
        z.strictObject({
          to: z.number().int().min(1),
          from: z.array(z.number().int().min(1)).max(100),
          strength: z.enum(STRENGTHS),
          note: z.string().max(2000).optional(),
        }),
      )
      .min(1)
      .max(500),
    source: z.string().max(2000).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.from === c.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a crosswalk maps between two different frameworks' });
    const seen = new Set<number>();
    c.mappings.forEach((m, i) => {
      if (seen.has(m.to)) ctx.addIssue({ code: 'custom', path: ['mappings', i, 'to'], message: `indicator ${m.to} is mapped twice` });
      seen.add(m.to);
      if ((m.strength === 'none') !== (m.from.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['mappings', i, 'strength'], message: 'strength "none" goes with an empty "from", and only with it' });
      }
      if (new Set(m.from).size !== m.from.length) ctx.addIssue({ code: 'custom', path: ['mappings', i, 'from'], message: 'an indicator is listed twice' });
    });
  });

export type CrosswalkDefinition = z.infer<typeof CrosswalkSchema>;

export function parseCrosswalk(input: unknown): Validated<CrosswalkDefinition> {
  const parsed = CrosswalkSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: issuesOf(parsed.error) };
}

/** Checks the numbers against the two frameworks: every target indicator mapped once, every source number exists. */
export function checkCrosswalk(c: CrosswalkDefinition, from: Framework, to: Framework): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  if (from.id !== c.from) errors.push({ field: 'from', rule: 'framework', message: `expected framework ${c.from}, got ${from.id}` });
  if (to.id !== c.to) errors.push({ field: 'to', rule: 'framework', message: `expected framework ${c.to}, got ${to.id}` });
  c.mappings.forEach((m, i) => {
    if (!to.indicatorByNo.has(m.to)) errors.push({ field: `mappings.${i}.to`, rule: 'exists', message: `${to.id} has no indicator ${m.to}` });
    m.from.forEach((n, j) => {
      if (!from.indicatorByNo.has(n)) errors.push({ field: `mappings.${i}.from.${j}`, rule: 'exists', message: `${from.id} has no indicator ${n}` });
    });
  });
  const mapped = new Set(c.mappings.map((m) => m.to));
  for (const ind of to.indicators) {
    if (!mapped.has(ind.no)) errors.push({ field: 'mappings', rule: 'complete', message: `indicator ${ind.no} of ${to.id} has no mapping (use strength "none" with an empty "from")` });
  }
  return errors;
}

export interface CrosswalkEstimate {
  estimate: true;
  notice: string;
  indicators: {
    no: number;
    name: string;
    weight: number;
    aspectCode: string;
    /** Mean of the mapped source levels, full precision; null when nothing maps or no source is assessed. */
    level: number | null;
    rounded: number | null;
    strength: (typeof STRENGTHS)[number];
    note: string | null;
    sources: { no: number; name: string; level: number | null }[];
  }[];
  /** Share of the new framework's weight that has an estimate, 0–1. */
  coverage: number;
  evaluation: Evaluation;
}

export function estimate(c: CrosswalkDefinition, from: Framework, to: Framework, levels: Levels): CrosswalkEstimate {
  const byTo = new Map(c.mappings.map((m) => [m.to, m]));
  const estimates = new Map<number, number | null>();
  let covered = 0;
  const indicators = to.indicators.map((ind) => {
    const m = byTo.get(ind.no);
    const sources = (m?.from ?? []).map((n) => ({ no: n, name: from.indicatorByNo.get(n)?.name ?? String(n), level: levelOf(levels, n) }));
    const assessed = sources.filter((s) => s.level !== null) as { level: number }[];
    const sum = assessed.reduce((s, x) => s + x.level, 0);
    const level = assessed.length ? sum / assessed.length : null;
    estimates.set(ind.no, level);
    if (level !== null) covered += ind.units;
    return {
      no: ind.no,
      name: ind.name,
      weight: ind.weight,
      aspectCode: ind.aspectCode,
      level,
      rounded: assessed.length ? roundRatioHalfUp(sum, assessed.length) : null,
      strength: m?.strength ?? 'none',
      note: m?.note ?? null,
      sources,
    };
  });
  return { estimate: true, notice: c.notice, indicators, coverage: covered / to.totalUnits, evaluation: evaluate(to, estimates) };
}
