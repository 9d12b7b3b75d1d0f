import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './pdf.js';
import { renderDocx } from './docx.js';
import { angka, tanggal, type DocumentModel } from './model.js';
import { radarPng, radarSvg } from './radar.js';

function pdfText(buf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pdf-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), buf);
    return spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const big = Array.from({ length: 150 }, (_, i) => `baris panjang nomor ${i}`).join('\n');
const model: DocumentModel = {
  title: 'Uji',
  cover: ['Versi 9'],
  footer: 'kaki',
  blocks: [
    { type: 'heading', level: 1, text: 'BAB I\nUJI' },
    { type: 'paragraph', text: 'Tanda “kutip” – strip › panah ≤ 15% 🙂' },
    { type: 'table', id: 't', caption: 'Tabel 1 Uji', headers: ['A', 'B'], rows: [['satu', big], ['dua', 'akhir tabel']] },
    { type: 'figure', id: 'g', caption: 'Gambar 1 Radar', svg: radarSvg([{ name: 'A', max: 5 }, { name: 'B', max: 5 }, { name: 'C', max: 5 }], [{ name: '2024', values: [1, 2, 3] }]), png: radarPng([{ name: 'A', max: 5 }, { name: 'B', max: 5 }, { name: 'C', max: 5 }], [{ name: '2024', values: [1, 2, 3] }]), width: 400, height: 280 },
  ],
};

describe('document renderers', () => {
  it('keep every line of a table row taller than a page (PDF)', async () => {
    const text = pdfText(await renderPdf(model));
    for (let i = 0; i < 150; i++) expect(text).toContain(`baris panjang nomor ${i}`);
    expect(text).toContain('akhir tabel');
    // WinAnsi stand-ins for characters the standard fonts lack.
    expect(text).toContain('Tanda "kutip" - strip > panah ? 15% ?');
    expect(text).toContain('Gambar 1 Radar');
  });

  it('write the figure as SVG with a PNG fallback, and keep every character (DOCX)', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(model));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('≤ 15% 🙂');
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(1);
    const png = media.find((f) => f.endsWith('.png'))!;
    const bytes = await zip.file(png)!.async('nodebuffer');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('writes Indonesian numbers and dates', () => {
    expect(angka(1234.5)).toBe('1.234,50');
    expect(angka(2.98)).toBe('2,98');
    expect(angka(null)).toBe('-');
    expect(tanggal('2026-12-03T10:00:00Z')).toBe('3 Desember 2026');
  });
});
