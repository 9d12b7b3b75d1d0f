import { describe, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import { indicatorScales, levelText, type Assessment, type FrameworkDefinition } from './api';
import { changed, compareRows } from './compare';
import { assessmentCsv } from './exportCsv';
import { formatBytes, formatPrecise, formatScore } from './format';

const t = ((k: string) => k) as unknown as TFunction;

function assessment(year: number, levels: Record<number, number | null>, extra: Partial<Assessment> = {}): Assessment {
  return {
    id: `a${year}`,
    framework: 'spbe-59-2020',
    frameworkVersion: 1,
    frameworkName: 'Indeks SPBE',
    year,
    status: 'draft',
    index: 2.675,
    indexRounded: 2.68,
    predicate: { name: 'Baik', alias: null },
    complete: false,
    assessed: 2,
    total: 2,
    domains: [{ code: '1', name: 'Kebijakan', weight: 100, value: 2.675, rounded: 2.68, assessed: 2, total: 2 }],
    aspects: [{ code: '1', name: 'Tata Kelola', weight: 100, value: 2.675, rounded: 2.68, assessed: 2, total: 2, domainCode: '1' }],
    indicators: Object.entries(levels).map(([no, level]) => ({
      no: Number(no),
      name: `Indikator ${no}`,
      weight: 50,
      domainCode: '1',
      aspectCode: '1',
      level,
      levelName: null,
      selfLevel: level,
      verifiedLevel: null,
      note: null,
      verificationNote: null,
      updatedAt: null,
      updatedBy: null,
      evidence: [],
    })),
    published: null,
    consistency: null,
    provenance: null,
    editStage: 'self',
    allowedTransitions: ['submitted'],
    createdAt: '',
    updatedAt: '',
    createdBy: null,
    updatedBy: null,
    ...extra,
  };
}

describe('evaluation formats', () => {
  test('values as shown get exactly two decimals, padded, never re-rounded', () => {
    expect(formatScore(1.5)).toBe('1,50');
    expect(formatScore(2.98)).toBe('2,98');
    expect(formatScore(4.2)).toBe('4,20');
    expect(formatScore(null)).toBe('—');
    expect(formatPrecise(0.0275)).toBe('0,0275');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });
});

describe('level names', () => {
  const def: FrameworkDefinition = {
    id: 'x',
    version: 1,
    name: 'X',
    levelRange: { min: 1, max: 5 },
    levelScales: [
      { id: 'proses', name: 'Proses', levels: [{ level: 1, name: 'Rintisan', description: 'ad hoc' }, { level: 2, name: 'Terkelola' }] },
      { id: 'fungsi', name: 'Fungsi', levels: [{ level: 1, name: 'Informasi' }] },
    ],
    predicates: [{ name: 'Kurang', min: 1 }],
    domains: [
      {
        code: '1',
        name: 'D',
        aspects: [
          { code: '1', name: 'A', indicators: [{ no: 1, name: 'I1', weight: 50, criteria: { '1': 'Ada SK' } }] },
          { code: '2', name: 'B', scale: 'fungsi', indicators: [{ no: 2, name: 'I2', weight: 50 }] },
        ],
      },
    ],
  };
  test("an indicator's own criterion wins over the scale's description; aspects choose their scale", () => {
    const scales = indicatorScales(def);
    expect(levelText(scales.get(1), 1)).toEqual({ name: 'Rintisan', text: 'Ada SK' });
    expect(levelText(scales.get(1), 2)).toEqual({ name: 'Terkelola', text: undefined });
    expect(levelText(scales.get(2), 1).name).toBe('Informasi');
    expect(levelText(scales.get(2), 4)).toEqual({ name: '4', text: undefined });
  });
});

describe('comparison', () => {
  test('rows per indicator with the levels of each year; changes found between neighbouring years', () => {
    const rows = compareRows([assessment(2023, { 1: 1, 2: 3 }), assessment(2024, { 1: 3, 2: 3 })]);
    expect(rows.indicators.map((r) => r.values)).toEqual([
      [1, 3],
      [3, 3],
    ]);
    expect(rows.indicators.filter(changed).map((r) => r.code)).toEqual(['1']);
    expect(rows.groups[0]).toMatchObject({ kind: 'index', values: [2.68, 2.68] });
    expect(changed({ key: 'x', kind: 'indicator', code: '3', name: '', values: [null, 2] })).toBe(false);
  });
});

describe('CSV export', () => {
  test('values as the server shows them, and formula-looking notes neutralised', () => {
    const a = assessment(2025, { 1: 3, 2: null });
    a.indicators[0].note = '=HYPERLINK("http://x")';
    const csv = assessmentCsv(a, t);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toContain(',2.68,2.675,Baik,');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines).toHaveLength(1 + 1 + 1 + 1 + 2 + 1);
  });
});
