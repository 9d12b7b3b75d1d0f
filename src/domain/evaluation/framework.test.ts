import { describe, expect, it } from 'vitest';
import { toUnits, validateFramework } from './framework.js';
import { checkCrosswalk, parseCrosswalk } from './crosswalk.js';
import { readJson, shippedFramework } from '../../../test/evaluation/data.js';

const raw59 = () => readJson('frameworks', 'spbe-59-2020.json');
const rawPemdi = () => readJson('frameworks', 'pemdi-8-2026.json');

function aspectsOf(def: any): any[] {
  return def.domains ? def.domains.flatMap((d: any) => d.aspects) : def.aspects;
}
const sum = (xs: number[]) => xs.reduce((s, x) => s + toUnits(x), 0);

describe('shipped frameworks', () => {
  it('spbe-59-2020 has 4 domains, 8 aspects, 47 indicators numbered 1–47', () => {
    const fw = shippedFramework('spbe-59-2020');
    expect(fw.domains).toHaveLength(4);
    expect(fw.aspects).toHaveLength(8);
    expect(fw.indicators.map((i) => i.no)).toEqual(Array.from({ length: 47 }, (_, k) => k + 1));
    expect(fw.domains.map((d) => d.weight)).toEqual([13, 25, 16.5, 45.5]);
    expect(fw.aspects.map((a) => a.weight)).toEqual([13, 10, 10, 5, 12, 4.5, 27.5, 18]);
  });

  it('pemdi-8-2026 has 7 aspects and 20 indicators', () => {
    const fw = shippedFramework('pemdi-8-2026');
    expect(fw.domains).toHaveLength(0);
    expect(fw.aspects.map((a) => a.weight)).toEqual([10, 10, 15, 15, 10, 15, 25]);
    expect(fw.indicators).toHaveLength(20);
  });

  for (const [name, raw] of [
    ['spbe-59-2020', raw59],
    ['pemdi-8-2026', rawPemdi],
  ] as const) {
    it(`${name}: indicator weights sum to 100 and each aspect (and domain) states the sum of its parts`, () => {
      const def = raw();
      const aspects = aspectsOf(def);
      expect(sum(aspects.flatMap((a: any) => a.indicators.map((i: any) => i.weight)))).toBe(100 * 100);
      for (const a of aspects) expect(toUnits(a.weight), `aspect ${a.code}`).toBe(sum(a.indicators.map((i: any) => i.weight)));
      for (const d of def.domains ?? []) expect(toUnits(d.weight), `domain ${d.code}`).toBe(sum(d.aspects.map((a: any) => a.weight)));
    });
  }

  it('the crosswalk fits both frameworks and maps each of the 20 indicators once', () => {
    const c = parseCrosswalk(readJson('frameworks', 'crosswalk-59-2020-to-8-2026.json'));
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.estimate).toBe(true);
    expect(checkCrosswalk(c.value, shippedFramework('spbe-59-2020'), shippedFramework('pemdi-8-2026'))).toEqual([]);
    expect(c.value.mappings.map((m) => m.to).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
  });
});

describe('framework validation', () => {
  function errorsOf(mutate: (def: any) => void) {
    const def = raw59();
    mutate(def);
    const v = validateFramework(def);
    expect(v.ok).toBe(false);
    return v.ok ? [] : v.errors;
  }

  it('rejects weights that do not add up, naming the place', () => {
    const errors = errorsOf((d) => (d.domains[0].aspects[0].indicators[0].weight = 1.4));
    expect(errors).toContainEqual(expect.objectContaining({ field: 'domains.0.aspects.0.weight', rule: 'consistency' }));
    expect(errors).toContainEqual(expect.objectContaining({ field: 'domains.0.weight' }));
    expect(errors).toContainEqual(expect.objectContaining({ field: 'domains', message: expect.stringContaining('100.1') }));
  });

  it('reports every reason at once', () => {
    const errors = errorsOf((d) => {
      d.domains[1].aspects[0].indicators[1].no = 11; // duplicate
      d.domains[0].aspects[0].scale = 'nope';
      d.predicates[1].min = 4.5; // not descending
      d.rule = 'average';
      d.domains[3].aspects[1].indicators[0].weight = 3.001;
      d.colour = 'red';
    });
    const fields = errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['rule', '(file)']));
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects structural mistakes found after the shape is right', () => {
    const errors = errorsOf((d) => {
      d.domains[1].aspects[0].indicators[1].no = 11;
      d.domains[0].aspects[0].scale = 'nope';
      d.predicates[1].min = 4.5;
      d.levelScales[0].levels.pop();
    });
    const messages = errors.map((e) => e.message).join(' | ');
    expect(messages).toContain('duplicate indicator number 11');
    expect(messages).toContain('unknown level scale "nope"');
    expect(messages).toContain('highest band down');
    expect(messages).toContain('exactly once');
  });

  it('rejects a file with both or neither of domains and aspects, and a wrong type', () => {
    expect(errorsOf((d) => (d.aspects = d.domains[0].aspects)).map((e) => e.message).join()).toContain('either');
    expect(errorsOf((d) => delete d.domains).map((e) => e.message).join()).toContain('either');
    expect(errorsOf((d) => (d.type = 'crosswalk')).map((e) => e.field)).toContain('type');
  });
});
