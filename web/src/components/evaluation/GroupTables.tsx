import { Table, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';
import type { Assessment, GroupValue } from './api';
import { formatScore } from './parts';

type Row = GroupValue & { domainCode?: string | null };

/** The domain and aspect values of an assessment, as shown (`rounded`), with the published values beside them when there are any. */
export function GroupTable({
  assessment,
  level,
  caption,
}: {
  assessment: Assessment;
  level: 'domain' | 'aspect';
  caption: string;
}) {
  const { t } = useTranslation();
  const rows: Row[] = level === 'domain' ? assessment.domains : assessment.aspects;
  const published = level === 'domain' ? assessment.published?.domains : assessment.published?.aspects;
  const domainName = new Map(assessment.domains.map((d) => [d.code, d.name]));
  if (rows.length === 0) return null;
  return (
    <Table<Row>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={rows}
      title={() => <h3 style={{ fontSize: 15, margin: 0 }}>{caption}</h3>}
      scroll={{ x: 640 }}
      columns={[
        { title: t('evaluation.code'), dataIndex: 'code', width: 70 },
        { title: level === 'domain' ? t('evaluation.domain') : t('evaluation.aspect'), dataIndex: 'name' },
        ...(level === 'aspect' && assessment.domains.length
          ? [
              {
                title: t('evaluation.domain'),
                dataIndex: 'domainCode',
                render: (c: string | null) => (c ? `${c}. ${domainName.get(c) ?? ''}` : '—'),
              },
            ]
          : []),
        { title: t('evaluation.weight'), dataIndex: 'weight', width: 90, align: 'right' as const, render: (w: number) => `${formatNumber(w)}%` },
        {
          title: t('evaluation.value'),
          dataIndex: 'rounded',
          width: 90,
          align: 'right' as const,
          render: (v: number | null) => <strong>{formatScore(v)}</strong>,
        },
        ...(published
          ? [
              {
                title: t('evaluation.published', { source: assessment.published?.source ?? '' }),
                key: 'published',
                width: 130,
                align: 'right' as const,
                render: (_: unknown, r: Row) => {
                  const p = published[r.code];
                  if (p === undefined) return '—';
                  const differs = p !== r.rounded;
                  return differs ? (
                    <Tooltip title={t('evaluation.publishedDiffers')}>
                      <span style={{ color: '#a8071a' }}>
                        <WarningOutlined aria-hidden /> {formatScore(p)}
                        <span className="sr-only"> ({t('evaluation.publishedDiffers')})</span>
                      </span>
                    </Tooltip>
                  ) : (
                    formatScore(p)
                  );
                },
              },
            ]
          : []),
        {
          title: t('evaluation.assessedCol'),
          key: 'assessed',
          width: 110,
          align: 'right' as const,
          render: (_: unknown, r: Row) => (
            <span style={r.assessed < r.total ? { color: '#874d00' } : undefined}>
              {formatNumber(r.assessed)}/{formatNumber(r.total)}
            </span>
          ),
        },
      ]}
    />
  );
}
