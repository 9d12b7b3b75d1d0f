import { addHeaderRow, addKeyValueRows, loadExcelJS } from './common/exceljs.js';
import { yearSpan } from '../services/roadmap.service.js';
import { tanggal } from './document/model.js';
import { neutralise } from './spreadsheet/columns.js';

/**
 * The Peta Rencana SPBE as an XLSX workbook, built from the roadmap
 * service's view (GET /api/v1/roadmap) under the same filters: nothing is
 * computed here but the year bars. Sheets: the plan itself (one row per
 * initiative, a column per year shaded where the initiative runs and holding
 * that year's target), the budget per year, and a summary.
 */

export const PLAN_SHEET = 'Peta Rencana';
export const BUDGET_SHEET = 'Anggaran per Tahun';
export const SUMMARY_SHEET = 'Ringkasan';

export const PLAN_HEADERS_BEFORE_YEARS = ['No', 'Kode', 'Inisiatif', 'Domain', 'Program', 'Kegiatan', 'OPD Penanggung Jawab', 'Tahun Mulai', 'Tahun Selesai'] as const;
export const PLAN_HEADERS_AFTER_YEARS = ['Anggaran (Rp)', 'Status', 'Progres (%)', 'Kesenjangan yang Ditutup', 'Elemen yang Dihasilkan', 'Inisiatif Induk'] as const;

interface Named {
  code: string | null;
  name: string;
}

/** What the export reads of the roadmap view (RoadmapService.list). */
export interface RoadmapView {
  items: (Named & {
    id: string;
    orgUnitId: string | null;
    parentId: string | null;
    roadmapDomain: string | null;
    startYear: number | null;
    endYear: number | null;
    budget: number | null;
    status: string | null;
    effectiveProgress: number;
    program: string | null;
    activity: string | null;
    targets: Record<string, string>;
    gaps: (Named & { closed: boolean })[];
    elements: (Named & { lifecycle: string })[];
  })[];
  years: number[];
  domains: { id: string; label: { id: string } }[];
  summary: { initiatives: number; byStatus: Record<string, number>; averageProgress: number | null; budgetTotal: number; budgetCompleted: number; budgetByYear: { year: number; budget: number }[] };
}

export interface RoadmapExportContext {
  instansi: { code: string; name: string };
  generatedAt: Date;
  /** OPD names by id. */
  orgUnits: Map<string, string>;
  /** Indonesian status labels by value. */
  statuses: Map<string, string>;
  filter: { org: string | null; domain: string | null };
}

/** Year bars take the colour of the initiative's status. */
const STATUS_FILL: Record<string, string> = { direncanakan: 'FFBDD7EE', berjalan: 'FF9BC2E6', selesai: 'FFA9D08E', dibatalkan: 'FFD9D9D9' };

const text = (s: string | null | undefined) => (s ? neutralise(s) : null);
const named = (n: Named) => (n.code ? `${n.code} ${n.name}` : n.name);

export async function roadmapWorkbook(view: RoadmapView, ctx: RoadmapExportContext): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Atlas SPBE';
  wb.created = ctx.generatedAt;
  wb.title = `Peta Rencana SPBE — ${ctx.instansi.name}`;
  const domainName = new Map(view.domains.map((d) => [d.id, d.label.id]));
  const codeOf = new Map(view.items.map((i) => [i.id, i.code ?? i.name]));

  const plan = wb.addWorksheet(PLAN_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  plan.columns = [6, 10, 48, 22, 30, 30, 36, 8, 8, ...view.years.map(() => 18), 18, 14, 10, 40, 40, 12].map((width) => ({ width }));
  addHeaderRow(plan, [...PLAN_HEADERS_BEFORE_YEARS, ...view.years, ...PLAN_HEADERS_AFTER_YEARS]);
  const firstYearColumn = PLAN_HEADERS_BEFORE_YEARS.length + 1;
  view.items.forEach((i, n) => {
    const row = plan.addRow([
      n + 1,
      text(i.code),
      text(i.name),
      i.roadmapDomain ? (domainName.get(i.roadmapDomain) ?? i.roadmapDomain) : null,
      text(i.program),
      text(i.activity),
      i.orgUnitId ? text(ctx.orgUnits.get(i.orgUnitId) ?? i.orgUnitId) : null,
      i.startYear,
      i.endYear,
      ...view.years.map((y) => text(i.targets[String(y)])),
      i.budget,
      i.status ? (ctx.statuses.get(i.status) ?? i.status) : null,
      i.effectiveProgress,
      text(i.gaps.map((g) => `${named(g)}${g.closed ? ' (tertutup)' : ''}`).join('\n')),
      text(i.elements.map((e) => `${named(e)} (${e.lifecycle})`).join('\n')),
      i.parentId ? text(codeOf.get(i.parentId) ?? null) : null,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    const span = yearSpan(i);
    view.years.forEach((y, k) => {
      if (!span || y < span.start || y > span.end) return;
      row.getCell(firstYearColumn + k).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[i.status ?? ''] ?? 'FFBDD7EE' } };
    });
  });
  const budgetColumn = firstYearColumn + view.years.length;
  plan.getColumn(budgetColumn).numFmt = '#,##0';

  const budget = wb.addWorksheet(BUDGET_SHEET);
  budget.columns = [{ width: 10 }, { width: 22 }];
  addHeaderRow(budget, ['Tahun', 'Anggaran (Rp)']);
  for (const b of view.summary.budgetByYear) budget.addRow([b.year, b.budget]);
  budget.addRow(['Jumlah', view.summary.budgetByYear.reduce((sum, b) => sum + b.budget, 0)]).font = { bold: true };
  budget.getColumn(2).numFmt = '#,##0';

  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.columns = [{ width: 36 }, { width: 60 }];
  addHeaderRow(summary, ['Uraian', 'Nilai']);
  const s = view.summary;
  addKeyValueRows(summary, [
    ['Instansi', `${ctx.instansi.name} (${ctx.instansi.code})`],
    ['OPD Penanggung Jawab', ctx.filter.org ? text(ctx.filter.org) : 'Semua OPD'],
    ['Domain', ctx.filter.domain ? (domainName.get(ctx.filter.domain) ?? ctx.filter.domain) : 'Semua domain'],
    ['Periode', view.years.length ? `${view.years[0]}–${view.years[view.years.length - 1]}` : null],
    ['Jumlah Inisiatif', s.initiatives, '0'],
    ...[...ctx.statuses].map(([value, label]): [string, number, string] => [`Inisiatif ${label}`, s.byStatus[value] ?? 0, '0']),
    ['Rata-rata Progres (%)', s.averageProgress, '0.0'],
    ['Anggaran (Rp, tanpa yang dibatalkan)', s.budgetTotal, '#,##0'],
    ['Anggaran Inisiatif Selesai (Rp)', s.budgetCompleted, '#,##0'],
    ['Diekspor', tanggal(ctx.generatedAt.toISOString())],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
