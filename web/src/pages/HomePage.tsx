import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { BankOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import { useInstansi, useKinds, useOrgUnits } from '../api/hooks';
import { DOMAIN_IDS } from '../api/types';
import { useAuth } from '../auth/auth';
import { formatNumber } from '../lib/format';
import { useLabel } from '../lib/label';
import { usePageTitle } from '../lib/usePageTitle';

const BarChart = lazy(() => import('../components/BarChart'));
const DashboardTiles = lazy(() => import('../components/analysis/DashboardTiles'));

export default function HomePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const { user } = useAuth();
  const instansi = useInstansi();
  const kinds = useKinds();
  const orgs = useOrgUnits();
  usePageTitle(t('home.title'));

  const domains = DOMAIN_IDS.map((id) => {
    const declared = kinds.data?.domains.find((d) => d.id === id);
    return { id, label: declared ? label(declared.label) : t(`domain.${id}`) };
  });
  // One GROUP BY for every tile: elements per kind, summed per domain.
  const facets = useQuery({
    // The user is part of the key: what one may read depends on who one is.
    queryKey: ['element-facets', user?.id ?? null],
    queryFn: ({ signal }) => get<{ byKind: Record<string, number> }>('/elements/facets', undefined, signal),
    staleTime: 30_000,
  });
  const perDomain = new Map<string, number>();
  for (const k of kinds.data?.items ?? []) perDomain.set(k.domain, (perDomain.get(k.domain) ?? 0) + (facets.data?.byKind[k.id] ?? 0));
  const counts = domains.map((d) => ({ isLoading: facets.isLoading || kinds.isLoading, total: perDomain.get(d.id) ?? 0 }));
  const loaded = Boolean(facets.data && kinds.data);
  const instansiName = user?.instansi?.name ?? instansi.data?.name ?? '';

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('home.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro', { instansi: instansiName })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {domains.map((d, i) => (
          <Col key={d.id} xs={24} sm={12} lg={8} xl={6}>
            <Link to={`/domain/${d.id}`} aria-label={`${d.label}: ${formatNumber(counts[i].total)} ${t('home.elements')}`}>
              <Card hoverable size="small">
                <Statistic
                  title={d.label}
                  value={counts[i].total}
                  loading={counts[i].isLoading}
                  formatter={(v) => formatNumber(Number(v))}
                  suffix={<span style={{ fontSize: 14 }}>{t('home.elements')}</span>}
                />
              </Card>
            </Link>
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8} xl={6}>
          <Link to="/org-units" aria-label={`${t('home.orgUnits')}: ${formatNumber(orgs.data?.total ?? 0)}`}>
            <Card hoverable size="small">
              <Statistic
                title={t('home.orgUnits')}
                value={orgs.data?.total ?? orgs.data?.items.length ?? 0}
                loading={orgs.isLoading}
                formatter={(v) => formatNumber(Number(v))}
                prefix={<BankOutlined />}
                suffix={<span style={{ fontSize: 14 }}>{t('home.orgUnitsHint')}</span>}
              />
            </Card>
          </Link>
        </Col>
      </Row>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.chartTitle')}</h2>} style={{ marginTop: 24 }}>
        {loaded ? (
          <Suspense fallback={<Skeleton active />}>
            <BarChart
              ariaLabel={t('home.chartLabel')}
              data={domains.map((d, i) => ({ key: d.id, label: d.label, value: counts[i].total }))}
              onSelect={(key) => navigate(`/domain/${key}`)}
            />
          </Suspense>
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Suspense fallback={null}>
        <DashboardTiles />
      </Suspense>
    </div>
  );
}
