import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SearchBox } from './SearchBox';
import type { Query } from '../api/client';
import { fetchAll, useElements, useKindIndex, useOrgUnitIndex } from '../api/hooks';
import { CLASSIFICATIONS, LIFECYCLES, type Element, type Kind } from '../api/types';
import { formatDate, formatNumber } from '../lib/format';
import { downloadText, toCsv } from '../lib/csv';
import { useLabel } from '../lib/label';
import { attributeText } from './AttributeValue';
import { ClassificationTag, LifecycleTag } from './Tags';
import { ErrorResult, errorMessage } from './ErrorResult';

export interface ElementFilters {
  kind?: string;
  q?: string;
  org?: string;
  lifecycle?: string;
  classification?: string;
  sort?: string;
  limit?: string;
}

const FILTER_KEYS: (keyof ElementFilters)[] = ['kind', 'q', 'org', 'lifecycle', 'classification', 'sort', 'limit'];
const PAGE_SIZES = [10, 20, 50, 100];

/** Filter state kept in the address (so Back returns to the same list) or in the component. */
function useFilters(syncUrl: boolean): [ElementFilters, (next: ElementFilters) => void] {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState<ElementFilters>({});
  const fromUrl = useMemo(() => {
    const f: ElementFilters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  if (!syncUrl) return [local, setLocal];
  return [
    fromUrl,
    (next) => {
      const p = new URLSearchParams(params);
      for (const k of FILTER_KEYS) {
        const v = next[k];
        if (v) p.set(k, v);
        else p.delete(k);
      }
      setParams(p, { replace: true });
    },
  ];
}

export interface ElementTableProps {
  /** Fixed conditions of this list (domain, ref, org…). */
  base: Query;
  /** Kinds offered in the kind selector; none → no selector. */
  kinds?: Kind[];
  showOrgFilter?: boolean;
  syncUrl?: boolean;
  exportName: string;
  /** Extra buttons at the end of the toolbar (e.g. Tambah). */
  extra?: (filters: ElementFilters) => ReactNode;
  /** Router state passed to element pages (to keep the navigation highlighted). */
  linkState?: unknown;
  caption?: string;
}

export function ElementTable({
  base,
  kinds,
  showOrgFilter = true,
  syncUrl = false,
  exportName,
  extra,
  linkState,
  caption,
}: ElementTableProps) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const kindIndex = useKindIndex();
  const orgs = useOrgUnitIndex();
  const [filters, setFilters] = useFilters(syncUrl);
  const [pager, setPager] = useState<{ key: string; cursors: (string | null)[] }>({ key: '', cursors: [null] });
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const [exporting, setExporting] = useState<string | null>(null);

  const limit = Number(filters.limit) || 20;
  const filterQuery: Query = {
    ...base,
    kind: filters.kind ?? base.kind,
    q: filters.q,
    org: filters.org ?? base.org,
    lifecycle: filters.lifecycle,
    classification: filters.classification,
    sort: filters.sort,
  };
  const filterKey = JSON.stringify(filterQuery) + limit;
  // A stack of cursors: its top is the page shown. A new filter starts again at the first page.
  const cursors = pager.key === filterKey ? pager.cursors : [null];
  const setCursors = (f: (c: (string | null)[]) => (string | null)[]) => setPager({ key: filterKey, cursors: f(cursors) });
  useEffect(() => {
    setSearchText(filters.q ?? '');
  }, [filters.q]);

  const cursor = cursors[cursors.length - 1];
  const list = useElements({ ...filterQuery, limit, cursor });
  const page = list.data;
  const total = page?.total ?? 0;
  const pageNo = cursors.length;
  const pages = Math.max(1, Math.ceil(total / limit));

  const update = (patch: Partial<ElementFilters>) => setFilters({ ...filters, ...patch });
  const selectedKind = filters.kind ? kindIndex.byId.get(filters.kind) : base.kind ? kindIndex.byId.get(String(base.kind)) : undefined;
  // With one kind chosen, show a few of its attributes as columns.
  const attrColumns = (selectedKind?.attributes ?? []).filter((a) => a.type !== 'text').slice(0, 3);

  const sortOrder = (field: string) =>
    filters.sort === field ? ('ascend' as const) : filters.sort === `-${field}` ? ('descend' as const) : null;

  const columns: TableColumnsType<Element> = [
    {
      title: t('field.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: sortOrder('code'),
      width: 130,
      render: (v: string | null) => v || t('common.none'),
    },
    {
      title: t('field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      width: 280,
      render: (v: string, row) => (
        <Link to={`/elements/${row.id}`} state={linkState}>
          {v}
        </Link>
      ),
    },
    ...(!selectedKind
      ? [
          {
            title: t('field.kind'),
            dataIndex: 'kind',
            key: 'kind',
            width: 160,
            render: (v: string) => label(kindIndex.byId.get(v)?.label) || v,
          },
        ]
      : []),
    ...attrColumns.map((a) => ({
      title: label(a.label),
      key: `attr:${a.key}`,
      width: 160,
      ellipsis: true,
      render: (_: unknown, row: Element) => attributeText(a, row.attributes?.[a.key], i18n.language, t),
    })),
    ...(base.org
      ? []
      : [
          {
            title: t('field.orgUnit'),
            dataIndex: 'orgUnitId',
            key: 'org',
            width: 220,
            ellipsis: true,
            render: (v: string | null) => (v ? orgs.byId.get(v)?.name ?? v : t('common.none')),
          },
        ]),
    {
      title: t('field.lifecycle'),
      dataIndex: 'lifecycle',
      key: 'lifecycle',
      width: 110,
      render: (v: string) => <LifecycleTag value={v} />,
    },
    {
      title: t('field.classification'),
      dataIndex: 'classification',
      key: 'classification',
      width: 120,
      render: (v: string) => <ClassificationTag value={v} />,
    },
    {
      title: t('field.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      width: 160,
      render: (v: string) => formatDate(v, i18n.language),
    },
  ];

  const onTableChange: TableProps<Element>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey as string | undefined;
    if (!s?.order || !field) update({ sort: undefined });
    else update({ sort: s.order === 'descend' ? `-${field}` : field });
  };

  const exportCsv = async () => {
    setExporting(t('common.loading'));
    try {
      const { items, truncated } = await fetchAll<Element>('/elements', filterQuery, {
        pageSize: 100,
        onProgress: (n, tot) => setExporting(t('catalog.exporting', { n: formatNumber(n), total: formatNumber(tot) })),
      });
      const attrs = selectedKind?.attributes ?? [];
      const header = [
        'id',
        t('field.code'),
        t('field.name'),
        t('field.kind'),
        t('field.orgUnit'),
        t('field.refCode'),
        t('field.lifecycle'),
        t('field.classification'),
        t('field.description'),
        t('field.updatedAt'),
        ...attrs.map((a) => label(a.label)),
      ];
      const rows = items.map((e) => [
        e.id,
        e.code,
        e.name,
        label(kindIndex.byId.get(e.kind)?.label) || e.kind,
        e.orgUnitId ? orgs.byId.get(e.orgUnitId)?.name ?? e.orgUnitId : '',
        e.refCode,
        t(`lifecycle.${e.lifecycle}`),
        t(`classification.${e.classification}`),
        e.description,
        e.updatedAt?.slice(0, 10),
        ...attrs.map((a) => {
          const v = e.attributes?.[a.key];
          return a.type === 'integer' || a.type === 'number' || a.type === 'date' ? v : attributeText(a, v, i18n.language, t);
        }),
      ]);
      downloadText(`${exportName}-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, rows));
      message.success(
        truncated ? t('catalog.exportTruncated', { n: formatNumber(items.length) }) : t('catalog.exported', { n: formatNumber(items.length) }),
      );
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setExporting(null);
    }
  };

  const kindOptions = kinds && kinds.length > 1 ? kinds : undefined;

  return (
    <div>
      <div className="atlas-toolbar" role="search">
        {kindOptions && (
          <Select
            aria-label={t('catalog.kind')}
            value={filters.kind ?? ''}
            onChange={(v) => update({ kind: v || undefined })}
            style={{ minWidth: 200 }}
            options={[
              { value: '', label: t('catalog.allKinds') },
              ...kindOptions.map((k) => ({ value: k.id, label: label(k.label) })),
            ]}
          />
        )}
        <SearchBox
          aria-label={t('catalog.searchLabel')}
          placeholder={t('catalog.search')}
          allowClear
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (e.target.value === '' && filters.q) update({ q: undefined });
          }}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 300 }}
        />
        {showOrgFilter && !base.org && (
          <Select
            aria-label={t('catalog.filterOrg')}
            value={filters.org ?? ''}
            onChange={(v) => update({ org: v || undefined })}
            showSearch={{ optionFilterProp: 'search' }}
            style={{ width: 260 }}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('catalog.allOrgs'), search: t('catalog.allOrgs') },
              ...orgs.items.map((o) => ({ value: o.id, label: o.name, search: [o.name, o.code, ...(o.aliases ?? [])].join(' ') })),
            ]}
          />
        )}
        <Select
          aria-label={t('catalog.filterLifecycle')}
          value={filters.lifecycle ?? ''}
          onChange={(v) => update({ lifecycle: v || undefined })}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('catalog.allLifecycles') },
            ...LIFECYCLES.map((l) => ({ value: l, label: t(`lifecycle.${l}`) })),
          ]}
        />
        <Select
          aria-label={t('catalog.filterClassification')}
          value={filters.classification ?? ''}
          onChange={(v) => update({ classification: v || undefined })}
          style={{ width: 170 }}
          options={[
            { value: '', label: t('catalog.allClassifications') },
            ...CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) })),
          ]}
        />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} loading={!!exporting} disabled={!total}>
          {exporting ?? t('common.exportCsv')}
        </Button>
        {extra?.(filters)}
      </div>
      {list.error ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Element>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          onChange={onTableChange}
          showSorterTooltip={false}
          scroll={{ x: 'max-content' }}
          tableLayout="fixed"
          caption={caption ? <span className="sr-only">{caption}</span> : undefined}
          rowClassName={() => 'atlas-table-row'}
          onRow={(row) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              navigate(`/elements/${row.id}`, { state: linkState });
            },
          })}
        />
      )}
      <nav
        aria-label={t('common.pageOf', { page: pageNo, pages })}
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 12, flexWrap: 'wrap', gap: 8 }}
      >
        <Typography.Text aria-live="polite">
          {t('catalog.count', { total: formatNumber(total) })} · {t('common.pageOf', { page: formatNumber(pageNo), pages: formatNumber(pages) })}
        </Typography.Text>
        <Space>
          <Select
            aria-label={t('common.pageSize')}
            value={limit}
            onChange={(v) => update({ limit: v === 20 ? undefined : String(v) })}
            options={PAGE_SIZES.map((n) => ({ value: n, label: `${n} / ${t('common.pageSize').toLowerCase()}` }))}
            style={{ width: 190 }}
          />
          <Button icon={<LeftOutlined />} disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('common.prev')}
          </Button>
          <Button
            disabled={!page?.nextCursor}
            onClick={() => page?.nextCursor && setCursors((c) => [...c, page.nextCursor])}
          >
            {t('common.next')} <RightOutlined />
          </Button>
        </Space>
      </nav>
    </div>
  );
}
