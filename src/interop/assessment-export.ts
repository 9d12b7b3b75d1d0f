import { addHeaderRow, addKeyValueRows, loadExcelJS } from './common/exceljs.js';
import { angka, tanggal } from './document/model.js';
import { pdfmake, winAnsi } from './document/pdf.js';
import { neutralise } from './spreadsheet/columns.js';

/**
 * One assessment as an XLSX workbook or a PDF report, built from the
 * evaluation service's view of it (GET /api/v1/assessments/{id}): nothing is
 * computed here. Values shown with two decimals are the view's `rounded` /
 * `indexRounded` (half-up from the exact ratio, see
 * src/domain/evaluation/calculator.ts); the workbook also keeps full precision.
 */

export const ASSESSMENT_EXPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type AssessmentExportFormat = (typeof ASSESSMENT_EXPORT_FORMATS)[number];

interface Group {
  code: string;
  name: string;
  weight: number;
  value: number | null;
  rounded: number | null;
  assessed: number;
  total: number;
}

/** What the export reads of the assessment view (EvaluationService.get). */
export interface AssessmentView {
  framework: string;
  frameworkVersion: number;
  frameworkName: string;
  year: number;
  status: string;
  index: number | null;
  indexRounded: number | null;
  predicate: { name: string; alias: string | null } | null;
  complete: boolean;
  assessed: number;
  total: number;
  domains: Group[];
  aspects: (Group & { domainCode: string | null })[];
  indicators: {
    no: number;
    name: string;
    weight: number;
    domainCode: string | null;
    aspectCode: string;
    level: number | null;
    levelName: string | null;
    selfLevel: number | null;
    verifiedLevel: number | null;
    note: string | null;
    verificationNote: string | null;
    evidence: { name: string }[];
  }[];
  provenance: string | null;
}

export interface ExportContext {
  instansi: { code: string; name: string };
  generatedAt: Date;
}

export const STATUS_LABELS: Record<string, string> = { draft: 'Draf', submitted: 'Diajukan', verified: 'Terverifikasi', final: 'Final' };

/** "indeks-spbe-2024-bandar-lampung.xlsx" (the framework id's first word: spbe, pemdi, …). */
export function assessmentFileName(a: Pick<AssessmentView, 'framework' | 'year'>, instansiCode: string, format: AssessmentExportFormat): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `indeks-${safe(a.framework.split('-')[0] || 'evaluasi')}-${a.year}-${safe(instansiCode)}.${format}`;
}

function predicateText(p: AssessmentView['predicate']): string {
  return p ? p.name + (p.alias ? ` (${p.alias})` : '') : '-';
}

function statusText(s: string): string {
  return STATUS_LABELS[s] ?? s;
}

function evidenceNames(i: AssessmentView['indicators'][number]): string {
  return i.evidence.map((e) => e.name).join('; ');
}

function notesOf(i: AssessmentView['indicators'][number]): string {
  return [i.note, i.verificationNote ? `Verifikasi: ${i.verificationNote}` : null].filter(Boolean).join('\n');
}

const aspectName = (a: AssessmentView) => new Map(a.aspects.map((x) => [x.code, x.name]));

// ---------------------------------------------------------------- XLSX

export const SUMMARY_SHEET = 'Ringkasan';
export const GROUPS_SHEET = 'Domain dan Aspek';
export const INDICATORS_SHEET = 'Indikator';

/** Indonesian headers of the indicator sheet, in order. */
export const INDICATOR_HEADERS = [
  'No',
  'Indikator',
  'Domain',
  'Kode Aspek',
  'Aspek',
  'Bobot (%)',
  'Tingkat Penilaian Mandiri',
  'Tingkat Verifikasi',
  'Tingkat Dipakai',
  'Nama Tingkat',
  'Catatan',
  'Catatan Verifikasi',
  'Bukti Dukung',
] as const;

