import { z } from 'zod';

/**
 * An evaluation framework as data (Indeks SPBE 59/2020, Indeks Pemerintah
 * Digital 8/2026, or a corrected/newer version of either): domains (optional),
 * aspects, indicators with weights, level scales with names, predicate bands
 * and the id of the computation rule. Validation reports every broken rule with
 * a path, so an administrator loading a bad file learns all the reasons at once.
 */

/** Computation rules the calculator implements. A framework names one; new rules are added here, not guessed. */
export const RULES = ['weighted-mean-v1'] as const;
export type RuleId = (typeof RULES)[number];

/** Weights are percentages with at most two decimals; internally they are integer hundredths ("units"). */
export const UNITS_PER_PERCENT = 100;

export function toUnits(weight: number): number {
  return Math.round(weight * UNITS_PER_PERCENT);
}

function isHundredths(w: number): boolean {
  return Math.abs(w * UNITS_PER_PERCENT - Math.round(w * UNITS_PER_PERCENT)) < 1e-7;
}

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and "-", 2–64 characters');
const Code = z.string().trim().min(1).max(20);
const Name = z.string().trim().min(1).max(300);
const LongText = z.string().max(4000);
const Weight = z.number().positive().max(100).refine(isHundredths, { message: 'a weight has at most two decimals' });
const Year = z.number().int().min(1990).max(2100);

const LevelDef = z.strictObject({ level: z.number().int(), name: Name, description: LongText.optional() });
const LevelScale = z.strictObject({ id: Code, name: Name, levels: z.array(LevelDef).min(2).max(11) });
const Indicator = z.strictObject({
  no: z.number().int().min(1).max(9999),
  name: Name,
  weight: Weight,
  description: LongText.optional(),
  /** Overrides the aspect's level scale. */
  scale: Code.optional(),
  /** What each level asks of this indicator, keyed by level ("3": "..."); falls back to the scale's description. */
  criteria: z.record(z.string().regex(/^\d{1,2}$/), LongText).optional(),
});
const Aspect = z.strictObject({
  code: Code,
  name: Name,
  /** If given, must equal the sum of the indicators' weights. */
  weight: Weight.optional(),
  scale: Code.optional(),
  indicators: z.array(Indicator).min(1).max(500),
});
const Domain = z.strictObject({ code: Code, name: Name, weight: Weight.optional(), aspects: z.array(Aspect).min(1).max(100) });
const Predicate = z.strictObject({
  name: Name,
  /** A second name, e.g. the 59/2020 word for a band of 8/2026 ("Berkembang" = "Baik"). */
  alias: Name.optional(),
  /** Inclusive lower bound on the index as shown (two decimals). The band ends where the next higher band starts. */
  min: z.number().min(0).max(100),
});

