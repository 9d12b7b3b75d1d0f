import { describe, expect, it } from 'vitest';
import { localDuplicatesGeneral } from './local-duplicates-general.js';
import fc from 'fast-check';
import { GeneralNameIndex, generalNameMatch } from './applications.js';
import { el, graph } from './test-graph.js';

const umum = (id: string, name: string) => el('application', { id, name, attributes: { category: 'umum', scope: 'nasional' } });
const khusus = (id: string, name: string) => el('application', { id, name, attributes: { category: 'khusus', scope: 'lokal' } });

describe('local-duplicates-general', () => {
  it('matches on a product name, on all distinctive words, or on close spelling', () => {
    expect(generalNameMatch('SRIKANDI Kota Bandar Lampung', 'SRIKANDI')).toBe(1);
    expect(generalNameMatch('Aplikasi Sipades', 'SIPADES Kemendagri')).toBe(1);
    expect(generalNameMatch('Sistem Informasi Dapodik Kota', 'Dapodik')).toBe(1);
    expect(generalNameMatch('Sistem Informasi Kepegawaian ASN', 'Sistem Informasi ASN Kepegawaian')).toBe(1);
    expect(generalNameMatch('Aplikasi e-Renggar', 'Erenggar')).toBeGreaterThanOrEqual(0.8);
  });

  it('does not match unrelated names, generic words or agency names alone', () => {
    expect(generalNameMatch('Sistem informasi kearsipan dinamis', 'SRIKANDI')).toBe(0);
    expect(generalNameMatch('Website profil Kota Bandar Lampung', 'E-KPB Provinsi Lampung')).toBe(0);
    expect(generalNameMatch('Satu data kesehatan', 'Edabu BPJK Kesehatan')).toBe(0);
    expect(generalNameMatch('Layanan pelaporan ke BKKBN', 'Aplikasi Morena BKKBN')).toBe(0);
    expect(generalNameMatch('Sistem Informasi', 'Aplikasi Sistem Informasi')).toBe(0);
    expect(generalNameMatch('Sistem informasi keluarga sejahtera', 'Aplikasi Keluarga (SIGA BKKBN)')).toBe(0);
  });

  it('fires for a khusus/lokal application resembling an umum one, naming both', () => {
    const g = graph([umum('g', 'SRIKANDI'), khusus('l', 'SRIKANDI Kota'), el('application', { id: 'x', name: 'Srikandi lokal', attributes: { scope: 'lokal' } })]);
    const findings = localDuplicatesGeneral.check(g);
    expect(findings.map((f) => f.elementIds)).toEqual([['l', 'g'], ['x', 'g']]);
    expect(findings[0].message).toContain('aplikasi umum "SRIKANDI"');
    expect(findings[0].messageEn).toContain('general application "SRIKANDI"');
  });

  it('does not fire between two general applications or for unrelated local ones', () => {
    const g = graph([umum('a', 'SRIKANDI'), umum('b', 'SRIKANDI Pusat'), khusus('c', 'Sistem informasi kearsipan dinamis')]);
    expect(localDuplicatesGeneral.check(g)).toEqual([]);
  });
});

describe('general application name index', () => {
  const words = ['SRIKANDI', 'Srikandi', 'Sistem', 'Informasi', 'Aplikasi', 'kepegawaian', 'kepegawaain', 'ASN', 'SIASN', 'e-Renggar', 'Erenggar', 'Kemendagri', 'data', 'desa', 'SIPADES', 'sipades', 'Kota', 'layanan', 'keuangan', 'keuangn', 'Dapodik', 'BKKBN'];
  const name = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

  it('finds the same best general application as comparing with every one', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 25 }), fc.array(name, { minLength: 1, maxLength: 10 }), (generals, locals) => {
        const index = new GeneralNameIndex(generals);
        for (const local of locals) {
          let expected: { index: number; score: number } | null = null;
          generals.forEach((g, i) => {
            const s = generalNameMatch(local, g);
            if (s > 0 && (!expected || s > expected.score)) expected = { index: i, score: s };
          });
          expect(index.best(local)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
