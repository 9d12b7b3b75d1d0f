import { createRequire } from 'node:module';
import type { Block, DocumentModel } from './model.js';

const require = createRequire(import.meta.url);

export interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}

let printer: PdfMake | undefined;

/** pdfmake on the server with the standard PDF fonts (no font files), and no file or network access. */
export function pdfmake(): PdfMake {
  if (!printer) {
    printer = require('pdfmake') as PdfMake;
    const standard = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
    printer.setFonts({ Helvetica: standard });
    printer.setUrlAccessPolicy(() => false);
    // The standard fonts are names pdfkit resolves itself; nothing else on disk may be read.
    const names = new Set(Object.values(standard));
    printer.setLocalAccessPolicy((path) => names.has(path));
  }
  return printer;
}

/**
 * The standard PDF fonts know WinAnsi only: characters outside it (emoji,
 * arrows, CJK) would print as nothing, so they are replaced by their closest
 * Latin form or "?" — the DOCX keeps them.
 */
export function winAnsi(s: string): string {
  return s
    .replace(/[›»]/g, '>')
    .replace(/[‹«]/g, '<')
    .replace(/[–—]/g, '-')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/…/g, '...')
    .replace(/•/g, '-')
    .normalize('NFC')
    .replace(/[^\u0009\u000a\u000d\u0020-\u007e\u00a0-\u00ff]/g, '?');
}

const CONTENT_WIDTH = 595 - 56 * 2;
const MAX_ROW_HEIGHT = 560;
const TABLE_FONT = 8.5;

/** A generous estimate of a table row's height in points (Helvetica averages about half an em per character). */
function rowHeight(row: string[], widths: number[]): number {
  let lines = 1;
  row.forEach((cell, i) => {
    const perLine = Math.max(1, Math.floor((widths[i] - 8) / (TABLE_FONT * 0.5)));
    const n = cell.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
  });
  return lines * TABLE_FONT * 1.3 + 8;
}

function content(b: Block): unknown[] {
  switch (b.type) {
    case 'heading':
      return [{ text: winAnsi(b.text), style: `h${b.level}`, ...(b.level === 1 ? { pageBreak: 'before' } : {}) }];
    case 'paragraph':
      return [{ text: winAnsi(b.text), alignment: b.align ?? 'justify', bold: b.bold, fontSize: b.size === 'large' ? 16 : b.size === 'small' ? 9 : 10.5, margin: [0, 0, 0, 6] }];
    case 'bullets':
      return [{ [b.numbered ? 'ol' : 'ul']: b.items.map(winAnsi), fontSize: 10.5, margin: [0, 0, 0, 6] }];
    case 'table': {
      const widths = b.widths ?? b.headers.map(() => 1);
      const total = widths.reduce((a, w) => a + w, 0);
      const rows = b.rows.length ? b.rows : [[b.empty ?? 'Belum ada data.', ...b.headers.slice(1).map(() => '')]];
      // Rows stay whole on a page when every row fits on one; a taller row must be allowed to break, or pdfmake drops it.
      const fits = rows.every((r) => rowHeight(r, widths.map((w) => (w / total) * CONTENT_WIDTH)) < MAX_ROW_HEIGHT);
      return [
        { text: winAnsi(b.caption), style: 'caption' },
        {
          table: {
            headerRows: 1,
            dontBreakRows: fits,
            widths: widths.map((w) => `${((w / total) * 100).toFixed(2)}%`),
            body: [b.headers.map((h) => ({ text: winAnsi(h), bold: true, fillColor: '#D9E2F3' })), ...rows.map((r) => r.map((c) => winAnsi(c)))],
          },
          fontSize: TABLE_FONT,
          margin: [0, 0, 0, 10],
        },
      ];
    }
    case 'figure':
      return [
        { svg: b.svg, width: Math.min(b.width, 480), alignment: 'center' },
        { text: winAnsi(b.caption), style: 'caption', margin: [0, 4, 0, 10] },
      ];
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
  }
}

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const doc = {
    info: { title: winAnsi(model.title), creator: 'Atlas SPBE', producer: 'Atlas SPBE (pdfmake)' },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 60],
    defaultStyle: { font: 'Helvetica', fontSize: 10.5, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      caption: { fontSize: 9.5, bold: true, alignment: 'center', margin: [0, 6, 0, 4] },
    },
    footer: (page: number, pages: number) => ({ text: `${winAnsi(model.footer)} · Halaman ${page} dari ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: [
      { text: winAnsi(model.title), fontSize: 18, bold: true, alignment: 'center', margin: [0, 160, 0, 16] },
      ...(model.subtitle ? [{ text: winAnsi(model.subtitle), fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 40] }] : []),
      ...model.cover.map((line) => ({ text: winAnsi(line), alignment: 'center', margin: [0, 0, 0, 6] })),
      ...model.blocks.flatMap(content),
    ],
  };
  return pdfmake().createPdf(doc).getBuffer();
}
