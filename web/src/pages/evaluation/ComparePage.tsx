import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Select, Skeleton, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { evaluationKeys, fetchAssessment, useAssessments, type Assessment } from '../../components/evaluation/api';
import { changed, compareRows, type CompareRow } from '../../components/evaluation/compare';
import { formatScore, StatusTag } from '../../components/evaluation/parts';
import { formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { LoginNeeded } from './LoginNeeded';
import '../../components/evaluation/evaluation.css';

function Cell({ value, prev, prevYear, integer }: { value: number | null; prev: number | null | undefined; prevYear?: number; integer: boolean }) {
  const { t } = useTranslation();
  const text = value === null ? '—' : integer ? formatNumber(value) : formatScore(value);
  if (value === null || prev === null || prev === undefined || value === prev) return <span className="atlas-eval-cell">{text}</span>;
  const up = value > prev;
  const prevText = integer ? formatNumber(prev) : formatScore(prev);
  return (
    <span className={`atlas-eval-cell ${up ? 'atlas-eval-up' : 'atlas-eval-down'}`} data-change={up ? 'up' : 'down'}>
      <span aria-hidden>{up ? '▲' : '▼'} </span>
      {text}
      <span className="sr-only">
        {' '}
        ({up ? t('evaluation.compare.upFrom', { value: prevText, year: prevYear }) : t('evaluation.compare.downFrom', { value: prevText, year: prevYear })})
      </span>
    </span>
  );
}

export default function ComparePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { user, loading } = useAuth();
  const list = useAssessments(!!user);
  usePageTitle(t('evaluation.compare.title'));
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const framework = params.get('framework') || items[0]?.framework || '';
  const available = items.filter((a) => a.framework === framework).sort((a, b) => a.year - b.year);
  const requestedYears = (params.get('years') ?? '')
    .split(',')
    .map((y) => Number(y.trim()))
    .filter((y) => Number.isInteger(y) && y > 0);
  const years = (requestedYears.length ? requestedYears : available.slice(-2).map((a) => a.year))
    .filter((y, i, all) => all.indexOf(y) === i && available.some((a) => a.year === y))
    .sort((a, b) => a - b);
  const chosen = years.map((y) => available.find((a) => a.year === y)!);
  const onlyChanged = params.get('changed') === '1';

  const queries = useQueries({
    queries: chosen.map((s) => ({
      queryKey: evaluationKeys.one(s.id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchAssessment(s.id, signal),
    })),
  });
  const loaded = queries.map((q) => q.data).filter((x): x is Assessment => !!x);
  const ready = loaded.length === chosen.length && chosen.length > 0;
  const dataKey = loaded.map((a) => `${a.id}@${a.updatedAt}`).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rows = useMemo(() => (ready ? compareRows(loaded) : { groups: [], indicators: [] }), [ready, dataKey]);

  if (loading) return <Skeleton active />;
  if (!user) return <LoginNeeded />;
  if (list.error) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const failed = queries.find((q) => q.error);

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };

  const frameworks = [...new Map(items.map((a) => [a.framework, a.frameworkName]))].map(([value, label]) => ({ value, label }));

  const yearColumns = (integer: boolean): TableColumnsType<CompareRow> =>
    chosen.map((s, i) => ({
      title: (
        <span>
          <Link to={`/evaluation/${s.id}`}>{s.year}</Link> <StatusTag status={s.status} />
        </span>
      ),
      key: `y${s.year}`,
      width: 150,
      align: 'right' as const,
      render: (_: unknown, r: CompareRow) => (
        <Cell value={r.values[i]} prev={i > 0 ? r.values[i - 1] : undefined} prevYear={chosen[i - 1]?.year} integer={integer && r.kind === 'indicator'} />
      ),
    }));

  const delta = (r: CompareRow) => {
    const first = r.values[0];
    const last = r.values[r.values.length - 1];
    if (first === null || last === null || r.values.length < 2) return '—';
    const d = last - first;
    // Differences of values as shown (two decimals) or of whole levels.
    const text = r.kind === 'indicator' ? formatNumber(Math.abs(d)) : formatScore(Math.abs(Math.round(d * 100) / 100));
    return d > 0 ? `+${text}` : d < 0 ? `−${text}` : '0';
  };

  const groupLabel = (r: CompareRow) =>
    r.kind === 'index' ? <strong>{t('evaluation.index')}</strong> : `${t(`evaluation.${r.kind}`)} ${r.code}. ${r.name}`;

  const groupRows = onlyChanged ? rows.groups.filter(changed) : rows.groups;
  const indicatorRows = onlyChanged ? rows.indicators.filter(changed) : rows.indicators;
  const pairs = chosen.slice(1).map((s, k) => {
    const i = k + 1;
    let up = 0;
    let down = 0;
    for (const r of rows.indicators) {
      const a = r.values[i - 1];
      const b = r.values[i];
      if (a !== null && b !== null && b > a) up++;
      if (a !== null && b !== null && b < a) down++;
    }
    return { from: chosen[i - 1].year, to: s.year, up, down };
  });

  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/evaluation">{t('evaluation.title')}</Link> }, { title: t('evaluation.compare.title') }]} />
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('evaluation.compare.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('evaluation.compare.intro')}</Typography.Paragraph>
      <div className="atlas-toolbar">
        <Select
          aria-label={t('evaluation.framework')}
          value={framework || undefined}
          onChange={(v: string) => {
            const p = new URLSearchParams(params);
            p.set('framework', v);
            p.delete('years');
            setParams(p, { replace: true });
          }}
          options={frameworks}
          style={{ minWidth: 300 }}
          loading={list.isLoading}
        />
        <Select
          mode="multiple"
          aria-label={t('evaluation.compare.years')}
          placeholder={t('evaluation.compare.years')}
          value={years}
          onChange={(v: number[]) => set('years', [...v].sort((a, b) => a - b).join(',') || undefined)}
          options={available.map((a) => ({ value: a.year, label: String(a.year) }))}
          style={{ minWidth: 260 }}
        />
        <Space>
          <Switch id="compare-changed" checked={onlyChanged} onChange={(c) => set('changed', c ? '1' : undefined)} />
          <label htmlFor="compare-changed">{t('evaluation.compare.onlyChanged')}</label>
        </Space>
      </div>
      {failed?.error ? <ErrorResult error={failed.error} /> : null}
      {chosen.length < 2 ? (
        <Alert type="info" showIcon title={t('evaluation.compare.needTwo')} />
      ) : !ready ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <ul aria-label={t('evaluation.compare.summary')} style={{ margin: 0, paddingLeft: 18 }}>
            {pairs.map((p) => (
              <li key={p.to}>
                {t('evaluation.compare.pair', { from: p.from, to: p.to, up: formatNumber(p.up), down: formatNumber(p.down) })}
              </li>
            ))}
          </ul>
          <Table<CompareRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={groupRows}
            scroll={{ x: 700 }}
            title={() => <h2 style={{ fontSize: 16, margin: 0 }}>{t('evaluation.compare.groups')}</h2>}
            columns={[
              { title: t('evaluation.csv.name'), key: 'name', render: (_, r) => groupLabel(r) },
              ...yearColumns(false),
              { title: t('evaluation.compare.delta', { from: years[0], to: years[years.length - 1] }), key: 'delta', width: 130, align: 'right', render: (_, r) => delta(r) },
            ]}
          />
          <Table<CompareRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={indicatorRows}
            scroll={{ x: 800 }}
            sticky={{ offsetHeader: 64 }}
            title={() => <h2 style={{ fontSize: 16, margin: 0 }}>{t('evaluation.compare.indicators')}</h2>}
            locale={{ emptyText: t('evaluation.compare.noChanges') }}
            columns={[
              { title: t('evaluation.no'), dataIndex: 'code', width: 56, align: 'right' },
              { title: t('evaluation.indicator'), dataIndex: 'name' },
              ...yearColumns(true),
              { title: t('evaluation.compare.delta', { from: years[0], to: years[years.length - 1] }), key: 'delta', width: 130, align: 'right', render: (_, r) => delta(r) },
            ]}
          />
        </Space>
      )}
    </div>
  );
}
