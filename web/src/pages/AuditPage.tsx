import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DatePicker, Result, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import type { AuditEvent, Page } from '../api/types';
import { useAuth } from '../auth/auth';
import { AuditTable } from '../components/AuditTable';
import { usePageTitle } from '../lib/usePageTitle';

/**
 * The audit API filters by user id. With no user list in the API, the choices
 * are the people seen in the latest events (and the reader).
 */
function useAuditUsers(enabled: boolean) {
  const { user } = useAuth();
  const recent = useQuery({
    queryKey: ['audit-users'],
    queryFn: ({ signal }) => get<Page<AuditEvent>>('/audit', { limit: 500 }, signal),
    enabled,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const users = new Map<string, string>();
    if (user) users.set(user.id, user.username);
    for (const e of recent.data?.items ?? []) if (e.userId) users.set(e.userId, e.username ?? e.userId);
    return [...users].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [recent.data, user]);
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const user = params.get('user') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const { user: me, seesAudit, loading } = useAuth();
  const users = useAuditUsers(seesAudit);
  usePageTitle(t('audit.title'));

  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };

  if (loading) return <Skeleton active />;
  if (!seesAudit) {
    return <Result status="403" title={t('audit.title')} subTitle={me ? t('errors.forbidden') : t('errors.unauthorized')} />;
  }

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('audit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <div className="atlas-toolbar" role="search">
        <Select
          aria-label={t('audit.filterUser')}
          value={user}
          onChange={(v: string) => set('user', v || undefined)}
          showSearch={{ optionFilterProp: 'label' }}
          options={[{ value: '', label: t('audit.allUsers') }, ...users]}
          style={{ width: 240 }}
        />
        <DatePicker
          aria-label={t('audit.from')}
          placeholder={t('audit.from')}
          format="D MMMM YYYY"
          value={from ? dayjs(from) : null}
          onChange={(d) => set('from', d ? d.startOf('day').toISOString() : undefined)}
        />
        <DatePicker
          aria-label={t('audit.to')}
          placeholder={t('audit.to')}
          format="D MMMM YYYY"
          value={to ? dayjs(to) : null}
          onChange={(d) => set('to', d ? d.endOf('day').toISOString() : undefined)}
        />
      </div>
      <AuditTable query={{ user: user || undefined, from: from || undefined, to: to || undefined }} showEntity />
    </div>
  );
}
