import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Card, Collapse, Empty, Progress, Select, Skeleton, Space, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import type { Label } from '../../api/types';
import { useOrgUnitIndex } from '../../api/hooks';
import { ErrorResult } from '../../components/ErrorResult';
import { problemText } from '../../components/review/problems';
import { useAuth } from '../../auth/auth';
import { useLabel } from '../../lib/label';
import { usePageTitle } from '../../lib/usePageTitle';

const BarChart = lazy(() => import('../../components/BarChart'));

/** Response shapes of src/server/routes/analysis.ts. */
interface Summary { id: string; kind: string; code: string | null; name: string; orgUnitId: string | null }
type Severity = 'error' | 'warning' | 'info';
interface Finding { rule: string; severity: Severity; message: string; messageEn: string; elements: Summary[] }
interface LintReport { findings: Finding[]; summary: Record<Severity, number>; disabledRules: string[]; checkedAt: string }
interface LintRule { id: string; severity: Severity; title: Label; explain: Label; enabled: boolean }
interface CoverageList { key: string; label: Label; total: number; count: number; percent: number | null; items: Summary[] }
interface OrgRef { id: string; code: string; name: string }
interface PortfolioFigures {
  total: number;
  cells: number[];
  category: Record<'umum' | 'khusus' | 'unknown', number>;
  scope: Record<'nasional' | 'lokal' | 'unknown', number>;
  disposition: Record<'tolerate' | 'invest' | 'migrate' | 'eliminate' | 'unassessed', number>;
}
interface Portfolio {
  areas: { code: string | null; name: string }[];
  rows: (PortfolioFigures & { orgUnit: OrgRef | null })[];
  totals: PortfolioFigures;
  candidates: { element: Summary; reasons: { code: string; message: string; messageEn: string; related: Summary[] }[] }[];
}

const SEVERITY_COLOR: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'blue' };

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOR[severity]}>{t(`analysis.severity.${severity}`)}</Tag>;
}

function ElementLink({ e }: { e: Summary }) {
  return (
    <Link to={`/elements/${e.id}`}>
      {e.code ? `${e.code} · ` : ''}
      {e.name}
    </Link>
  );
}

function ElementLinks({ items }: { items: Summary[] }) {
  return (
    <Space size={[8, 4]} wrap>
      {items.map((e) => (
        <ElementLink key={e.id} e={e} />
      ))}
    </Space>
  );
}

function useEn() {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? i18n.language ?? 'id').startsWith('en');
}

