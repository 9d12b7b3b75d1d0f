import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Form, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, get } from '../api/client';
import { useKindIndex } from '../api/hooks';
import type { Element, ElementRef, Page, Relation } from '../api/types';
import { useLabel } from '../lib/label';
import { errorMessage } from './ErrorResult';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

function provenanceText(p: unknown): string {
  if (p === null || p === undefined) return '';
  if (typeof p === 'string') return p;
  if (typeof p === 'object') {
    const o = p as Record<string, unknown>;
    return String(o['source'] ?? o['table'] ?? o['ref'] ?? JSON.stringify(p));
  }
  return String(p);
}

/** Outgoing and incoming relations of an element, with add and delete for writers. */
export function RelationsPanel({
  element,
  outgoing,
  incoming,
  canWrite,
}: {
  element: Element;
  outgoing: Relation[];
  incoming: Relation[];
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { byId, relationTypes } = useKindIndex();
  const kind = byId.get(element.kind);
  const [form] = Form.useForm<{ type?: string; targetId?: string }>();
  const type = Form.useWatch('type', form);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const [busy, setBusy] = useState(false);

  const allowed = kind?.relations ?? [];
  const targets = useMemo(() => allowed.filter((r) => r.type === type).flatMap((r) => r.targets), [allowed, type]);
  const candidates = useQuery({
    queryKey: ['relation-targets', type, targets, q],
    enabled: !!type && targets.length > 0,
    queryFn: ({ signal }) =>
      get<Page<Element>>('/elements', { q: q || undefined, kind: targets.length === 1 ? targets[0] : undefined, limit: 30 }, signal),
  });
  const options = (candidates.data?.items ?? [])
    .filter((e) => e.id !== element.id && targets.includes(e.kind))
    .map((e) => ({
      value: e.id,
      label: `${e.code ? e.code + ' · ' : ''}${e.name} (${label(byId.get(e.kind)?.label) || e.kind})`,
    }));

  const relLabel = (type: string) => label(relationTypes.get(type)) || type;
  const refCell = (r: ElementRef) => (
    <Link to={`/elements/${r.id}`}>
      {r.code ? `${r.code} · ` : ''}
      {r.name}
    </Link>
  );

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['relations'] });
  };

  const remove = async (r: Relation) => {
    try {
      await api(`/relations/${encodeURIComponent(r.id)}`, { method: 'DELETE' });
      message.success(t('element.relationDeleted'));
      refresh();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const add = async (values: { type?: string; targetId?: string }) => {
    setBusy(true);
    try {
      await api('/relations', { method: 'POST', body: { type: values.type, sourceId: element.id, targetId: values.targetId } });
      message.success(t('element.relationAdded'));
      form.resetFields();
      setSearch('');
      refresh();
    } catch (err) {
      message.error(err instanceof ApiError && err.status === 409 ? t('element.relationExists') : errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const columns = (dir: 'out' | 'in') => [
    { title: t('element.relationType'), dataIndex: 'type', width: 180, render: relLabel },
    {
      title: dir === 'out' ? t('element.target') : t('element.source'),
      key: 'other',
      render: (_: unknown, r: Relation) => refCell(dir === 'out' ? r.target : r.source),
    },
    {
      title: t('field.kind'),
      key: 'kind',
      width: 180,
      render: (_: unknown, r: Relation) => {
        const k = (dir === 'out' ? r.target : r.source).kind;
        return label(byId.get(k)?.label) || k;
      },
    },
    { title: t('field.provenance'), dataIndex: 'provenance', width: 140, render: provenanceText },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: Relation) => (
              <Popconfirm title={t('element.confirmDeleteRelation')} onConfirm={() => remove(r)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('element.deleteRelationLabel', { type: relLabel(r.type), name: (dir === 'out' ? r.target : r.source).name })}
                  onClick={(e) => e.stopPropagation()}
                />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const rowNav = (dir: 'out' | 'in') => (r: Relation) => ({
    onClick: (e: React.MouseEvent) => {
      if ((e.target as HTMLElement).closest('a,button,.ant-popover')) return;
      navigate(`/elements/${dir === 'out' ? r.targetId : r.sourceId}`);
    },
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {canWrite && (
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('element.addRelation')}</h2>}>
          {allowed.length === 0 ? (
            <Typography.Text type="secondary">{t('element.noAllowedRelations')}</Typography.Text>
          ) : (
            <Form form={form} layout="inline" onFinish={add} style={{ rowGap: 8 }}>
              <Form.Item name="type" label={t('element.relationType')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 200 }}
                  options={[...new Set(allowed.map((r) => r.type))].map((ty) => ({ value: ty, label: relLabel(ty) }))}
                  onChange={() => form.setFieldValue('targetId', undefined)}
                />
              </Form.Item>
              <Form.Item name="targetId" label={t('element.target')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 380 }}
                  disabled={!type}
                  placeholder={t('element.targetSearch')}
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  loading={candidates.isFetching}
                  options={options}
                  notFoundContent={candidates.isFetching ? t('common.loading') : t('common.empty')}
                />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
                  {t('element.addRelation')}
                </Button>
              </Form.Item>
            </Form>
          )}
        </Card>
      )}
      <section>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('element.outgoing')} ({outgoing.length})
        </Typography.Title>
        <Table<Relation>
          rowKey="id"
          size="small"
          pagination={outgoing.length > 20 ? { pageSize: 20 } : false}
          dataSource={outgoing}
          columns={columns('out')}
          onRow={rowNav('out')}
          rowClassName={() => 'atlas-table-row'}
          scroll={{ x: 700 }}
        />
      </section>
      <section>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('element.incoming')} ({incoming.length})
        </Typography.Title>
        <Table<Relation>
          rowKey="id"
          size="small"
          pagination={incoming.length > 20 ? { pageSize: 20 } : false}
          dataSource={incoming}
          columns={columns('in')}
          onRow={rowNav('in')}
          rowClassName={() => 'atlas-table-row'}
          scroll={{ x: 700 }}
        />
      </section>
    </Space>
  );
}
