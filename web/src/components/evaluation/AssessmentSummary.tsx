import { lazy, Suspense } from 'react';
import { Alert, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';
import type { Assessment, FrameworkDefinition } from './api';
import { GroupTable } from './GroupTables';
import { formatScore, predicateText, StatusTag } from './parts';

const RadarChart = lazy(() => import('./RadarChart'));

/** Index, predicate, status and completeness as a definition list (the numbers a reader looks for first). */
export function AssessmentStats({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  return (
    <dl className="atlas-eval-stats" aria-label={t('evaluation.summary')}>
      <div className="atlas-eval-stat">
        <dt>{t('evaluation.index')}</dt>
        <dd data-testid="assessment-index" data-value={a.indexRounded ?? ''}>
          {formatScore(a.indexRounded)}
        </dd>
      </div>
      <div className="atlas-eval-stat">
        <dt>{t('evaluation.predicate')}</dt>
        <dd className="atlas-eval-stat-small" data-testid="assessment-predicate">
          {predicateText(a.predicate, t)}
        </dd>
      </div>
      <div className="atlas-eval-stat">
        <dt>{t('evaluation.statusLabel')}</dt>
        <dd className="atlas-eval-stat-small">
          <StatusTag status={a.status} />
        </dd>
      </div>
      <div className="atlas-eval-stat">
        <dt>{t('evaluation.assessedCol')}</dt>
        <dd className="atlas-eval-stat-small">
          {t('evaluation.assessedOf', { assessed: formatNumber(a.assessed), total: formatNumber(a.total) })}
        </dd>
      </div>
    </dl>
  );
}

/** Published values (a source document) against the computation. */
export function ConsistencyNote({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  if (!a.published || a.consistency === null) return null;
  if (a.consistency.length === 0) {
    return <Alert type="success" showIcon title={t('evaluation.consistent', { source: a.published.source })} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={t('evaluation.inconsistent', { source: a.published.source, count: a.consistency.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {a.consistency.map((m) => (
            <li key={`${m.level}-${m.code}`}>
              {t(`evaluation.${m.level}`)} {m.code ?? ''}: {t('evaluation.publishedVs', { published: formatScore(m.published), computed: formatScore(m.computed) })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The radar (Gambar 3.1) of domains and aspects against the target level, then the domain and aspect tables. */
export function AssessmentOverview({
  assessment: a,
  definition,
  chartHeight,
}: {
  assessment: Assessment;
  definition: FrameworkDefinition | undefined;
  chartHeight?: number;
}) {
  const { t } = useTranslation();
  const target = definition?.targetLevel ?? null;
  const max = definition?.levelRange.max ?? 5;
  const panels = [
    ...(a.domains.length ? [{ title: t('evaluation.radar.domains'), groups: a.domains.map((d) => ({ code: d.code, name: d.name, value: d.rounded })) }] : []),
    { title: t('evaluation.radar.aspects'), groups: a.aspects.map((x) => ({ code: x.code, name: x.name, value: x.rounded })) },
  ];
  return (
    // Plain blocks, not a flex Space: the print layout can break pages between them.
    <div className="atlas-eval-overview">
      <section aria-labelledby="eval-radar-title">
        <h2 id="eval-radar-title" style={{ fontSize: 17, marginBottom: 4 }}>
          {t('evaluation.radar.title')}
        </h2>
        <Typography.Paragraph type="secondary">
          {target !== null ? t('evaluation.radar.hintTarget', { target }) : t('evaluation.radar.hint')}
        </Typography.Paragraph>
        {definition ? (
          <Suspense fallback={<Skeleton active />}>
            <RadarChart
              panels={panels}
              target={target}
              max={max}
              height={chartHeight}
              radius={chartHeight ? '44%' : undefined}
              labels={{ actual: t('evaluation.radar.actual', { year: a.year }), target: t('evaluation.radar.target') }}
              ariaLabel={(p) =>
                t('evaluation.radar.label', {
                  title: p.title,
                  values: p.groups.map((g) => `${g.code}. ${g.name}: ${formatScore(g.value)}`).join('; '),
                })
              }
            />
          </Suspense>
        ) : (
          <Skeleton active />
        )}
      </section>
      <GroupTable assessment={a} level="domain" caption={t('evaluation.domainsTable')} />
      <GroupTable assessment={a} level="aspect" caption={t('evaluation.aspectsTable')} />
    </div>
  );
}