/** The rule switches (PUT /lint/rules replaces the set of disabled rules); administrators toggle, others read. */
function LintRulesPanel({ rules }: { rules: UseQueryResult<{ items: LintRule[] }> }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { user } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isAdmin = user?.role === 'admin';
  const items = rules.data?.items ?? [];

  const toggle = async (rule: LintRule, enabled: boolean) => {
    setSaving(rule.id);
    setError(null);
    try {
      const disabled = items.filter((r) => (r.id === rule.id ? !enabled : !r.enabled)).map((r) => r.id);
      const next = await api<{ items: LintRule[] }>('/lint/rules', { method: 'PUT', body: { disabled } });
      qc.setQueryData(['lint-rules'], next);
      await qc.invalidateQueries({ queryKey: ['lint'] });
      message.success(t(enabled ? 'analysis.rules.switchedOn' : 'analysis.rules.switchedOff', { rule: label(rule.title) }));
    } catch (err) {
      setError(problemText(err, t));
      void rules.refetch();
    } finally {
      setSaving(null);
    }
  };

  const columns: TableColumnsType<LintRule> = [
    { title: t('analysis.rules.id'), dataIndex: 'id', width: 210, render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
    {
      title: t('analysis.rules.explanation'),
      render: (_, r) => (
        <>
          <Typography.Text strong>{label(r.title)}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {label(r.explain)}
          </Typography.Paragraph>
        </>
      ),
    },
    { title: t('analysis.lint.severity'), dataIndex: 'severity', width: 110, render: (s: Severity) => <SeverityTag severity={s} /> },
    {
      title: t('analysis.rules.enabled'),
      width: 90,
      render: (_, r) => (
        <Switch
          checked={r.enabled}
          loading={saving === r.id}
          disabled={!isAdmin || !!saving}
          aria-label={t('analysis.rules.toggle', { rule: label(r.title) })}
          onChange={(v) => void toggle(r, v)}
        />
      ),
    },
  ];
  const on = items.filter((r) => r.enabled).length;
  return (
    <Collapse
      items={[
        {
          key: 'rules',
          label: t('analysis.rules.title', { on, total: items.length }),
          children: (
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t(isAdmin ? 'analysis.rules.intro' : 'analysis.rules.readOnly')}</Typography.Text>
              {error && <Alert type="error" showIcon role="alert" title={error} />}
              {rules.isError ? (
                <ErrorResult error={rules.error} onRetry={() => void rules.refetch()} />
              ) : (
                <Table<LintRule> size="small" rowKey="id" loading={rules.isLoading} columns={columns} dataSource={items} pagination={false} />
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function LintTab() {
  const { t } = useTranslation();
  const label = useLabel();
  const en = useEn();
  const [params, setParams] = useSearchParams();
  const severity = params.get('severity') ?? undefined;
  const org = params.get('org') ?? undefined;
  const group = params.get('group') === 'org' ? 'org' : 'rule';
  const orgs = useOrgUnitIndex();
  const rules = useQuery({ queryKey: ['lint-rules'], queryFn: ({ signal }) => get<{ items: LintRule[] }>('/lint/rules', undefined, signal) });
  const report = useQuery({
    queryKey: ['lint', severity, org],
    queryFn: ({ signal }) => get<LintReport>('/lint', { severity, org }, signal),
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const ruleById = new Map((rules.data?.items ?? []).map((r) => [r.id, r]));

  const groups = useMemo(() => {
    const findings = report.data?.findings ?? [];
    const m = new Map<string, { key: string; title: string; findings: Finding[] }>();
    for (const f of findings) {
      const keys =
        group === 'rule'
          ? [f.rule]
          : [...new Set(f.elements.map((e) => e.orgUnitId ?? ''))];
      for (const k of keys.length ? keys : ['']) {
        if (!m.has(k)) {
          const title =
            group === 'rule'
              ? label(ruleById.get(k)?.title) || k
              : k
                ? (orgs.byId.get(k)?.name ?? k)
                : t('analysis.noOrg');
          m.set(k, { key: k, title, findings: [] });
        }
        m.get(k)!.findings.push(f);
      }
    }
    return [...m.values()].sort((a, b) => b.findings.length - a.findings.length);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report.data, group, rules.data, orgs.items, en]);

  if (report.isError) return <ErrorResult error={report.error} onRetry={() => report.refetch()} />;
  const columns: TableColumnsType<Finding> = [
    { title: t('analysis.lint.severity'), dataIndex: 'severity', width: 110, render: (s: Severity) => <SeverityTag severity={s} /> },
    ...(group === 'org'
      ? [{ title: t('analysis.lint.rule'), dataIndex: 'rule', width: 200, render: (r: string) => label(ruleById.get(r)?.title) || r }]
      : []),
    { title: t('analysis.lint.message'), render: (_: unknown, f: Finding) => (en ? f.messageEn : f.message) },
    { title: t('analysis.lint.elements'), render: (_: unknown, f: Finding) => <ElementLinks items={f.elements} /> },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('analysis.lint.groupBy')}
          value={group}
          style={{ width: 200 }}
          onChange={(v) => set('group', v === 'rule' ? undefined : v)}
          options={[
            { value: 'rule', label: t('analysis.lint.byRule') },
            { value: 'org', label: t('analysis.lint.byOrg') },
          ]}
        />
        <Select
          aria-label={t('analysis.lint.severity')}
          allowClear
          placeholder={t('analysis.lint.allSeverities')}
          value={severity}
          style={{ width: 180 }}
          onChange={(v) => set('severity', v)}
          options={(['error', 'warning', 'info'] as const).map((s) => ({ value: s, label: t(`analysis.severity.${s}`) }))}
        />
        <Select
          aria-label={t('analysis.org')}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('analysis.allOrgs')}
          value={org}
          style={{ width: 320 }}
          onChange={(v) => set('org', v)}
          options={orgs.items.map((o) => ({ value: o.id, label: o.name }))}
        />
      </Space>
      <LintRulesPanel rules={rules} />
      {report.isLoading ? (
        <Skeleton active />
      ) : (
        <section aria-label={t('analysis.lint.findings')} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <Space size="large" wrap>
            {(['error', 'warning', 'info'] as const).map((s) => (
              <Statistic key={s} title={t(`analysis.severity.${s}`)} value={report.data?.summary[s] ?? 0} />
            ))}
          </Space>
          {groups.length === 0 && <Empty description={t('analysis.lint.none')} />}
          {groups.map((g) => (
            <Card
              key={g.key}
              size="small"
              title={
                <Space>
                  {g.title}
                  <Tag>{g.findings.length}</Tag>
                </Space>
              }
            >
              {group === 'rule' && ruleById.get(g.key) && (
                <Typography.Paragraph type="secondary">{label(ruleById.get(g.key)!.explain)}</Typography.Paragraph>
              )}
              <Table<Finding>
                size="small"
                rowKey={(f) => `${f.rule}:${f.elements.map((e) => e.id).join(',')}:${f.message}`}
                columns={columns}
                dataSource={g.findings}
                pagination={g.findings.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              />
            </Card>
          ))}
        </section>
      )}
    </Space>
  );
}

function CoverageTab() {
  const { t } = useTranslation();
  const label = useLabel();
  const orgs = useOrgUnitIndex();
  const q = useQuery({ queryKey: ['coverage'], queryFn: ({ signal }) => get<{ lists: CoverageList[] }>('/coverage', undefined, signal) });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => q.refetch()} />;
  if (q.isLoading) return <Skeleton active />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {(q.data?.lists ?? []).map((l) => (
        <Card
          key={l.key}
          size="small"
          title={
            <Space wrap>
              {label(l.label)}
              <Tag color={l.count ? 'orange' : 'green'}>{t('analysis.coverage.lacking', { count: l.count, total: l.total })}</Tag>
            </Space>
          }
          extra={l.percent === null ? '—' : <Progress type="circle" size={36} percent={Math.round(l.percent)} />}
        >
          {l.items.length === 0 ? (
            <Typography.Text type="secondary">{t('analysis.coverage.complete')}</Typography.Text>
          ) : (
            <Table<Summary>
              size="small"
              rowKey="id"
              dataSource={l.items}
              pagination={l.items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              columns={[
                { title: t('analysis.element'), render: (_, e) => <ElementLink e={e} /> },
                { title: t('analysis.kind'), dataIndex: 'kind', width: 180 },
                { title: t('analysis.org'), width: 280, render: (_, e) => (e.orgUnitId ? (orgs.byId.get(e.orgUnitId)?.name ?? '') : '—') },
              ]}
            />
          )}
        </Card>
      ))}
    </Space>
  );
}

const DISPOSITIONS = ['tolerate', 'invest', 'migrate', 'eliminate', 'unassessed'] as const;

function PortfolioTab() {
  const { t } = useTranslation();
  const en = useEn();
  const q = useQuery({ queryKey: ['portfolio'], queryFn: ({ signal }) => get<Portfolio>('/portfolio', undefined, signal) });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => q.refetch()} />;
  if (q.isLoading || !q.data) return <Skeleton active />;
  const p = q.data;
  type Row = Portfolio['rows'][number];
  const columns: TableColumnsType<Row> = [
    {
      title: t('analysis.org'),
      fixed: 'left',
      width: 260,
      render: (_, r) => (r.orgUnit ? <Link to={`/org-units/${r.orgUnit.id}`}>{r.orgUnit.name}</Link> : t('analysis.noOrg')),
    },
    ...p.areas.map((a, i) => ({
      title: a.code ? `${a.code} ${a.name}` : a.name,
      width: 110,
      align: 'right' as const,
      render: (_: unknown, r: Row) => r.cells[i] || '',
    })),
    { title: t('analysis.portfolio.total'), dataIndex: 'total', width: 80, align: 'right' },
    { title: t('analysis.portfolio.umum'), width: 80, align: 'right', render: (_, r) => r.category.umum },
    { title: t('analysis.portfolio.khusus'), width: 80, align: 'right', render: (_, r) => r.category.khusus },
    { title: t('analysis.portfolio.nasional'), width: 90, align: 'right', render: (_, r) => r.scope.nasional },
    { title: t('analysis.portfolio.lokal'), width: 80, align: 'right', render: (_, r) => r.scope.lokal },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space size="large" wrap>
        <Statistic title={t('analysis.portfolio.applications')} value={p.totals.total} />
        <Statistic title={t('analysis.portfolio.umum')} value={p.totals.category.umum} />
        <Statistic title={t('analysis.portfolio.khusus')} value={p.totals.category.khusus} />
        <Statistic title={t('analysis.portfolio.nasional')} value={p.totals.scope.nasional} />
        <Statistic title={t('analysis.portfolio.lokal')} value={p.totals.scope.lokal} />
      </Space>
      <Card size="small" title={t('analysis.portfolio.matrix')}>
        <Table<Row>
          size="small"
          rowKey={(r) => r.orgUnit?.id ?? '-'}
          columns={columns}
          dataSource={p.rows}
          scroll={{ x: 'max-content' }}
          pagination={false}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('analysis.portfolio.total')}</strong>
              </Table.Summary.Cell>
              {p.totals.cells.map((c, i) => (
                <Table.Summary.Cell key={i} index={i + 1} align="right">
                  {c}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={p.areas.length + 1} align="right">{p.totals.total}</Table.Summary.Cell>
              <Table.Summary.Cell index={p.areas.length + 2} align="right">{p.totals.category.umum}</Table.Summary.Cell>
              <Table.Summary.Cell index={p.areas.length + 3} align="right">{p.totals.category.khusus}</Table.Summary.Cell>
              <Table.Summary.Cell index={p.areas.length + 4} align="right">{p.totals.scope.nasional}</Table.Summary.Cell>
              <Table.Summary.Cell index={p.areas.length + 5} align="right">{p.totals.scope.lokal}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card size="small" title={t('analysis.portfolio.disposition')}>
        <Suspense fallback={<Skeleton active />}>
          <BarChart
            ariaLabel={t('analysis.portfolio.disposition')}
            data={DISPOSITIONS.map((d) => ({ key: d, label: t(`analysis.portfolio.time.${d}`), value: p.totals.disposition[d] }))}
          />
        </Suspense>
      </Card>
      <Card size="small" title={t('analysis.portfolio.candidates')}>
        <Table
          size="small"
          rowKey={(c) => c.element.id}
          dataSource={p.candidates}
          pagination={p.candidates.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('analysis.portfolio.noCandidates') }}
          columns={[
            { title: t('analysis.element'), width: 300, render: (_, c) => <ElementLink e={c.element} /> },
            {
              title: t('analysis.portfolio.reasons'),
              render: (_, c) => (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {c.reasons.map((r, i) => (
                    <li key={i}>
                      {en ? r.messageEn : r.message}
                      {r.related.length > 0 && (
                        <>
                          {' — '}
                          <ElementLinks items={r.related} />
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

export default function AnalysisPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('analysis.title'));
  const tab = params.get('tab') ?? 'lint';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>{t('analysis.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(k) => setParams(k === 'lint' ? {} : { tab: k })}
        items={[
          { key: 'lint', label: t('analysis.lint.title'), children: <LintTab /> },
          { key: 'coverage', label: t('analysis.coverage.title'), children: <CoverageTab /> },
          { key: 'portfolio', label: t('analysis.portfolio.title'), children: <PortfolioTab /> },
        ]}
      />
    </div>
  );
}
