import { Alert, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../ErrorResult';
import { formatNumber } from '../../lib/format';
import { useCrosswalk, type Assessment, type CrosswalkEstimate } from './api';
import { formatPrecise, formatScore, predicateText } from './parts';

type Row = CrosswalkEstimate['indicators'][number];

const STRENGTH_STYLE: Record<string, React.CSSProperties> = {
  strong: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  partial: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  weak: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  none: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
};

/**
 * The assessment read through a crosswalk into a newer framework. This is an
 * ESTIMATE, never an evaluation under that framework: the notice from the
 * server is shown first, and every heading says "Perkiraan".
 */
export function CrosswalkPanel({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const cw = useCrosswalk(assessment.id);
  if (cw.error) return <ErrorResult error={cw.error} onRetry={() => void cw.refetch()} />;
  if (!cw.data) return <Skeleton active />;
  const c = cw.data;
  const aspectName = new Map(c.aspects.map((a) => [a.code, a.name]));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={<strong>{t('evaluation.crosswalk.banner', { to: c.to.name })}</strong>} description={c.notice} />
      <dl className="atlas-eval-stats" aria-label={t('evaluation.crosswalk.summary')}>
        <div className="atlas-eval-stat">
          <dt>{t('evaluation.crosswalk.index')}</dt>
          <dd data-testid="crosswalk-index">{formatScore(c.indexRounded)}</dd>
        </div>
        <div className="atlas-eval-stat">
          <dt>{t('evaluation.crosswalk.predicate')}</dt>
          <dd className="atlas-eval-stat-small">{predicateText(c.predicate, t)}</dd>
        </div>
        <div className="atlas-eval-stat">
          <dt>{t('evaluation.crosswalk.coverage')}</dt>
          <dd className="atlas-eval-stat-small">{formatNumber(Math.round(c.coverage * 1000) / 10)}%</dd>
        </div>
        <div className="atlas-eval-stat">
          <dt>{t('evaluation.crosswalk.method')}</dt>
          <dd className="atlas-eval-stat-small">
            {c.crosswalk.method === 'mean' ? t('evaluation.crosswalk.methodMean') : c.crosswalk.method} · v{c.crosswalk.version}
          </dd>
        </div>
      </dl>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={c.aspects}
        title={() => <h3 style={{ fontSize: 15, margin: 0 }}>{t('evaluation.crosswalk.aspects')}</h3>}
        columns={[
          { title: t('evaluation.code'), dataIndex: 'code', width: 70 },
          { title: t('evaluation.aspect'), dataIndex: 'name' },
          { title: t('evaluation.weight'), dataIndex: 'weight', width: 90, align: 'right', render: (w: number) => `${formatNumber(w)}%` },
          {
            title: t('evaluation.crosswalk.estimated'),
            dataIndex: 'rounded',
            width: 120,
            align: 'right',
            render: (v: number | null) => <strong>{formatScore(v)}</strong>,
          },
        ]}
      />
      <Table<Row>
        size="small"
        rowKey="no"
        pagination={false}
        dataSource={c.indicators}
        scroll={{ x: 900 }}
        title={() => <h3 style={{ fontSize: 15, margin: 0 }}>{t('evaluation.crosswalk.indicators')}</h3>}
        columns={[
          { title: t('evaluation.no'), dataIndex: 'no', width: 56, align: 'right' },
          {
            title: t('evaluation.indicator'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <div>
                <div>{name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('evaluation.aspect')} {r.aspectCode}. {aspectName.get(r.aspectCode)}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('evaluation.weight'), dataIndex: 'weight', width: 80, align: 'right', render: (w: number) => `${formatNumber(w)}%` },
          {
            title: t('evaluation.crosswalk.estimated'),
            dataIndex: 'rounded',
            width: 110,
            align: 'right',
            render: (v: number | null, r) =>
              v === null ? (
                <Typography.Text type="secondary">{t('evaluation.crosswalk.noEstimate')}</Typography.Text>
              ) : (
                <span title={formatPrecise(r.level)}>{formatScore(v)}</span>
              ),
          },
          {
            title: t('evaluation.crosswalk.strength'),
            dataIndex: 'strength',
            width: 110,
            render: (s: string) => <Tag style={STRENGTH_STYLE[s]}>{t(`evaluation.crosswalk.strengths.${s}`, { defaultValue: s })}</Tag>,
          },
          {
            title: t('evaluation.crosswalk.sources', { from: c.from.framework }),
            key: 'sources',
            render: (_, r) =>
              r.sources.length ? (
                <div>
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {r.sources.map((s) => (
                      <li key={s.no}>
                        {s.no}. {s.name}: <strong>{s.level ?? '—'}</strong>
                      </li>
                    ))}
                  </ul>
                  {r.note ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.note}
                    </Typography.Text>
                  ) : null}
                </div>
              ) : (
                <Typography.Text type="secondary">{r.note ?? t('common.none')}</Typography.Text>
              ),
          },
        ]}
      />
    </Space>
  );
}
