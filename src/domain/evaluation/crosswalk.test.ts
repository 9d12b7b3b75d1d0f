import { describe, expect, it } from 'vitest';
import { checkCrosswalk, estimate, parseCrosswalk } from './crosswalk.js';
import { bandarLampungHistory, levelsOfYear, readJson, shippedFramework } from '../../../test/evaluation/data.js';

const from = shippedFramework('spbe-59-2020');
const to = shippedFramework('pemdi-8-2026');
const raw = () => readJson('frameworks', 'crosswalk-59-2020-to-8-2026.json');

describe('crosswalk 59/2020 → 8/2026 (estimate)', () => {
  it('estimates each new indicator as the mean of its mapped levels and says it is an estimate', () => {
    const c = parseCrosswalk(raw());
    if (!c.ok) throw new Error('shipped crosswalk invalid');
    const levels = levelsOfYear(bandarLampungHistory(), 2024);
    const e = estimate(c.value, from, to, levels);
    expect(e.estimate).toBe(true);
    expect(e.notice).toMatch(/PERKIRAAN/);
    const aplikasi = e.indicators.find((i) => i.no === 13)!; // from 4 (3) and 15 (3)
    expect(aplikasi.level).toBe(3);
    const infra = e.indicators.find((i) => i.no === 14)!; // 5,6,16,17: 3,3,2,3
    expect(infra.level).toBe(2.75);
    const geo = e.indicators.find((i) => i.no === 6)!;
    expect(geo.level).toBeNull();
    expect(geo.strength).toBe('none');
    // Informasi Geospasial 3, Pembangunan Statistik 3, Kriptografi 3, Penanganan Insiden Siber 4: 13% without an estimate
    expect(e.coverage).toBeCloseTo(0.87, 10);
    expect(e.evaluation.index!).toBeGreaterThanOrEqual(1);
    expect(e.evaluation.index!).toBeLessThanOrEqual(5);
    expect(e.evaluation.complete).toBe(false);
  });

  it('rejects a crosswalk naming indicators that do not exist, or leaving one out', () => {
    const bad = raw();
    bad.mappings[0].from.push(48);
    bad.mappings.pop();
    const c = parseCrosswalk(bad);
    if (!c.ok) throw new Error('shape should be fine');
    const errors = checkCrosswalk(c.value, from, to);
    expect(errors).toContainEqual(expect.objectContaining({ field: 'mappings.0.from.7', rule: 'exists' }));
    expect(errors).toContainEqual(expect.objectContaining({ rule: 'complete', message: expect.stringContaining('indicator 20') }));
  });

  it('refuses a crosswalk that does not call itself an estimate', () => {
    const c = parseCrosswalk({ ...raw(), estimate: false });
    expect(c.ok).toBe(false);
  });
});
