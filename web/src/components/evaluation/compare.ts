import type { Assessment } from './api';

export interface CompareRow {
  key: string;
  kind: 'index' | 'domain' | 'aspect' | 'indicator';
  code: string;
  name: string;
  values: (number | null)[];
}

/** Whether a row differs between any two neighbouring years. */
export const changed = (r: CompareRow) => r.values.some((v, i) => i > 0 && v !== null && r.values[i - 1] !== null && v !== r.values[i - 1]);

/** Rows of several assessments of one framework side by side: values as shown for groups, levels for indicators. */
export function compareRows(list: Assessment[]): { groups: CompareRow[]; indicators: CompareRow[] } {
  const groups: CompareRow[] = [
    { key: 'index', kind: 'index', code: '', name: '', values: list.map((a) => a.indexRounded) },
  ];
  const domains = new Map<string, string>();
  const aspects = new Map<string, string>();
  const indicators = new Map<number, string>();
  for (const a of list) {
    for (const d of a.domains) domains.set(d.code, d.name);
    for (const x of a.aspects) aspects.set(x.code, x.name);
    for (const i of a.indicators) indicators.set(i.no, i.name);
  }
  for (const [code, name] of domains)
    groups.push({ key: `d${code}`, kind: 'domain', code, name, values: list.map((a) => a.domains.find((d) => d.code === code)?.rounded ?? null) });
  for (const [code, name] of aspects)
    groups.push({ key: `a${code}`, kind: 'aspect', code, name, values: list.map((a) => a.aspects.find((x) => x.code === code)?.rounded ?? null) });
  const rows = [...indicators]
    .sort((a, b) => a[0] - b[0])
    .map(([no, name]) => ({
      key: `i${no}`,
      kind: 'indicator' as const,
      code: String(no),
      name,
      values: list.map((a) => a.indicators.find((i) => i.no === no)?.level ?? null),
    }));
  return { groups, indicators: rows };
}
