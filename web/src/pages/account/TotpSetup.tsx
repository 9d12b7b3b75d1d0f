import { useState } from 'react';
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { groupSecret } from '../../components/review/api';
import { problemText } from '../../components/review/problems';

const DT: React.CSSProperties = { color: 'rgba(0,0,0,0.68)' };
const CODE_RULE = /^\s*\d{3}\s?\d{3}\s*$/;

/** The authenticator code input, labelled, numeric, one-time-code autocompletion. */
export function CodeInput(props: { id?: string; value?: string; onChange?: (e: React.ChangeEvent<HTMLInputElement>) => void; autoFocus?: boolean }) {
  return <Input {...props} inputMode="numeric" autoComplete="one-time-code" maxLength={7} style={{ width: 160, letterSpacing: 2 }} />;
}

/**
 * Enrolment of a second factor: start (a new secret), add it to an
 * authenticator app by hand, confirm with a first code. There is no QR code:
 * the secret, grouped in fours, and the otpauth URI are what apps accept by
 * manual entry.
 */
export function TotpSetup({ onEnabled, autoStart = false }: { onEnabled?: () => void; autoStart?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setSecret(await api<{ secret: string; uri: string }>('/auth/totp/setup', { method: 'POST' }));
    } catch (err) {
      setError(problemText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/totp/enable', { method: 'POST', body: { code: code.replace(/\s/g, '') } });
      message.success(t('account.totp.enabled'));
      setSecret(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['me'] });
      void qc.invalidateQueries({ queryKey: ['users'] });
      onEnabled?.();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) form.setFields([{ name: 'code', errors: [t('account.totp.wrongCode')] }]);
      else setError(problemText(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (!secret) {
    return (
      <div>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Button type={autoStart ? 'primary' : 'default'} icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void start()}>
          {t('account.totp.start')}
        </Button>
      </div>
    );
  }

  return (
    <div style={{ maxWidth: 720 }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <ol style={{ paddingInlineStart: 20, display: 'grid', gap: 16 }}>
        <li>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('account.totp.step1')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('account.totp.noQr')}
          </Typography.Paragraph>
        </li>
        <li>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('account.totp.step2')}</Typography.Paragraph>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: '8px 0' }}>
            <dt style={DT}>{t('account.totp.accountLabel')}</dt>
            <dd style={{ margin: 0 }}>{decodeURIComponent(secret.uri.match(/^otpauth:\/\/totp\/([^?]*)/)?.[1] ?? '')}</dd>
            <dt id="totp-secret-label" style={DT}>{t('account.totp.secretLabel')}</dt>
            <dd style={{ margin: 0 }}>
              <Typography.Text
                code
                copyable={{ text: secret.secret, tooltips: [t('account.copy'), t('account.copied')] }}
                aria-labelledby="totp-secret-label"
                style={{ fontSize: 18, letterSpacing: 1 }}
              >
                {groupSecret(secret.secret)}
              </Typography.Text>
            </dd>
            <dt style={DT}>{t('account.totp.typeLabel')}</dt>
            <dd style={{ margin: 0 }}>{t('account.totp.typeValue')}</dd>
          </dl>
          <details>
            <summary>{t('account.totp.uriLabel')}</summary>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('account.totp.uriHint')}
            </Typography.Paragraph>
            <Typography.Text code copyable={{ text: secret.uri, tooltips: [t('account.copy'), t('account.copied')] }} style={{ wordBreak: 'break-all' }}>
              {secret.uri}
            </Typography.Text>
          </details>
        </li>
        <li>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('account.totp.step3')}</Typography.Paragraph>
          <Form form={form} layout="inline" onFinish={confirm} requiredMark={false} disabled={busy}>
            <Form.Item
              name="code"
              label={t('login.totp')}
              rules={[
                { required: true, message: t('account.totp.codeHint') },
                { pattern: CODE_RULE, message: t('account.totp.codeHint') },
              ]}
            >
              <CodeInput autoFocus />
            </Form.Item>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('account.totp.confirm')}
                </Button>
                <Button onClick={() => setSecret(null)}>{t('common.cancel')}</Button>
              </Space>
            </Form.Item>
          </Form>
        </li>
      </ol>
    </div>
  );
}
