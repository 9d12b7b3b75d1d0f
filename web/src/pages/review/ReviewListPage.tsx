import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Input, Result, Segmented, Skeleton, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useOrgUnitIndex } from '../../api/hooks';
import { useAuth } from '../../auth/auth';
import { ErrorResult } from '../../components/ErrorResult';
import {
  CHANGE_STATUSES,
  hasReviewScreen,
  isReviewer,
  seesAllRequests,
  useChangeRequests,
  type ChangeRequestRecord,
  type ChangeStatus,
} from '../../components/review/api';
import { ActionTag, StatusTag, summaryText, useKindLabel } from '../../components/review/parts';
import { downloadText, toCsv } from '../../lib/csv';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

/** Tinjauan: the change requests the reader may see, filtered by status in the address (?status=submitted). */
export default function ReviewListPage() {
  const { t, i18n } = useTranslation();
  const { user, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (CHANGE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as ChangeStatus) : undefined;
  const q = params.get('q') ?? '';
  const allowed = hasReviewScreen(user?.role);
  // The list is small and unpaged on the server: fetch it once and filter here, so each status shows its count.
  const requests = useChangeRequests(undefined, allowed);
  const orgs = useOrgUnitIndex();
  const { kindLabel } = useKindLabel();
  usePageTitle(t('review.title'));

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };

  const all = useMemo(() => requests.data?.items ?? [], [requests.data]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const r of all) c[r.status] = (c[r.status] ?? 0) + 1;
    return c;
  }, [all]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return all
      .filter((r) => !status || r.status === status)
      .filter((r) => !needle || `${summaryText(r, kindLabel, t)} ${r.createdByUsername ?? ''}`.toLowerCase().includes(needle))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }, [all, status, q, kindLabel, t]);

  if (loading) return <Skeleton active />;
  if (!user || !allowed) {
    return <Result status="403" title={t('review.title')} subTitle={user ? t('errors.forbidden') : t('errors.unauthorized')} />;
  }

  const exportCsv = () => {
    const header = [t('review.col.summary'), t('review.col.action'), t('field.orgUnit'), t('review.col.author'), t('review.col.status'), t('review.col.created'), t('review.col.updated'), t('review.col.reviewer'), t('review.note')];
    const data = rows.map((r) => [
      summaryText(r, kindLabel, t),
      t(`review.action.${r.action}`),
      r.orgUnitId ? (orgs.byId.get(r.orgUnitId)?.name ?? r.orgUnitId) : '',
      r.createdByUsername ?? r.createdBy,
      t(`review.status.${r.status}`),
      formatDateTime(r.createdAt, i18n.language),
      formatDateTime(r.updatedAt, i18n.language),
      r.reviewedByUsername ?? '',
      r.reviewNote ?? '',
    ]);
    downloadText(`tinjauan-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, data));
  };

  const intro = isReviewer(user.role) ? t('review.introReviewer') : seesAllRequests(user.role) ? t('review.introAuditor') : t('review.introOperator');

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('review.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {intro}
      </Typography.Paragraph>
      <div className="atlas-toolbar" role="search" style={{ marginBottom: 12 }}>
        <Segmented<string>
          aria-label={t('review.filterStatus')}
          value={status ?? ''}
          onChange={(v) => set('status', v || undefined)}
          options={[
            { value: '', label: `${t('common.all')} (${formatNumber(all.length)})` },
            ...CHANGE_STATUSES.map((s) => ({ value: s, label: `${t(`review.status.${s}`)} (${formatNumber(counts[s] ?? 0)})` })),
          ]}
        />
        <Input.Search
          aria-label={t('review.search')}
          placeholder={t('review.search')}
          defaultValue={q}
          allowClear
          onSearch={(v) => set('q', v.trim() || undefined)}
          style={{ width: 280 }}
        />
        <div style={{ flex: 1 }} />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={rows.length === 0}>
          {t('common.exportCsv')}
        </Button>
      </div>
      {requests.error ? (
        <ErrorResult error={requests.error} onRetry={() => void requests.refetch()} />
      ) : (
        <Table<ChangeRequestRecord>
          rowKey="id"
          size="middle"
          loading={requests.isFetching}
          dataSource={rows}
          scroll={{ x: 990 }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: status ? t('review.emptyStatus', { status: t(`review.status.${status}`) }) : t('review.empty') }}
          columns={[
            {
              title: t('review.col.summary'),
              key: 'summary',
              render: (_, r) => <Link to={`/review/${r.id}`}>{summaryText(r, kindLabel, t)}</Link>,
            },
            {
              title: t('review.col.action'),
              dataIndex: 'action',
              width: 100,
              render: (_, r) => <ActionTag action={r.action} />,
            },
            {
              title: t('field.orgUnit'),
              dataIndex: 'orgUnitId',
              width: 190,
              render: (v: string | null) => (v ? (orgs.byId.get(v)?.name ?? v) : t('common.none')),
            },
            // Operators see only their own requests: no author column.
            ...(seesAllRequests(user.role)
              ? [
                  {
                    title: t('review.col.author'),
                    dataIndex: 'createdByUsername',
                    width: 120,
                    sorter: (a: ChangeRequestRecord, b: ChangeRequestRecord) => (a.createdByUsername ?? '').localeCompare(b.createdByUsername ?? ''),
                    render: (v: string | null, r: ChangeRequestRecord) =>
                      r.createdBy === user.id ? t('review.you', { name: v ?? user.username }) : (v ?? t('common.none')),
                  },
                ]
              : []),
            {
              title: t('review.col.status'),
              dataIndex: 'status',
              width: 100,
              render: (_, r) => <StatusTag status={r.status} />,
            },
            {
              title: t('review.col.created'),
              dataIndex: 'createdAt',
              width: 130,
              sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
              render: (v: string) => <time dateTime={v}>{formatDate(v, i18n.language)}</time>,
            },
            {
              title: t('review.col.updated'),
              dataIndex: 'updatedAt',
              width: 130,
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
              render: (v: string) => <time dateTime={v} title={formatDateTime(v, i18n.language)}>{formatDate(v, i18n.language)}</time>,
            },
          ]}
        />
      )}
    </div>
  );
}
