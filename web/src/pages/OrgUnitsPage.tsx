import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SearchBox } from '../components/SearchBox';
import { useOrgUnitIndex } from '../api/hooks';
import type { OrgUnit } from '../api/types';
import { ErrorResult } from '../components/ErrorResult';
import { downloadText, toCsv } from '../lib/csv';
import { formatNumber } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';

function normalise(s: string): string {
  return s.toLocaleLowerCase('id-ID').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

export default function OrgUnitsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const orgs = useOrgUnitIndex();
  const [q, setQ] = useState('');
  usePageTitle(t('orgUnits.title'));

  const rows = useMemo(() => {
    const needle = normalise(q.trim());
    if (!needle) return orgs.items;
    return orgs.items.filter((o) => normalise([o.code, o.name, ...(o.aliases ?? [])].join(' ')).includes(needle));
  }, [orgs.items, q]);

  const exportCsv = () => {
    downloadText(
      `atlas-opd-${new Date().toISOString().slice(0, 10)}.csv`,
      toCsv(
        ['id', t('field.code'), t('field.name'), t('orgUnits.type'), t('orgUnits.aliases')],
        rows.map((o) => [o.id, o.code, o.name, o.type, o.aliases ?? []]),
      ),
    );
  };

  if (orgs.error) return <ErrorResult error={orgs.error} onRetry={() => void orgs.refetch()} />;

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('orgUnits.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('orgUnits.intro')}</Typography.Paragraph>
      <div className="atlas-toolbar" role="search">
        <SearchBox
          aria-label={t('orgUnits.search')}
          placeholder={t('orgUnits.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 360 }}
        />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
          {t('common.exportCsv')}
        </Button>
        <Typography.Text aria-live="polite">{t('common.total', { total: formatNumber(rows.length) })}</Typography.Text>
      </div>
      <Table<OrgUnit>
        rowKey="id"
        size="middle"
        loading={orgs.isLoading}
        dataSource={rows}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
        rowClassName={() => 'atlas-table-row'}
        onRow={(o) => ({
          onClick: (e) => {
            if ((e.target as HTMLElement).closest('a,button')) return;
            navigate(`/org-units/${o.id}`);
          },
        })}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('field.code'),
            dataIndex: 'code',
            width: 140,
            sorter: (a, b) => (a.code ?? '').localeCompare(b.code ?? '', 'id', { numeric: true }),
          },
          {
            title: t('field.name'),
            dataIndex: 'name',
            sorter: (a, b) => a.name.localeCompare(b.name, 'id'),
            defaultSortOrder: 'ascend',
            render: (v: string, o) => <Link to={`/org-units/${o.id}`}>{v}</Link>,
          },
          { title: t('orgUnits.type'), dataIndex: 'type', width: 160, render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('orgUnits.aliases'),
            dataIndex: 'aliases',
            render: (v: string[] | undefined) =>
              v?.length ? (
                <Space size={[4, 4]} wrap>
                  {v.map((a) => (
                    <Tag key={a}>{a}</Tag>
                  ))}
                </Space>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
    </div>
  );
}