export const GROUP_HEADERS = ['Tingkat', 'Kode', 'Nama', 'Domain', 'Bobot (%)', 'Nilai', 'Nilai (presisi penuh)', 'Indikator Dinilai', 'Jumlah Indikator'] as const;

type Cell = string | number | null;
const text = (s: string | null | undefined): Cell => (s ? neutralise(s) : null);

export async function assessmentWorkbook(a: AssessmentView, ctx: ExportContext): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Atlas SPBE';
  wb.created = ctx.generatedAt;
  wb.title = `${a.frameworkName} ${a.year} — ${ctx.instansi.name}`;

  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.columns = [{ width: 32 }, { width: 60 }];
  const rows: [string, Cell, string?][] = [
    ['Instansi', `${ctx.instansi.name} (${ctx.instansi.code})`],
    ['Kerangka Evaluasi', a.frameworkName],
    ['Versi Kerangka', a.frameworkVersion, '0'],
    ['Tahun', a.year, '0'],
    ['Status', statusText(a.status)],
    ['Indeks', a.indexRounded, '0.00'],
    ['Indeks (presisi penuh)', a.index],
    ['Predikat', a.predicate ? predicateText(a.predicate) : null],
    ['Indikator Dinilai', a.assessed, '0'],
    ['Jumlah Indikator', a.total, '0'],
    ['Sumber', text(a.provenance)],
    ['Diekspor', tanggal(ctx.generatedAt.toISOString())],
  ];
  summary.addRow(['Uraian', 'Nilai']).font = { bold: true };
  addKeyValueRows(summary, rows);

  const groups = wb.addWorksheet(GROUPS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  groups.columns = [{ width: 10 }, { width: 8 }, { width: 50 }, { width: 10 }, { width: 11 }, { width: 9 }, { width: 22 }, { width: 12 }, { width: 12 }];
  addHeaderRow(groups, GROUP_HEADERS);
  const groupRow = (level: string, g: Group, domain: string | null) =>
    groups.addRow([level, g.code, g.name, domain, g.weight, g.rounded, g.value, g.assessed, g.total]);
  for (const d of a.domains) {
    groupRow('Domain', d, d.code).font = { bold: true };
    for (const x of a.aspects.filter((x) => x.domainCode === d.code)) groupRow('Aspek', x, x.domainCode);
  }
  for (const x of a.aspects.filter((x) => !x.domainCode || !a.domains.some((d) => d.code === x.domainCode))) groupRow('Aspek', x, x.domainCode);
  groups.getColumn(5).numFmt = '0.00';
  groups.getColumn(6).numFmt = '0.00';

  const indicators = wb.addWorksheet(INDICATORS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  indicators.columns = [8, 60, 9, 11, 36, 10, 14, 12, 12, 22, 40, 40, 40].map((width) => ({ width }));
  addHeaderRow(indicators, INDICATOR_HEADERS);
  const aspects = aspectName(a);
  for (const i of a.indicators) {
    const row = indicators.addRow([
      i.no,
      text(i.name),
      i.domainCode,
      i.aspectCode,
      text(aspects.get(i.aspectCode)),
      i.weight,
      i.selfLevel,
      i.verifiedLevel,
      i.level,
      text(i.levelName),
      text(i.note),
      text(i.verificationNote),
      text(evidenceNames(i)),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  indicators.getColumn(6).numFmt = '0.00';
  indicators.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: INDICATOR_HEADERS.length } };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- PDF

const TABLE_FONT = 8;
const level = (n: number | null) => (n === null ? '-' : String(n));

/** A table with a shaded header row; rows listed in `bold` (0-based) are set in bold. */
function table(headers: string[], rows: string[][], widths: (number | string)[], bold: ReadonlySet<number> = new Set()): unknown {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [headers.map((h) => ({ text: winAnsi(h), bold: true, fillColor: '#D9E2F3' })), ...rows.map((r, i) => r.map((c) => ({ text: winAnsi(c), bold: bold.has(i) })))],
    },
    fontSize: TABLE_FONT,
    margin: [0, 0, 0, 12],
  };
}

export async function assessmentPdf(a: AssessmentView, ctx: ExportContext): Promise<Buffer> {
  const title = `Hasil Penilaian ${a.frameworkName} Tahun ${a.year}`;
  const facts: [string, string][] = [
    ['Instansi', ctx.instansi.name],
    ['Kerangka evaluasi', `${a.frameworkName} (versi ${a.frameworkVersion})`],
    ['Tahun', String(a.year)],
    ['Status', statusText(a.status)],
    ['Indeks', angka(a.indexRounded)],
    ['Predikat', predicateText(a.predicate)],
    ['Indikator dinilai', `${a.assessed} dari ${a.total}`],
    ...(a.provenance ? ([['Sumber', a.provenance]] as [string, string][]) : []),
  ];
  const groupRows: string[][] = [];
  const domainRows = new Set<number>();
  for (const d of a.domains) {
    domainRows.add(groupRows.length);
    groupRows.push([`Domain ${d.code}`, d.name, angka(d.weight), angka(d.rounded)]);
    for (const x of a.aspects.filter((x) => x.domainCode === d.code)) groupRows.push([`Aspek ${x.code}`, x.name, angka(x.weight), angka(x.rounded)]);
  }
  for (const x of a.aspects.filter((x) => !x.domainCode || !a.domains.some((d) => d.code === x.domainCode))) groupRows.push([`Aspek ${x.code}`, x.name, angka(x.weight), angka(x.rounded)]);
  const aspects = aspectName(a);
  const indicatorRows = a.indicators.map((i) => [
    String(i.no),
    i.name,
    `${i.aspectCode} ${aspects.get(i.aspectCode) ?? ''}`.trim(),
    angka(i.weight),
    level(i.selfLevel),
    level(i.verifiedLevel),
    level(i.level),
    notesOf(i),
    evidenceNames(i),
  ]);

  const doc = {
    info: { title: winAnsi(title), creator: 'Atlas SPBE', producer: 'Atlas SPBE (pdfmake)' },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [40, 40, 40, 48],
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 6] },
    },
    footer: (page: number, pages: number) => ({
      text: winAnsi(`${ctx.instansi.name} · ${a.frameworkName} ${a.year} · Dibuat ${tanggal(ctx.generatedAt.toISOString())} · Halaman ${page} dari ${pages}`),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content: [
      { text: winAnsi(title), style: 'title' },
      { text: winAnsi(ctx.instansi.name), fontSize: 11, margin: [0, 0, 0, 10] },
      {
        table: { widths: [120, '*'], body: facts.map(([k, v]) => [{ text: winAnsi(k), bold: true }, winAnsi(v)]) },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      { text: a.domains.length ? 'Nilai Domain dan Aspek' : 'Nilai Aspek', style: 'h2' },
      table(['Kode', 'Nama', 'Bobot (%)', 'Nilai'], groupRows, [70, '*', 60, 50], domainRows),
      { text: 'Nilai Indikator', style: 'h2', pageBreak: 'before' },
      table(['No', 'Indikator', 'Aspek', 'Bobot (%)', 'Mandiri', 'Verifikasi', 'Tingkat Dipakai', 'Catatan', 'Bukti Dukung'], indicatorRows, [22, '*', 100, 42, 40, 44, 44, 130, 100]),
    ],
  };
  return pdfmake().createPdf(doc).getBuffer();
}

export async function buildAssessmentExport(a: AssessmentView, ctx: ExportContext, format: AssessmentExportFormat): Promise<{ body: Buffer; filename: string }> {
  return {
    body: format === 'xlsx' ? await assessmentWorkbook(a, ctx) : await assessmentPdf(a, ctx),
    filename: assessmentFileName(a, ctx.instansi.code, format),
  };
}
