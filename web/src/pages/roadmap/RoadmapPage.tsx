import { Fragment, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App, Button, Card, Checkbox, Empty, Modal, Progress, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API_BASE, api, get, queryString } from '../../api/client';
import type { Label } from '../../api/types';
import { useOrgUnitIndex } from '../../api/hooks';
import { useAuth } from '../../auth/auth';
import { ErrorResult, errorMessage } from '../../components/ErrorResult';
import { formatRupiah } from '../../lib/format';
import { useLabel } from '../../lib/label';
import { usePageTitle } from '../../lib/usePageTitle';
import './roadmap.css';

interface Ref { id: string; kind: string; code: string | null; name: string; orgUnitId: string | null; domain: string; lifecycle: string }
export interface RoadmapItem {
  id: string;
  code: string | null;
  name: string;
  orgUnitId: string | null;
  parentId: string | null;
  version: number | null;
  roadmapDomain: string | null;
  startYear: number | null;
  endYear: number | null;
  budget: number | null;
  status: string | null;
  progress: number | null;
  effectiveProgress: number;
  program: string | null;
  activity: string | null;
  initialCondition: string | null;
  targets: Record<string, string>;
  gaps: { id: string; code: string | null; name: string; closed: boolean }[];
  elements: Ref[];
}
interface Roadmap {
  items: RoadmapItem[];
  domains: { id: string; label: Label }[];
  years: number[];
  summary: {
    initiatives: number;
    byStatus: Record<string, number>;
    averageProgress: number | null;
    budgetTotal: number;
    budgetCompleted: number;
    budgetByYear: { year: number; budget: number }[];
  };
}

const STATUS_COLOR: Record<string, string> = { direncanakan: 'default', berjalan: 'blue', selesai: 'green', dibatalkan: 'default' };
const refText = (e: { code: string | null; name: string }) => (e.code ? `${e.code} · ${e.name}` : e.name);

