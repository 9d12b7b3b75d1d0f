import { describe, expect, test } from 'vitest';
import { csvCell, neutralise, toCsv } from './csv';
import { diffSnapshots } from './diff';
import { formatDate, formatNumber, formatRupiah } from './format';
import { mapFieldErrors } from './problem';
import { queryString } from '../api/client';

describe('csv', () => {
  test('neutralises cells a spreadsheet would run as formulas', () => {
    for (const s of ['=1+1', '+62812', '-5', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise('Dinas Kominfo')).toBe('Dinas Kominfo');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });
  test('quotes separators and joins arrays', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('baris\nbaru')).toBe('"baris\nbaru"');
    expect(csvCell(['Web', 'Mobile'])).toBe('"Web; Mobile"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });
  test('starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 2]])).toBe('\uFEFFa,b\r\n1,2\r\n');
  });
});

describe('problem field errors', () => {
  const known = (n: (string | number)[]) =>
    (n.length === 1 && ['name', 'code'].includes(String(n[0]))) || (n.length === 2 && n[0] === 'attributes' && n[1] === 'status') || (n.length === 2 && n[0] === 'attributes' && n[1] === 'tags');
  test('maps dotted fields onto form names', () => {
    const m = mapFieldErrors(
      [
        { field: 'attributes.status', rule: 'enum', message: 'tidak valid' },
        { field: 'name', rule: 'required', message: 'wajib' },
        { field: 'attributes.tags.2', rule: 'max', message: 'terlalu panjang' },
        { field: '/attributes/status', rule: 'x', message: 'lagi' },
      ],
      known,
    );
    expect(m.fields).toEqual([
      { name: ['attributes', 'status'], errors: ['tidak valid', 'lagi'] },
      { name: ['name'], errors: ['wajib'] },
      { name: ['attributes', 'tags'], errors: ['terlalu panjang'] },
    ]);
    expect(m.other).toEqual([]);
  });
  test('keeps errors of unknown fields apart', () => {
    const m = mapFieldErrors([{ field: 'attributes.unknown', message: 'tidak dikenal' }, { field: '', message: 'umum' }], known);
    expect(m.fields).toEqual([]);
    expect(m.other.map((e) => e.message)).toEqual(['tidak dikenal', 'umum']);
  });
});

describe('diff', () => {
  test('lists changed core fields and attributes, not bookkeeping', () => {
    const before = { name: 'A', version: 1, updatedAt: 'x', attributes: { status: 'aktif', url: 'https://a' }, description: null };
    const after = { name: 'B', version: 2, updatedAt: 'y', attributes: { status: 'tidak-aktif', url: 'https://a' }, description: undefined };
    expect(diffSnapshots(before, after)).toEqual([
      { path: 'name', before: 'A', after: 'B' },
      { path: 'attributes.status', before: 'aktif', after: 'tidak-aktif' },
    ]);
  });
  test('a creation lists every field that was said', () => {
    expect(diffSnapshots(null, { name: 'A', attributes: { x: 1 } })).toEqual([
      { path: 'name', before: undefined, after: 'A' },
      { path: 'attributes.x', before: undefined, after: 1 },
    ]);
  });
});

describe('Indonesian formats', () => {
  test('numbers use a dot for thousands and a comma for decimals', () => {
    expect(formatNumber(1234.56)).toBe('1.234,56');
    expect(formatNumber(1000000)).toBe('1.000.000');
    expect(formatRupiah(2500000)).toBe('Rp 2.500.000');
  });
  test('dates read "3 Desember 2026"', () => {
    expect(formatDate('2026-12-03')).toBe('3 Desember 2026');
    expect(formatDate('2026-12-03', 'en')).toBe('3 December 2026');
  });
});

describe('queryString', () => {
  test('drops empty values', () => {
    expect(queryString({ q: 'kominfo', kind: undefined, org: '', limit: 20, cursor: null })).toBe('?q=kominfo&limit=20');
    expect(queryString({})).toBe('');
  });
});