export const FrameworkSchema = z
  .strictObject({
    type: z.literal('framework'),
    id: Slug,
    version: z.number().int().min(1).max(1_000_000),
    name: Name,
    regulation: z.string().max(1000).optional(),
    /** Other ids the same framework goes by in data files. */
    aliases: z.array(Slug).max(20).optional(),
    validFrom: Year.nullable().optional(),
    validTo: Year.nullable().optional(),
    rule: z.enum(RULES),
    levelRange: z.strictObject({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(10) }),
    targetLevel: z.number().int().optional(),
    stages: z.array(Name).max(10).optional(),
    levelScales: z.array(LevelScale).min(1).max(10),
    predicates: z.array(Predicate).min(1).max(10),
    domains: z.array(Domain).min(1).max(50).optional(),
    aspects: z.array(Aspect).min(1).max(100).optional(),
    source: z.string().max(2000).optional(),
    notes: z.array(z.string().max(2000)).max(50).optional(),
  })
  .superRefine((f, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (!!f.domains === !!f.aspects) issue([], 'give either "domains" (each with aspects) or "aspects", not both and not neither');
    const { min, max } = f.levelRange;
    if (min >= max) issue(['levelRange'], 'levelRange.min must be below levelRange.max');
    if (f.targetLevel !== undefined && (f.targetLevel < min || f.targetLevel > max)) issue(['targetLevel'], `targetLevel must lie in ${min}–${max}`);

    const scaleIds = new Set<string>();
    f.levelScales.forEach((s, i) => {
      if (scaleIds.has(s.id)) issue(['levelScales', i, 'id'], `duplicate scale id "${s.id}"`);
      scaleIds.add(s.id);
      const levels = s.levels.map((l) => l.level).sort((a, b) => a - b);
      const expected = Array.from({ length: max - min + 1 }, (_, k) => min + k);
      if (levels.join(',') !== expected.join(',')) issue(['levelScales', i, 'levels'], `a scale names each level ${min}–${max} exactly once`);
    });

    const predicateNames = new Set<string>();
    f.predicates.forEach((p, i) => {
      if (predicateNames.has(p.name)) issue(['predicates', i, 'name'], `duplicate predicate "${p.name}"`);
      predicateNames.add(p.name);
      if (i > 0 && !(p.min < f.predicates[i - 1].min)) issue(['predicates', i, 'min'], 'predicates are listed from the highest band down, each min below the one before');
      if (!isHundredths(p.min)) issue(['predicates', i, 'min'], 'a band bound has at most two decimals');
      if (p.min > max) issue(['predicates', i, 'min'], `a band cannot start above the highest level ${max}`);
    });
    const lowest = f.predicates[f.predicates.length - 1];
    if (lowest && lowest.min > min) issue(['predicates', f.predicates.length - 1, 'min'], `the lowest band must start at or below ${min} so every index has a predicate`);

    const aspectsWithPath: { a: z.infer<typeof Aspect>; path: (string | number)[] }[] = [];
    if (f.domains) {
      const domainCodes = new Set<string>();
      f.domains.forEach((d, di) => {
        if (domainCodes.has(d.code)) issue(['domains', di, 'code'], `duplicate domain code "${d.code}"`);
        domainCodes.add(d.code);
        const sum = d.aspects.reduce((s, a) => s + sumUnits(a), 0);
        if (d.weight !== undefined && toUnits(d.weight) !== sum) {
          issue(['domains', di, 'weight'], `domain ${d.code} weighs ${d.weight} but its aspects sum to ${sum / UNITS_PER_PERCENT}`);
        }
        d.aspects.forEach((a, ai) => aspectsWithPath.push({ a, path: ['domains', di, 'aspects', ai] }));
      });
    } else if (f.aspects) {
      f.aspects.forEach((a, ai) => aspectsWithPath.push({ a, path: ['aspects', ai] }));
    }

    const aspectCodes = new Set<string>();
    const numbers = new Set<number>();
    let total = 0;
    for (const { a, path } of aspectsWithPath) {
      if (aspectCodes.has(a.code)) issue([...path, 'code'], `duplicate aspect code "${a.code}"`);
      aspectCodes.add(a.code);
      const sum = sumUnits(a);
      total += sum;
      if (a.weight !== undefined && toUnits(a.weight) !== sum) {
        issue([...path, 'weight'], `aspect ${a.code} weighs ${a.weight} but its indicators sum to ${sum / UNITS_PER_PERCENT}`);
      }
      if (a.scale !== undefined && !scaleIds.has(a.scale)) issue([...path, 'scale'], `unknown level scale "${a.scale}"`);
      a.indicators.forEach((ind, ii) => {
        const ip = [...path, 'indicators', ii];
        if (numbers.has(ind.no)) issue([...ip, 'no'], `duplicate indicator number ${ind.no}`);
        numbers.add(ind.no);
        if (ind.scale !== undefined && !scaleIds.has(ind.scale)) issue([...ip, 'scale'], `unknown level scale "${ind.scale}"`);
        if (ind.scale === undefined && a.scale === undefined && f.levelScales.length > 1) {
          issue([...ip, 'scale'], 'with several level scales, each aspect or indicator names its scale');
        }
        for (const key of Object.keys(ind.criteria ?? {})) {
          const level = Number(key);
          if (level < min || level > max) issue([...ip, 'criteria', key], `level ${key} lies outside ${min}–${max}`);
        }
      });
    }
    if (aspectsWithPath.length && total !== 100 * UNITS_PER_PERCENT) {
      issue([f.domains ? 'domains' : 'aspects'], `the indicator weights sum to ${total / UNITS_PER_PERCENT}, not 100`);
    }
  });

function sumUnits(a: { indicators: { weight: number }[] }): number {
  return a.indicators.reduce((s, i) => s + toUnits(i.weight), 0);
}

export type FrameworkDefinition = z.infer<typeof FrameworkSchema>;
export type PredicateBand = z.infer<typeof Predicate>;
export type LevelScaleDefinition = z.infer<typeof LevelScale>;

