import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFramework, type Framework } from '../../src/domain/evaluation/framework.js';

/** Test helpers: the shipped files, read from src/data. */
const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'data');

export function readJson(...path: string[]): any {
  return JSON.parse(readFileSync(join(DATA, ...path), 'utf8'));
}

export function shippedFramework(id: 'spbe-59-2020' | 'pemdi-8-2026'): Framework {
  return loadFramework(readJson('frameworks', `${id}.json`));
}

export function bandarLampungHistory(): any {
  return readJson('datasets', 'bandar-lampung', 'evaluation', 'indeks-spbe-history.json');
}

/** Levels of one year from Tabel 3.3. */
export function levelsOfYear(history: any, year: number): Map<number, number | null> {
  return new Map(history.indicators.map((i: any) => [i.number, i.levels[String(year)] ?? null]));
}
