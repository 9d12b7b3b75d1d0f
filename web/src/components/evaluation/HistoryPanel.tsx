import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../api/types';
import { ErrorResult } from '../ErrorResult';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAssessmentHistory, type Assessment } from './api';
import { formatBytes } from './parts';

type Snap = Record<string, unknown> | null;

const lv = (v: unknown, t: TFunction) => (v === null || v === undefined ? t('evaluation.level.none') : String(v));

/** One line per change in an audit event of an assessment, in words. */
export function describeEvent(e: AuditEvent, t: TFunction): string[] {
  const before = e.before as Snap;
  const after = e.after as Snap;
  switch (e.action) {
    case 'create':
      return [
        t('evaluation.history.created', {
          framework: String(after?.framework ?? ''),
          year: String(after?.year ?? ''),
          status: t(`evaluation.status.${String(after?.status ?? 'draft')}`),
        }),
      ];
    case 'transition': {
      const lines = [
        t('evaluation.history.transition', {
          from: t(`evaluation.status.${String(before?.status)}`, { defaultValue: String(before?.status) }),
          to: t(`evaluation.status.${String(after?.status)}`, { defaultValue: String(after?.status) }),
        }),
      ];
      const n = Number(after?.indicatorsChanged ?? 0);
      if (n) lines.push(t('evaluation.history.indicatorsChanged', { count: n, n: formatNumber(n) }));
      return lines;
    }
    case 'indicator.update': {
      const no = after?.indicator ?? before?.indicator;
      const lines: string[] = [];
      if (before?.selfLevel !== after?.selfLevel)
        lines.push(t('evaluation.history.self', { no, from: lv(before?.selfLevel, t), to: lv(after?.selfLevel, t) }));
      if (before?.verifiedLevel !== after?.verifiedLevel)
        lines.push(t('evaluation.history.verified', { no, from: lv(before?.verifiedLevel, t), to: lv(after?.verifiedLevel, t) }));
      if ((before?.note ?? null) !== (after?.note ?? null)) lines.push(t('evaluation.history.note', { no }));
      if ((before?.verificationNote ?? null) !== (after?.verificationNote ?? null)) lines.push(t('evaluation.history.verificationNote', { no }));
      return lines.length ? lines : [t('evaluation.history.saved', { no })];
    }
    case 'evidence.link':
      return [
        t('evaluation.history.evidenceLink', {
          no: after?.indicator,
          name: String(after?.name ?? ''),
          size: typeof after?.size === 'number' ? formatBytes(after.size) : '',
        }),
      ];
    case 'evidence.unlink':
      return [t('evaluation.history.evidenceUnlink', { no: before?.indicator })];
    default:
      return [e.action];
  }
}

/** The assessment's audit trail, newest first. */
export function HistoryPanel({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const history = useAssessmentHistory(assessment.id);
  if (history.error) return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="small"
      loading={history.isLoading}
      dataSource={history.data?.items ?? []}
      pagination={{ pageSize: 25, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 760 }}
      locale={{ emptyText: t('element.noHistory') }}
      columns={[
        { title: t('audit.at'), dataIndex: 'at', width: 210, render: (v: string) => formatDateTime(v, i18n.language) },
        { title: t('audit.user'), dataIndex: 'username', width: 150, render: (v: string | null) => v ?? t('common.none') },
        {
          title: t('audit.action'),
          dataIndex: 'action',
          width: 170,
          render: (v: string) => <Tag>{t(`evaluation.history.actions.${v.replace('.', '_')}`, { defaultValue: v })}</Tag>,
        },
        {
          title: t('evaluation.history.details'),
          key: 'details',
          render: (_, e) => (
            <div>
              {describeEvent(e, t).map((line, i) => (
                <Typography.Paragraph key={i} style={{ marginBottom: 0 }}>
                  {line}
                </Typography.Paragraph>
              ))}
            </div>
          ),
        },
      ]}
    />
  );
}
