import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, Predicate } from './api';

export { formatBytes, formatPrecise, formatScore } from './format';

/** Colours with at least 4.5:1 text contrast. */
const STATUS_STYLE: Record<AssessmentStatus, React.CSSProperties> = {
  draft: { color: '#434343', background: '#f5f5f5', borderColor: '#bfbfbf' },
  submitted: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  verified: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  final: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
};

export function StatusTag({ status }: { status: AssessmentStatus | string }) {
  const { t } = useTranslation();
  return (
    <Tag style={STATUS_STYLE[status as AssessmentStatus]} data-status={status}>
      {t(`evaluation.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function predicateText(p: Predicate | null | undefined, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!p) return '—';
  return p.alias ? t('evaluation.predicateAlias', { name: p.name, alias: p.alias }) : p.name;
}

export function PredicateText({ predicate }: { predicate: Predicate | null | undefined }) {
  const { t } = useTranslation();
  if (!predicate) return <Typography.Text type="secondary">—</Typography.Text>;
  return <strong>{predicateText(predicate, t)}</strong>;
}

/** "Tingkat 3 — Terdefinisi" or "Belum dinilai". */
export function LevelText({ level, name }: { level: number | null; name?: string | null }) {
  const { t } = useTranslation();
  if (level === null) return <Typography.Text type="secondary">{t('evaluation.level.none')}</Typography.Text>;
  return (
    <span>
      <strong>{level}</strong>
      {name && name !== String(level) ? <span> — {name}</span> : null}
    </span>
  );
}
