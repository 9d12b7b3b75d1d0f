import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Empty, InputNumber, Radio, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { Label } from '../../api/types';
import { ErrorResult } from '../ErrorResult';
import { LifecycleTag } from '../Tags';
import { useLabel } from '../../lib/label';
import type { TraceEdge, TraceNode } from './TraceGraph';

const TraceGraph = lazy(() => import('./TraceGraph'));

interface Ref {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  orgUnitId: string | null;
  domain: string;
  lifecycle: string;
}
interface Impact {
  root: Ref;
  direction: 'dependants' | 'dependencies';
  depth: number;
  items: { element: Ref; distance: number; path: string[]; relation: string }[];
  truncated: boolean;
}
interface Trace {
  root: Ref;
  nodes: (Ref & { distance: number; side: TraceNode['side'] })[];
  edges: TraceEdge[];
  matrix: { domain: string; label: Label; elements: Ref[] }[];
  truncated: boolean;
}

const refText = (e: { code: string | null; name: string }) => (e.code ? `${e.code} · ${e.name}` : e.name);

/** "Analisis dampak": what depends on the element (or what it depends on), transitively, with the path. */
export function ImpactPanel({
  elementId,
  kindLabel,
  relationLabel,
}: {
  elementId: string;
  kindLabel: (kind: string) => string;
  relationLabel: (type: string) => string;
}) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'dependants' | 'dependencies'>('dependants');
  const [depth, setDepth] = useState(3);
  const q = useQuery({
    queryKey: ['impact', elementId, direction, depth],
    queryFn: ({ signal }) => get<Impact>(`/elements/${encodeURIComponent(elementId)}/impact`, { direction, depth }, signal),
    placeholderData: (prev) => prev,
  });
  const names = useMemo(() => {
    const m = new Map<string, Ref>();
    if (q.data) {
      m.set(q.data.root.id, q.data.root);
      for (const i of q.data.items) m.set(i.element.id, i.element);
    }
    return m;
  }, [q.data]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          aria-label={t('impact.direction')}
          optionType="button"
          value={direction}
          onChange={(e) => setDirection(e.target.value)}
          options={[
            { value: 'dependants', label: t('impact.dependants') },
            { value: 'dependencies', label: t('impact.dependencies') },
          ]}
        />
        <span>
          <label htmlFor="impact-depth" style={{ marginRight: 8 }}>
            {t('impact.depth')}
          </label>
          <InputNumber id="impact-depth" min={1} max={10} value={depth} onChange={(v) => setDepth(v ?? 3)} />
        </span>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(direction === 'dependants' ? 'impact.dependantsHint' : 'impact.dependenciesHint')}
      </Typography.Paragraph>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => q.refetch()} />
      ) : q.isLoading || !q.data ? (
        <Skeleton active />
      ) : (
        <>
          {q.data.truncated && <Alert type="warning" showIcon title={t('impact.truncated')} />}
          <Table
            size="small"
            rowKey={(i) => i.element.id}
            dataSource={q.data.items}
            locale={{ emptyText: <Empty description={t('impact.none')} /> }}
            pagination={q.data.items.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
            columns={[
              { title: t('impact.distance'), dataIndex: 'distance', width: 90, align: 'right', sorter: (a, b) => a.distance - b.distance },
              { title: t('impact.element'), render: (_, i) => <Link to={`/elements/${i.element.id}`}>{refText(i.element)}</Link> },
              { title: t('field.kind'), width: 170, render: (_, i) => kindLabel(i.element.kind) },
              { title: t('field.lifecycle'), width: 120, render: (_, i) => <LifecycleTag value={i.element.lifecycle} /> },
              {
                title: t('impact.path'),
                render: (_, i) => (
                  <span>
                    {i.path.map((id, n) => {
                      const e = names.get(id);
                      return (
                        <span key={`${id}-${n}`}>
                          {n > 0 && ' → '}
                          {e ? (id === elementId ? refText(e) : <Link to={`/elements/${id}`}>{refText(e)}</Link>) : id}
                        </span>
                      );
                    })}
                    {i.relation && (
                      <Tag style={{ marginLeft: 8 }}>{relationLabel(i.relation)}</Tag>
                    )}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/** "Keterlacakan": the chain strategy → … → security through the element, as a graph and by domain. */
export function TracePanel({
  elementId,
  elementName,
  kindLabel,
  relationLabel,
  onOpen,
}: {
  elementId: string;
  elementName: string;
  kindLabel: (kind: string) => string;
  relationLabel: (type: string) => string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const q = useQuery({
    queryKey: ['trace', elementId],
    queryFn: ({ signal }) => get<Trace>(`/elements/${encodeURIComponent(elementId)}/trace`, undefined, signal),
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => q.refetch()} />;
  if (q.isLoading || !q.data) return <Skeleton active />;
  const d = q.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {d.truncated && <Alert type="warning" showIcon title={t('impact.truncated')} />}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('impact.traceHint')}
      </Typography.Paragraph>
      <Suspense fallback={<Skeleton active />}>
        <TraceGraph
          rootId={d.root.id}
          nodes={d.nodes}
          edges={d.edges}
          kindLabel={kindLabel}
          relationLabel={relationLabel}
          ariaLabel={t('impact.traceLabel', { name: elementName })}
          onOpen={onOpen}
        />
      </Suspense>
      <Table
        size="small"
        rowKey="domain"
        pagination={false}
        dataSource={d.matrix}
        columns={[
          { title: t('impact.domain'), width: 200, render: (_, r) => label(r.label) },
          {
            title: t('impact.elements'),
            render: (_, r) =>
              r.elements.length === 0 ? (
                '—'
              ) : (
                <Space size={[12, 4]} wrap>
                  {r.elements.map((e) =>
                    e.id === elementId ? (
                      <strong key={e.id}>{refText(e)}</strong>
                    ) : (
                      <Link key={e.id} to={`/elements/${e.id}`}>
                        {refText(e)}
                      </Link>
                    ),
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}

/** The element page's "Analisis dampak" tab: impact table, then traceability. */
export default function AnalysisTab(props: {
  elementId: string;
  elementName: string;
  kindLabel: (kind: string) => string;
  relationLabel: (type: string) => string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<'impact' | 'trace'>('impact');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Radio.Group
        aria-label={t('impact.view')}
        value={view}
        onChange={(e) => setView(e.target.value)}
        options={[
          { value: 'impact', label: t('impact.title') },
          { value: 'trace', label: t('impact.trace') },
        ]}
      />
      {view === 'impact' ? (
        <ImpactPanel elementId={props.elementId} kindLabel={props.kindLabel} relationLabel={props.relationLabel} />
      ) : (
        <TracePanel {...props} />
      )}
    </Space>
  );
}
