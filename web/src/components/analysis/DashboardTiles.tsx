import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { Card, Col, Progress, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { Label } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { useAssessments } from '../evaluation/api';
import { formatNumber } from '../../lib/format';
import { useLabel } from '../../lib/label';

const BarChart = lazy(() => import('../BarChart'));

interface Dashboard {
  domains: { domain: string; label: Label; total: number; asIs: number; toBe: number; retired: number }[];
  coverage: { key: string; label: Label; total: number; count: number; percent: number | null }[];
  gaps: { total: number; closed: number; open: number; percentClosed: number | null };
  roadmap: { initiatives: number; byStatus: Record<string, number>; averageProgress: number | null; budgetTotal: number; budgetCompleted: number };
  applicationsPerOrg: { orgUnit: { id: string; code: string; name: string } | null; count: number }[];
}

const h2 = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/** Beranda's executive tiles (GET /dashboard; the index trend from /assessments), each linking to the data behind it. */
export default function DashboardTiles() {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const { user } = useAuth();
  const q = useQuery({ queryKey: ['dashboard', user?.id ?? null], queryFn: ({ signal }) => get<Dashboard>('/dashboard', undefined, signal), staleTime: 30_000 });
  // Evaluasi is for signed-in users of the instansi only.
  const assessments = useAssessments(!!user);
  if (q.isError) return null;
  if (!q.data) return <Skeleton active style={{ marginTop: 24 }} />;
  const d = q.data;
  const trend = [...new Map(
    (assessments.data?.items ?? [])
      .filter((a) => a.indexRounded !== null && a.framework === 'spbe-59-2020')
      .sort((a, b) => a.year - b.year)
      .map((a) => [a.year, a] as const),
  ).values()];
  const topApps = d.applicationsPerOrg.filter((a) => a.count > 0).slice(0, 10);
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 24 }} data-testid="dashboard-tiles">
      {user && (
        <Col xs={24} lg={12}>
          <Card size="small" title={h2(t('dashboard.indexTrend'))} extra={<Link to="/evaluation">{t('dashboard.open')}</Link>}>
            {trend.length === 0 ? (
              <Typography.Text type="secondary">{t('dashboard.noIndex')}</Typography.Text>
            ) : (
              <Space size="large" wrap>
                {trend.map((a) => (
                  <Link key={a.id} to={`/evaluation/${a.id}`}>
                    <Statistic title={String(a.year)} value={a.indexRounded ?? 0} precision={2} />
                  </Link>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      )}
      <Col xs={24} lg={12}>
        <Card size="small" title={h2(t('dashboard.roadmap'))} extra={<Link to="/roadmap">{t('dashboard.open')}</Link>}>
          <Space size="large" wrap align="center">
            <Statistic title={t('dashboard.initiatives')} value={d.roadmap.initiatives} />
            <Statistic title={t('dashboard.done')} value={d.roadmap.byStatus.selesai ?? 0} />
            <div>
              <Typography.Text type="secondary">{t('dashboard.averageProgress')}</Typography.Text>
              <Progress percent={Math.round(d.roadmap.averageProgress ?? 0)} style={{ width: 160 }} />
            </div>
            <Link to="/roadmap">
              <Statistic
                title={t('dashboard.gapsClosed')}
                value={`${formatNumber(d.gaps.closed)} / ${formatNumber(d.gaps.total)}`}
              />
            </Link>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={h2(t('dashboard.coverage'))} extra={<Link to="/analysis?tab=coverage">{t('dashboard.open')}</Link>}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('dashboard.coverageHint')}
          </Typography.Paragraph>
          {d.coverage.map((c) => (
            <div key={c.key}>
              <Link to="/analysis?tab=coverage">{label(c.label)}</Link>
              <Progress percent={c.percent === null ? 0 : Math.round(c.percent)} size="small" format={(p) => (c.percent === null ? '—' : `${p}%`)} />
            </div>
          ))}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={h2(t('dashboard.applicationsPerOrg'))} extra={<Link to="/analysis?tab=portfolio">{t('dashboard.open')}</Link>}>
          <Suspense fallback={<Skeleton active />}>
            <BarChart
              ariaLabel={t('dashboard.applicationsPerOrg')}
              data={topApps.map((a) => ({ key: a.orgUnit?.id ?? '', label: a.orgUnit?.name ?? t('analysis.noOrg'), value: a.count }))}
              onSelect={(key) => navigate(key ? `/org-units/${key}` : '/analysis?tab=portfolio')}
            />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}
