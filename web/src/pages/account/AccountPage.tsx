import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Result, Skeleton, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken } from '../../api/client';
import { useOrgUnitIndex } from '../../api/hooks';
import { useAuth } from '../../auth/auth';
import { useSettings } from '../../components/review/api';
import { TotpStatusTag } from '../../components/review/parts';
import { problemText } from '../../components/review/problems';
import { usePageTitle } from '../../lib/usePageTitle';
import { TokensCard } from './TokensCard';
import { CodeInput, TotpSetup } from './TotpSetup';

/** Turning the second factor off asks for a current code (a stolen session alone cannot do it). */
function DisableTotp() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const disable = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/totp/disable', { method: 'POST', body: { code: code.replace(/\s/g, '') } });
      message.success(t('account.totp.disabled'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['me'] });
      void qc.invalidateQueries({ queryKey: ['users'] });
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) form.setFields([{ name: 'code', errors: [t('account.totp.wrongCode')] }]);
      else setError(problemText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t('account.totp.disableIntro')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={disable} requiredMark={false} disabled={busy}>
        <Form.Item
          name="code"
          label={t('login.totp')}
          rules={[
            { required: true, message: t('account.totp.codeHint') },
            { pattern: /^\s*\d{3}\s?\d{3}\s*$/, message: t('account.totp.codeHint') },
          ]}
        >
          <CodeInput />
        </Form.Item>
        <Form.Item>
          <Button danger htmlType="submit" loading={busy}>
            {t('account.totp.disable')}
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { user, loading } = useAuth();
  const orgs = useOrgUnitIndex();
  const settings = useSettings(!!user);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  usePageTitle(t('account.title'));

  if (loading) return <Skeleton active />;
  if (!user) return <Result status="403" title={t('account.title')} subTitle={t('errors.unauthorized')} extra={<Link to="/login">{t('header.login')}</Link>} />;

  const totpOn = !!user.totpEnabled;
  const adminMustKeep = user.role === 'admin' && settings.data?.requireAdminTotp === true;

  const logoutEverywhere = () =>
    modal.confirm({
      title: t('account.sessions.confirmTitle'),
      content: t('account.sessions.confirmBody'),
      okText: t('account.sessions.logoutEverywhere'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await api<{ ended: number }>('/auth/logout-everywhere', { method: 'POST' });
          message.success(t('account.sessions.ended', { count: r.ended }));
        } catch (err) {
          message.error(problemText(err, t));
          return;
        }
        // Leave the page first, then forget the session (this page would otherwise flash its logged-out face).
        navigate('/login', { replace: true });
        setCsrfToken(null);
        qc.setQueryData(['me'], null);
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      },
    });

  const profile: DescriptionsProps['items'] = [
    { key: 'username', label: t('login.username'), children: <Typography.Text code>{user.username}</Typography.Text> },
    { key: 'name', label: t('users.displayName'), children: user.displayName || t('common.none') },
    { key: 'role', label: t('users.role'), children: t(`role.${user.role}`) },
    { key: 'instansi', label: t('account.instansi'), children: user.instansi?.name ?? t('common.none') },
    {
      key: 'orgs',
      label: t('users.orgUnits'),
      span: 'filled',
      children: user.orgUnitIds.length ? (
        <Space size={[4, 4]} wrap>
          {user.orgUnitIds.map((id) => (
            <Link key={id} to={`/org-units/${id}`}>
              <Tag>{orgs.byId.get(id)?.name ?? id}</Tag>
            </Link>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('account.noOrgUnits')}</Typography.Text>
      ),
    },
    { key: 'totp', label: t('account.totp.title'), children: <TotpStatusTag on={totpOn} /> },
  ];

  return (
    <div style={{ maxWidth: 1000 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('account.title')}
      </Typography.Title>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.profile')}</h2>}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={profile} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('account.profileHint')}
          </Typography.Paragraph>
        </Card>

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.totp.title')}</h2>} extra={<TotpStatusTag on={totpOn} />}>
          <Typography.Paragraph type="secondary">{t('account.totp.intro')}</Typography.Paragraph>
          {totpOn ? (
            adminMustKeep ? (
              <Alert type="info" showIcon title={t('account.totp.requiredForAdmins')} />
            ) : (
              <DisableTotp />
            )
          ) : (
            <TotpSetup />
          )}
        </Card>

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.sessions.title')}</h2>}>
          <Typography.Paragraph type="secondary">{t('account.sessions.intro')}</Typography.Paragraph>
          <Button danger icon={<LogoutOutlined />} onClick={logoutEverywhere}>
            {t('account.sessions.logoutEverywhere')}
          </Button>
        </Card>

        <TokensCard />
      </Space>
    </div>
  );
}