/** The Gantt chart: one column per year (2025–2030 at least), one band per roadmap domain. */
function Timeline({ data }: { data: Roadmap }) {
  const { t } = useTranslation();
  const label = useLabel();
  const years = useMemo(() => {
    const ys = [2025, 2030, ...data.years];
    const from = Math.min(...ys);
    const to = Math.max(...ys);
    return Array.from({ length: to - from + 1 }, (_, k) => from + k);
  }, [data.years]);
  const bands = useMemo(() => {
    const order = [...data.domains.map((d) => d.id), ''];
    return order
      .map((id) => ({
        id,
        title: id ? label(data.domains.find((d) => d.id === id)?.label) : t('roadmap.noDomain'),
        items: data.items.filter((i) => (i.roadmapDomain ?? '') === id || (!id && i.roadmapDomain && !data.domains.some((d) => d.id === i.roadmapDomain))),
      }))
      .filter((b) => b.items.length > 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, t]);
  if (data.items.length === 0) return <Empty description={t('roadmap.none')} />;
  const first = years[0];
  return (
    <div
      className="atlas-gantt"
      role="table"
      aria-label={t('roadmap.timeline')}
      data-testid="roadmap-timeline"
      style={{ gridTemplateColumns: `minmax(220px, 2fr) repeat(${years.length}, minmax(72px, 1fr))` }}
    >
      <div className="atlas-gantt-head first" role="columnheader">
        {t('roadmap.initiative')}
      </div>
      {years.map((y) => (
        <div key={y} className="atlas-gantt-head" role="columnheader">
          {y}
        </div>
      ))}
      {bands.map((b) => (
        <Fragment key={b.id || '-'}>
          <div className="atlas-gantt-domain" role="rowheader">
            {b.title} ({b.items.length})
          </div>
          {b.items.map((i, row) => {
            const start = i.startYear ?? i.endYear;
            const end = i.endYear ?? i.startYear;
            const s = start === null ? null : Math.max(first, start);
            const e = end === null ? null : Math.min(years[years.length - 1], Math.max(end, start ?? end));
            const status = i.status ?? '';
            return (
              <Fragment key={i.id}>
                <div className="atlas-gantt-name" role="rowheader" style={{ gridRow: 'auto' }}>
                  <Link to={`/elements/${i.id}`}>{refText(i)}</Link>
                </div>
                {s === null || e === null ? (
                  <div className="atlas-gantt-cell" style={{ gridColumn: `2 / span ${years.length}` }}>
                    <Typography.Text type="secondary" style={{ padding: '0 8px' }}>
                      {t('roadmap.noYears')}
                    </Typography.Text>
                  </div>
                ) : (
                  <>
                    {s > first && <div className="atlas-gantt-cell" style={{ gridColumn: `2 / span ${s - first}` }} />}
                    <div
                      className={`atlas-gantt-bar ${status}`}
                      role="cell"
                      data-row={row}
                      title={`${refText(i)} — ${start}–${end}, ${i.status ?? ''} ${i.effectiveProgress}%`}
                      style={{ gridColumn: `${s - first + 2} / span ${e - s + 1}` }}
                    >
                      <div className="atlas-gantt-progress" style={{ width: `${i.effectiveProgress}%` }} />
                      <span>
                        {start === end ? start : `${start}–${end}`} · {i.effectiveProgress}%
                      </span>
                    </div>
                    {e < years[years.length - 1] && (
                      <div className="atlas-gantt-cell" style={{ gridColumn: `${e - first + 3} / span ${years[years.length - 1] - e}` }} />
                    )}
                  </>
                )}
              </Fragment>
            );
          })}
        </Fragment>
      ))}
    </div>
  );
}

function CompleteModal({ item, onClose }: { item: RoadmapItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [promote, setPromote] = useState(true);
  const [saving, setSaving] = useState(false);
  const toBe = item?.elements.filter((e) => e.lifecycle === 'to-be') ?? [];
  const submit = async () => {
    if (!item) return;
    setSaving(true);
    try {
      const r = await api<{ promoted: unknown[] }>(`/initiatives/${encodeURIComponent(item.id)}/complete`, {
        method: 'POST',
        ifMatch: item.version ?? undefined,
        body: { promote },
      });
      message.success(t('roadmap.completed', { count: r.promoted.length }));
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['roadmap'] }),
        qc.invalidateQueries({ queryKey: ['element'] }),
        qc.invalidateQueries({ queryKey: ['elements'] }),
      ]);
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!item}
      title={item ? t('roadmap.completeTitle', { name: refText(item) }) : ''}
      okText={t('roadmap.complete')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('roadmap.completeText')}</Typography.Paragraph>
      <Checkbox checked={promote} onChange={(e) => setPromote(e.target.checked)}>
        {t('roadmap.promote', { count: toBe.length })}
      </Checkbox>
      {toBe.length > 0 && (
        <ul>
          {toBe.map((e) => (
            <li key={e.id}>{refText(e)}</li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

export default function RoadmapPage() {
  const { t } = useTranslation();
  const label = useLabel();
  usePageTitle(t('roadmap.title'));
  const { canEdit } = useAuth();
  const orgs = useOrgUnitIndex();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? undefined;
  const domain = params.get('domain') ?? undefined;
  const [completing, setCompleting] = useState<RoadmapItem | null>(null);
  const q = useQuery({
    queryKey: ['roadmap', org, domain],
    queryFn: ({ signal }) => get<Roadmap>('/roadmap', { org, domain }, signal),
    placeholderData: (prev) => prev,
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const gaps = useMemo(() => {
    const m = new Map<string, RoadmapItem['gaps'][number] & { by: RoadmapItem[] }>();
    for (const i of q.data?.items ?? []) {
      for (const g of i.gaps) {
        if (!m.has(g.id)) m.set(g.id, { ...g, by: [] });
        const x = m.get(g.id)!;
        x.closed = x.closed || g.closed;
        x.by.push(i);
      }
    }
    return [...m.values()];
  }, [q.data]);

  const d = q.data;
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
          {t('roadmap.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`${API_BASE}/roadmap/export${queryString({ org, domain })}`} download>
            {t('roadmap.exportXlsx')}
          </Button>
          <Link to="/domain/planning">{t('roadmap.catalog')}</Link>
        </Space>
      </Space>
      <Space wrap style={{ margin: '16px 0' }}>
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
        <Select
          aria-label={t('roadmap.domain')}
          allowClear
          placeholder={t('roadmap.allDomains')}
          value={domain}
          style={{ width: 240 }}
          onChange={(v) => set('domain', v)}
          options={(d?.domains ?? []).map((x) => ({ value: x.id, label: label(x.label) }))}
        />
      </Space>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => q.refetch()} />
      ) : !d ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Space size="large" wrap>
            <Statistic title={t('roadmap.initiatives')} value={d.summary.initiatives} />
            <Statistic title={t('roadmap.averageProgress')} value={d.summary.averageProgress ?? 0} precision={0} suffix="%" />
            <Statistic title={t('roadmap.budgetTotal')} value={formatRupiah(d.summary.budgetTotal)} />
            <Statistic title={t('roadmap.gapsClosed')} value={`${gaps.filter((g) => g.closed).length} / ${gaps.length}`} />
          </Space>
          <Timeline data={d} />
          <Card size="small" title={t('roadmap.list')}>
            <Table<RoadmapItem>
              size="small"
              rowKey="id"
              dataSource={d.items}
              pagination={d.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              columns={[
                { title: t('roadmap.initiative'), render: (_, i) => <Link to={`/elements/${i.id}`}>{refText(i)}</Link> },
                { title: t('analysis.org'), width: 220, render: (_, i) => (i.orgUnitId ? (orgs.byId.get(i.orgUnitId)?.name ?? '') : '—') },
                { title: t('roadmap.years'), width: 110, render: (_, i) => [i.startYear, i.endYear].filter((x) => x !== null).join('–') || '—' },
                { title: t('roadmap.budget'), width: 150, align: 'right', render: (_, i) => (i.budget === null ? '—' : formatRupiah(i.budget)) },
                { title: t('roadmap.status'), width: 120, render: (_, i) => (i.status ? <Tag color={STATUS_COLOR[i.status]}>{t(`roadmap.statuses.${i.status}`, i.status)}</Tag> : '—') },
                { title: t('roadmap.progress'), width: 140, render: (_, i) => <Progress percent={i.effectiveProgress} size="small" /> },
                {
                  title: '',
                  width: 130,
                  render: (_, i) =>
                    i.status !== 'selesai' && i.status !== 'dibatalkan' && canEdit({ orgUnitId: i.orgUnitId }) ? (
                      <Button size="small" icon={<CheckOutlined />} onClick={() => setCompleting(i)}>
                        {t('roadmap.complete')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('roadmap.gaps')}>
            <Table
              size="small"
              rowKey="id"
              dataSource={gaps}
              locale={{ emptyText: t('roadmap.noGaps') }}
              pagination={gaps.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              columns={[
                { title: t('roadmap.gap'), render: (_, g) => <Link to={`/elements/${g.id}`}>{refText(g)}</Link> },
                {
                  title: t('roadmap.closedBy'),
                  render: (_, g) => (
                    <Space size={[8, 4]} wrap>
                      {g.by.map((i) => (
                        <Link key={i.id} to={`/elements/${i.id}`}>
                          {refText(i)}
                        </Link>
                      ))}
                    </Space>
                  ),
                },
                { title: t('roadmap.status'), width: 120, render: (_, g) => (g.closed ? <Tag color="green">{t('roadmap.gapClosed')}</Tag> : <Tag color="orange">{t('roadmap.gapOpen')}</Tag>) },
              ]}
            />
          </Card>
        </Space>
      )}
      <CompleteModal item={completing} onClose={() => setCompleting(null)} />
    </div>
  );
}
