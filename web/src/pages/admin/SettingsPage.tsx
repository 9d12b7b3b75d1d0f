import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Card, Result, Skeleton, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { useSettings, type Settings } from '../../components/review/api';
import { problemText } from '../../components/review/problems';
import { usePageTitle } from '../../lib/usePageTitle';

const ENDPOINT: Record<keyof Settings, string> = {
  requireAdminTotp: '/settings/require-admin-totp',
  reviewRequired: '/settings/review-required',
};

/** One switch with its label and explanation, the label tied to the switch for screen readers. */
function SettingRow({
  id,
  title,
  body,
  checked,
  loading,
  disabled,
  onChange,
  children,
}: {
  id: string;
  title: string;
  body: string;
  checked: boolean;
  loading: boolean;
  disabled: boolean;
  onChange: (v: boolean) => void;
  children?: React.ReactNode;
}) {
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', padding: '12px 0' }}>
      <Switch id={id} checked={checked} loading={loading} disabled={disabled} onChange={onChange} aria-labelledby={`${id}-label`} aria-describedby={`${id}-body`} />
      <div style={{ flex: 1 }}>
        <label id={`${id}-label`} htmlFor={id} style={{ fontWeight: 600, cursor: disabled ? 'default' : 'pointer' }}>
          {title}
        </label>
        <Typography.Paragraph id={`${id}-body`} type="secondary" style={{ marginBottom: 0 }}>
          {body}
        </Typography.Paragraph>
        {children}
      </div>
    </div>
  );
}

/** Administrasi › Pengaturan: the instansi's security and workflow switches (admin). */
export default function SettingsPage() {
  const { t } = useTranslation();
  const { user, loading } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const isAdmin = user?.role === 'admin';
  const settings = useSettings(isAdmin);
  const [saving, setSaving] = useState<keyof Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('settings.title'));

  if (loading) return <Skeleton active />;
  if (!isAdmin) return <Result status="403" title={t('settings.title')} subTitle={user ? t('errors.forbidden') : t('errors.unauthorized')} />;
  if (settings.error) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Skeleton active />;
  const s = settings.data;

  const change = async (key: keyof Settings, value: boolean) => {
    setSaving(key);
    setError(null);
    try {
      await api(ENDPOINT[key], { method: 'PUT', body: { required: value } });
      qc.setQueryData<Settings>(['settings'], (old) => (old ? { ...old, [key]: value } : old));
      message.success(t(`settings.${key}.${value ? 'on' : 'off'}`));
    } catch (err) {
      setError(problemText(err, t));
      void settings.refetch();
    } finally {
      setSaving(null);
    }
  };

  return (
    <div style={{ maxWidth: 900 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('settings.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('settings.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('settings.security')}</h2>} style={{ marginBottom: 16 }}>
        <SettingRow
          id="setting-require-admin-totp"
          title={t('settings.requireAdminTotp.title')}
          body={t('settings.requireAdminTotp.body')}
          checked={s.requireAdminTotp}
          loading={saving === 'requireAdminTotp'}
          disabled={!!saving}
          onChange={(v) => void change('requireAdminTotp', v)}
        >
          {s.requireAdminTotp && !user.totpEnabled && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title={t('settings.requireAdminTotp.youToo')}
              description={<Link to="/account">{t('settings.requireAdminTotp.enrolNow')}</Link>}
            />
          )}
        </SettingRow>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('settings.workflow')}</h2>}>
        <SettingRow
          id="setting-review-required"
          title={t('settings.reviewRequired.title')}
          body={t('settings.reviewRequired.body')}
          checked={s.reviewRequired}
          loading={saving === 'reviewRequired'}
          disabled={!!saving}
          onChange={(v) => void change('reviewRequired', v)}
        >
          {s.reviewRequired && (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              <Link to="/review?status=submitted">{t('settings.reviewRequired.openReview')}</Link>
            </Typography.Paragraph>
          )}
        </SettingRow>
      </Card>
    </div>
  );
}
