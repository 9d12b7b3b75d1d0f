import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Collapse, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchAll, useKindIndex, useOrgUnit, useOrgUnitIndex } from '../api/hooks';
import { DOMAIN_IDS, type Element } from '../api/types';
import { useAuth } from '../auth/auth';
import { ErrorResult } from '../components/ErrorResult';
import { ClassificationTag, LifecycleTag } from '../components/Tags';
import { formatDate, formatNumber } from '../lib/format';
import { useLabel } from '../lib/label';
import { usePageTitle } from '../lib/usePageTitle';

const MAX = 2000;

export default function OrgUnitPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { user } = useAuth();
  const org = useOrgUnit(id);
  const orgs = useOrgUnitIndex();
  const { byId, data: kindsData } = useKindIndex();
  const owned = useQuery({
    queryKey: ['org-elements', id, user?.id ?? null],
    queryFn: ({ signal }) => fetchAll<Element>('/elements', { org: id, sort: 'code' }, { pageSize: 100, max: MAX, signal }),
    enabled: !!id,
  });
  usePageTitle(org.data?.name);
  // Every group starts open, whenever it appears (kinds and elements load separately).
  const [closed, setClosed] = useState<string[]>([]);

  if (org.error) return <ErrorResult error={org.error} />;
  if (!org.data) return <Skeleton active />;
  const o = org.data;
  const parent = o.parentId ? orgs.byId.get(o.parentId) : undefined;

  // Group: domain → kind → elements, in the navigation's domain order.
  const items = owned.data?.items ?? [];
  const groups = DOMAIN_IDS.map((d) => {
    const inDomain = items.filter((e) => byId.get(e.kind)?.domain === d);
    const kinds = [...new Set(inDomain.map((e) => e.kind))].map((k) => ({ kind: k, elements: inDomain.filter((e) => e.kind === k) }));
    const declared = kindsData?.domains.find((x) => x.id === d);
    return { domain: d, label: declared ? label(declared.label) : t(`domain.${d}`), count: inDomain.length, kinds };
  }).filter((g) => g.count > 0);
  const unknown = items.filter((e) => !byId.get(e.kind));

  const table = (elements: Element[]) => (
    <Table<Element>
      rowKey="id"
      size="small"
      dataSource={elements}
      pagination={elements.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 700 }}
      columns={[
        { title: t('field.code'), dataIndex: 'code', width: 130, render: (v: string | null) => v || t('common.none') },
        { title: t('field.name'), dataIndex: 'name', render: (v: string, e) => <Link to={`/elements/${e.id}`}>{v}</Link> },
        { title: t('field.lifecycle'), dataIndex: 'lifecycle', width: 110, render: (v: string) => <LifecycleTag value={v} /> },
        { title: t('field.classification'), dataIndex: 'classification', width: 120, render: (v: string) => <ClassificationTag value={v} /> },
        { title: t('field.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (v: string) => formatDate(v, i18n.language) },
      ]}
    />
  );

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {o.name}
      </Typography.Title>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: t('field.code'), children: o.code },
          { key: 'type', label: t('orgUnits.type'), children: o.type ?? t('common.none') },
          {
            key: 'parent',
            label: t('orgUnits.parent'),
            children: parent ? <Link to={`/org-units/${parent.id}`}>{parent.name}</Link> : t('common.none'),
          },
          {
            key: 'aliases',
            label: t('orgUnits.aliases'),
            children: o.aliases?.length ? (
              <Space size={[4, 4]} wrap>
                {o.aliases.map((a) => (
                  <Tag key={a}>{a}</Tag>
                ))}
              </Space>
            ) : (
              t('common.none')
            ),
          },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('orgUnits.owns')}
        {owned.data && (
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 8 }}>
            {t('orgUnits.ownsCount', { total: formatNumber(owned.data.total) })}
          </Typography.Text>
        )}
      </Typography.Title>
      {owned.error ? (
        <ErrorResult error={owned.error} />
      ) : owned.isLoading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('orgUnits.nothingOwned')} />
      ) : (
        <>
          {owned.data?.truncated && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('orgUnits.truncated', { n: formatNumber(items.length), total: formatNumber(owned.data.total) })}
            />
          )}
          <Collapse
            activeKey={[...groups.map((g) => g.domain), 'other'].filter((k) => !closed.includes(k))}
            onChange={(keys) => {
              const open = Array.isArray(keys) ? keys : [keys];
              setClosed([...groups.map((g) => g.domain), 'other'].filter((k) => !open.includes(k)));
            }}
            items={[
              ...groups.map((g) => ({
                key: g.domain,
                label: (
                  <span>
                    {g.label} <Typography.Text type="secondary">({formatNumber(g.count)})</Typography.Text>
                  </span>
                ),
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }} size="middle">
                    {g.kinds.map((k) => (
                      <section key={k.kind}>
                        <Typography.Title level={3} style={{ fontSize: 15 }}>
                          {label(byId.get(k.kind)?.label) || k.kind} ({formatNumber(k.elements.length)})
                        </Typography.Title>
                        {table(k.elements)}
                      </section>
                    ))}
                  </Space>
                ),
              })),
              ...(unknown.length
                ? [{ key: 'other', label: `${t('field.kind')}: ?`, children: table(unknown) }]
                : []),
            ]}
          />
        </>
      )}
    </div>
  );
}
