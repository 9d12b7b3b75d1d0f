import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmllint } from './support.js';

const run = promisify(execFile);

describe('atlas import / atlas export (SQLite)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const atlas = (...args: string[]) => run('node', ['--import', 'tsx', 'src/cli/atlas.ts', ...args], { env, cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-cli-interop-'));
    env = { ...process.env, ATLAS_LOG: '0', ATLAS_DATA_DIR: dir, ATLAS_DATABASE_URL: '' };
    await atlas('seed');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports ArchiMate, a spreadsheet, a template and SIA-SPBE, and imports them back', async () => {
    const xml = join(dir, 'model.xml');
    await atlas('export', 'archimate', '-o', xml);
    expect(xmllint(readFileSync(xml, 'utf8')).ok).toBe(true);
    const preview = await atlas('import', xml);
    expect(preview.stdout).toContain('Pratinjau');
    expect(preview.stdout).toMatch(/Elemen: +0 baru, 0 diubah, \d+ tetap/);

    const csv = join(dir, 'apps.csv');
    await atlas('export', 'elements', '--kind', 'application', '--format', 'csv', '-o', csv);
    expect(readFileSync(csv, 'utf8')).toContain('Dapodik');
    await atlas('export', 'template', 'server', '-o', join(dir, 't.xlsx'));
    await atlas('export', 'sia-spbe', 'application', '-o', join(dir, 'sia.xlsx'));
    expect(readFileSync(join(dir, 'sia.xlsx')).subarray(0, 2).toString()).toBe('PK');

    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'Jenis,Nama,Status\napplication,Aplikasi Baru,hidup\n');
    const failed = await atlas('import', broken, '--commit').then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('Tidak diimpor');
    expect(failed?.stdout).toMatch(/baris 2 kolom C attributes\.status \[enum\] nilai "hidup"/);

    const good = join(dir, 'good.csv');
    writeFileSync(good, 'Jenis,Nama,Status\napplication,Aplikasi Baru Dari CLI,aktif\n');
    const ok = await atlas('import', good, '--commit');
    expect(ok.stdout).toMatch(/Elemen: +1 baru/);
  }, 120_000);

  it('exports the architecture document and the change report', async () => {
    const pdf = join(dir, 'doc.pdf');
    await atlas('export', 'document', '--format', 'pdf', '--doc-version', '1.2', '-o', pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const today = new Date().toISOString().slice(0, 10);
    const changes = await atlas('export', 'changes', '--from', today, '--to', today);
    const report = JSON.parse(changes.stdout);
    expect(report.elements.added.map((e: { name: string }) => e.name)).toContain('Aplikasi Baru Dari CLI');
    const catalog = JSON.parse((await atlas('export', 'catalog')).stdout);
    expect(catalog['@type']).toBe('dcat:Catalog');
  }, 120_000);
});
