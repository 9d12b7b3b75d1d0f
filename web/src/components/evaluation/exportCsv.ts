import type { TFunction } from 'i18next';
import { downloadText, toCsv } from '../../lib/csv';
import type { Assessment } from './api';

/**
 * One assessment as a CSV table, built in the browser (the XLSX and PDF come
 * from GET /api/v1/assessments/{id}/export): one row for the index, one per
 * domain, aspect and indicator. Values are the server's (`rounded` as shown,
 * levels as integers); text cells a spreadsheet could read as a formula are
 * neutralised by lib/csv.
 */
export function assessmentCsv(a: Assessment, t: TFunction): string {
  const header = [
    t('evaluation.csv.row'),
    t('evaluation.code'),
    t('evaluation.csv.name'),
    t('evaluation.domain'),
    t('evaluation.aspect'),
    t('evaluation.csv.weight'),
    t('evaluation.csv.value'),
    t('evaluation.csv.valueFull'),
    t('evaluation.csv.predicateOrLevel'),
    t('evaluation.indicators.self'),
    t('evaluation.indicators.verified'),
    t('evaluation.indicators.note'),
    t('evaluation.indicators.verificationNote'),
    t('evaluation.evidence.title'),
  ];
  const rows: unknown[][] = [];
  rows.push([
    t('evaluation.index'),
    '',
    `${a.frameworkName} ${a.year} (${t(`evaluation.status.${a.status}`)})`,
    '',
    '',
    100,
    a.indexRounded,
    a.index,
    a.predicate ? a.predicate.name + (a.predicate.alias ? ` (${a.predicate.alias})` : '') : '',
    '',
    '',
    '',
    '',
    '',
  ]);
  for (const d of a.domains) rows.push([t('evaluation.domain'), d.code, d.name, d.code, '', d.weight, d.rounded, d.value, '', '', '', '', '', '']);
  for (const x of a.aspects) rows.push([t('evaluation.aspect'), x.code, x.name, x.domainCode ?? '', x.code, x.weight, x.rounded, x.value, '', '', '', '', '', '']);
  for (const i of a.indicators) {
    rows.push([
      t('evaluation.indicator'),
      i.no,
      i.name,
      i.domainCode ?? '',
      i.aspectCode,
      i.weight,
      i.level,
      i.level,
      i.levelName ?? '',
      i.selfLevel,
      i.verifiedLevel,
      i.note ?? '',
      i.verificationNote ?? '',
      i.evidence.map((e) => e.name),
    ]);
  }
  return toCsv(header, rows);
}

export function downloadAssessmentCsv(a: Assessment, t: TFunction): void {
  const slug = a.framework.replace(/[^a-z0-9-]/gi, '');
  downloadText(`penilaian-${slug}-${a.year}.csv`, assessmentCsv(a, t));
}
