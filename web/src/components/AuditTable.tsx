import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, type Query } from '../api/client';
import type { AuditEvent, Page } from '../api/types';
import { formatDateTime, formatNumber } from '../lib/format';
import { AuditDiff } from './AuditDiff';
import { ErrorResult } from './ErrorResult';
import { ChangeRequestRef, splitAuditAction } from './review/ChangeRequestRef';

const ACTION_STYLE: Record<string, React.CSSProperties> = {
  create: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  update: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  delete: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

function entityName(e: AuditEvent): string {
  const snap = (e.after ?? e.before ?? {}) as Record<string, unknown>;
  const name = snap['name'] ?? snap['username'] ?? snap['displayName'];
  const code = snap['code'];
  const text = [code, name].filter(Boolean).join(' ') || e.entityId;
  return text.length > 140 ? `${text.slice(0, 137)}…` : text;
}

/** The audit trail as a table, newest first, with the changed fields of each event. */
export function AuditTable({ query, showEntity = false, pageSize = 20 }: { query: Query; showEntity?: boolean; pageSize?: number }) {
  const { t, i18n } = useTranslation();
  const key = JSON.stringify(query);
  const [pager, setPager] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = pager.key === key ? pager.cursors : [null];
  const cursor = cursors[cursors.length - 1];
  const audit = useQuery({
    queryKey: ['audit', query, cursor, pageSize],
    queryFn: ({ signal }) => get<Page<AuditEvent>>('/audit', { ...query, limit: pageSize, cursor }, signal),
    placeholderData: (prev) => prev,
  });

  if (audit.error) return <ErrorResult error={audit.error} onRetry={() => void audit.refetch()} />;
  const items = audit.data?.items ?? [];
  const total = audit.data?.total ?? 0;

  return (
    <div>
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        loading={audit.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('element.noHistory') }}
        expandable={
          showEntity
            ? { expandedRowRender: (e) => <AuditDiff event={e} />, rowExpandable: (e) => !!(e.before || e.after) }
            : undefined
        }
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 200, render: (v: string) => formatDateTime(v, i18n.language) },
          { title: t('audit.user'), dataIndex: 'username', width: 140, render: (v: string | null, e) => v ?? e.userId ?? t('common.none') },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 110,
            render: (v: string) => {
              // A write applied from a change request links to it (Tinjauan).
              const { action, changeRequestId } = splitAuditAction(v);
              return (
                <>
                  <Tag style={ACTION_STYLE[action]}>{t(`audit.actions.${action}`, { defaultValue: action })}</Tag>
                  {changeRequestId && <ChangeRequestRef id={changeRequestId} />}
                </>
              );
            },
          },
          ...(showEntity
            ? [
                {
                  title: t('audit.entity'),
                  key: 'entity',
                  render: (_: unknown, e: AuditEvent) => (
                    <span>
                      <Typography.Text type="secondary">
                        {t(`audit.entityTypes.${e.entityType}`, { defaultValue: e.entityType })}:{' '}
                      </Typography.Text>
                      {e.entityType === 'element' && e.action !== 'delete' ? (
                        <Link to={`/elements/${e.entityId}`}>{entityName(e)}</Link>
                      ) : (
                        entityName(e)
                      )}
                    </span>
                  ),
                },
              ]
            : [
                {
                  title: t('audit.changes'),
                  key: 'changes',
                  render: (_: unknown, e: AuditEvent) => <AuditDiff event={e} />,
                },
              ]),
        ]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 12 }}>
        <Typography.Text>{t('common.total', { total: formatNumber(total) })}</Typography.Text>
        <Space>
          <Button
            icon={<LeftOutlined />}
            disabled={cursors.length <= 1}
            onClick={() => setPager({ key, cursors: cursors.slice(0, -1) })}
          >
            {t('common.prev')}
          </Button>
          <Button
            disabled={!audit.data?.nextCursor}
            onClick={() => audit.data?.nextCursor && setPager({ key, cursors: [...cursors, audit.data.nextCursor] })}
          >
            {t('common.next')} <RightOutlined />
          </Button>
        </Space>
      </div>
    </div>
  );
}
