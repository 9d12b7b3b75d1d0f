import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Block, DocumentModel } from './model.js';

const FONT = 'Arial';
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Table cells and paragraphs keep line breaks from the data. */
function runs(text: string, opts: { bold?: boolean; size?: number } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: opts.bold, size: opts.size, font: FONT }));
}

function table(b: Extract<Block, { type: 'table' }>): FileChild[] {
  const out: FileChild[] = [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 80 }, children: runs(b.caption, { bold: true, size: 20 }) })];
  const widths = b.widths ?? b.headers.map(() => 1);
  const total = widths.reduce((a, w) => a + w, 0);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: Math.round((widths[i] / total) * 100), type: WidthType.PERCENTAGE },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' } : undefined,
      children: [new Paragraph({ children: runs(text, { bold: header, size: 18 }) })],
    });
  const rows = b.rows.length ? b.rows : [[b.empty ?? 'Belum ada data.', ...b.headers.slice(1).map(() => '')]];
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: b.headers.map((h, i) => cell(h, i, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) }))],
    }),
  );
  return out;
}

function block(b: Block): FileChild[] {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], alignment: b.level === 1 ? AlignmentType.CENTER : undefined, children: runs(b.text, { bold: true }) })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: b.align === 'center' ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
          spacing: { after: 120 },
          children: runs(b.text, { bold: b.bold, size: b.size === 'large' ? 32 : b.size === 'small' ? 18 : 22 }),
        }),
      ];
    case 'bullets':
      return b.items.map(
        (item, i) =>
          new Paragraph({
            ...(b.numbered ? {} : { bullet: { level: 0 } }),
            spacing: { after: 60 },
            children: runs(b.numbered ? `${i + 1}. ${item}` : item, { size: 22 }),
          }),
      );
    case 'table':
      return table(b);
    case 'figure':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(b.svg, 'utf8'),
              transformation: { width: b.width, height: b.height },
              fallback: { type: 'png', data: b.png },
              altText: { name: b.id, title: b.caption, description: b.caption },
            }),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: runs(b.caption, { bold: true, size: 20 }) }),
      ];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const cover: FileChild[] = [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: runs(model.title, { bold: true, size: 36 }) }),
    ...(model.subtitle ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 480 }, children: runs(model.subtitle, { bold: true, size: 28 }) })] : []),
    ...model.cover.map((line) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: runs(line, { size: 22 }) })),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  const doc = new Document({
    creator: 'Atlas SPBE',
    title: model.title,
    description: model.footer,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: `${model.footer} · Halaman `, size: 16, font: FONT }), new TextRun({ children: [PageNumber.CURRENT], size: 16, font: FONT })],
              }),
            ],
          }),
        },
        children: [...cover, ...model.blocks.flatMap(block)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