export interface NormalizedIndicator {
  no: number;
  name: string;
  weight: number;
  units: number;
  aspectCode: string;
  domainCode: string | null;
  scaleId: string;
  description?: string;
  criteria: Record<string, string>;
}
export interface NormalizedAspect {
  code: string;
  name: string;
  weight: number;
  units: number;
  domainCode: string | null;
  indicatorNos: number[];
}
export interface NormalizedDomain {
  code: string;
  name: string;
  weight: number;
  units: number;
  aspectCodes: string[];
}

/** A validated framework, flattened for computation. `definition` is the file as loaded. */
export interface Framework {
  id: string;
  version: number;
  name: string;
  rule: RuleId;
  levelRange: { min: number; max: number };
  predicates: PredicateBand[];
  scales: Map<string, LevelScaleDefinition>;
  domains: NormalizedDomain[];
  aspects: NormalizedAspect[];
  indicators: NormalizedIndicator[];
  indicatorByNo: Map<number, NormalizedIndicator>;
  totalUnits: number;
  definition: FrameworkDefinition;
}

export interface ValidationIssue {
  field: string;
  rule: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

export function issuesOf(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(file)';
    const rule = i.code === 'custom' ? 'consistency' : i.code === 'invalid_type' ? (i.input === undefined ? 'required' : 'type') : i.code === 'unrecognized_keys' ? 'unknown-field' : i.code;
    const message = i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message;
    return { field, rule, message };
  });
}

export function validateFramework(input: unknown): Validated<Framework> {
  const parsed = FrameworkSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error) };
  return { ok: true, value: normalizeFramework(parsed.data) };
}

/** Throws with every reason when the definition is invalid: for shipped files, where a bad file is a bug. */
export function loadFramework(input: unknown): Framework {
  const v = validateFramework(input);
  if (!v.ok) throw new Error(`invalid framework: ${v.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return v.value;
}

function normalizeFramework(def: FrameworkDefinition): Framework {
  const scales = new Map(def.levelScales.map((s) => [s.id, s]));
  const defaultScale = def.levelScales[0].id;
  const domains: NormalizedDomain[] = [];
  const aspects: NormalizedAspect[] = [];
  const indicators: NormalizedIndicator[] = [];
  const addAspect = (a: z.infer<typeof Aspect>, domainCode: string | null) => {
    const units = sumUnits(a);
    aspects.push({ code: a.code, name: a.name, weight: units / UNITS_PER_PERCENT, units, domainCode, indicatorNos: a.indicators.map((i) => i.no) });
    for (const i of a.indicators) {
      indicators.push({
        no: i.no,
        name: i.name,
        weight: toUnits(i.weight) / UNITS_PER_PERCENT,
        units: toUnits(i.weight),
        aspectCode: a.code,
        domainCode,
        scaleId: i.scale ?? a.scale ?? defaultScale,
        ...(i.description ? { description: i.description } : {}),
        criteria: i.criteria ?? {},
      });
    }
  };
  if (def.domains) {
    for (const d of def.domains) {
      const units = d.aspects.reduce((s, a) => s + sumUnits(a), 0);
      domains.push({ code: d.code, name: d.name, weight: units / UNITS_PER_PERCENT, units, aspectCodes: d.aspects.map((a) => a.code) });
      for (const a of d.aspects) addAspect(a, d.code);
    }
  } else {
    for (const a of def.aspects ?? []) addAspect(a, null);
  }
  indicators.sort((a, b) => a.no - b.no);
  return {
    id: def.id,
    version: def.version,
    name: def.name,
    rule: def.rule,
    levelRange: def.levelRange,
    predicates: def.predicates,
    scales,
    domains,
    aspects,
    indicators,
    indicatorByNo: new Map(indicators.map((i) => [i.no, i])),
    totalUnits: indicators.reduce((s, i) => s + i.units, 0),
    definition: def,
  };
}

/** What reaching `level` on an indicator asks for: the indicator's own criterion, else its scale's description. */
export function levelRequirement(fw: Framework, no: number, level: number): { level: number; name: string; criteria: string | null } {
  const ind = fw.indicatorByNo.get(no);
  if (!ind) throw new RangeError(`no indicator ${no}`);
  const scaleLevel = fw.scales.get(ind.scaleId)?.levels.find((l) => l.level === level);
  return { level, name: scaleLevel?.name ?? String(level), criteria: ind.criteria[String(level)] ?? scaleLevel?.description ?? null };
}
