import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/auth';
import { errorMessage } from '../components/ErrorResult';
import { usePageTitle } from '../lib/usePageTitle';

export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needTotp, setNeedTotp] = useState(false);
  usePageTitle(t('login.title'));

  const from = (location.state as { from?: string } | null)?.from;

  const onFinish = async (values: { username: string; password: string; totp?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password, values.totp?.replace(/\s/g, '') || undefined);
      message.success(t('login.welcome', { name: user.displayName || user.username }));
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && err.problem.totpRequired) {
        // The password was right; the account also wants its authenticator code.
        if (needTotp && values.totp) setError(t('login.totpWrong'));
        setNeedTotp(true);
      } else {
        setError(err instanceof ApiError && err.status === 401 ? t('login.failed') : errorMessage(err, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totp"
              label={t('login.totp')}
              extra={t('login.totpHint')}
              rules={[{ required: true }, { pattern: /^\s*\d{6}\s*$/, message: t('login.totpHint') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
