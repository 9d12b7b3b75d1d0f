import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { useTokens, type ApiToken } from '../../components/review/api';
import { problemText } from '../../components/review/problems';
import { formatDate } from '../../lib/format';

interface NewTokenForm {
  name: string;
  scopes: ('read' | 'write')[];
  expiresInDays?: number | null;
}

type TokenState = 'active' | 'revoked' | 'expired';
const STATE_STYLE: Record<TokenState, React.CSSProperties> = {
  active: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  revoked: { color: '#434343', background: '#f5f5f5', borderColor: '#bfbfbf' },
  expired: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
};

function stateOf(tok: ApiToken): TokenState {
  if (tok.revokedAt) return 'revoked';
  if (tok.expiresAt && Date.parse(tok.expiresAt) < Date.now()) return 'expired';
  return 'active';
}

/** Personal API tokens (for scripts and the CLI): list, create (shown once), revoke. */
export function TokensCard() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const tokens = useTokens();
  const [form] = Form.useForm<NewTokenForm>();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<(ApiToken & { token: string }) | null>(null);

  const create = async (values: NewTokenForm) => {
    setBusy(true);
    setError(null);
    try {
      const tok = await api<ApiToken & { token: string }>('/auth/tokens', {
        method: 'POST',
        body: { name: values.name.trim(), scopes: values.scopes, expiresInDays: values.expiresInDays ?? null },
      });
      setCreated(tok);
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['api-tokens'] });
    } catch (err) {
      setError(problemText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (tok: ApiToken) => {
    try {
      await api(`/auth/tokens/${encodeURIComponent(tok.id)}`, { method: 'DELETE' });
      message.success(t('account.tokens.revoked', { name: tok.name }));
      void qc.invalidateQueries({ queryKey: ['api-tokens'] });
    } catch (err) {
      message.error(problemText(err, t));
    }
  };

  const items = [...(tokens.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('account.tokens.title')}</h2>}
      extra={
        !creating && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('account.tokens.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('account.tokens.intro')}</Typography.Paragraph>
      {creating && (
        <Card size="small" style={{ marginBottom: 16, background: '#fafafa' }}>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
          <Form<NewTokenForm>
            form={form}
            layout="vertical"
            onFinish={create}
            disabled={busy}
            initialValues={{ scopes: ['read'], expiresInDays: 90 }}
            style={{ maxWidth: 560 }}
          >
            <Form.Item name="name" label={t('account.tokens.name')} extra={t('account.tokens.nameHint')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
              <Input autoFocus maxLength={100} />
            </Form.Item>
            <Form.Item name="scopes" label={t('account.tokens.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('account.tokens.scopesRequired') }]}>
              <Checkbox.Group
                options={[
                  { value: 'read', label: t('account.tokens.scope.read') },
                  { value: 'write', label: t('account.tokens.scope.write') },
                ]}
              />
            </Form.Item>
            <Form.Item name="expiresInDays" label={t('account.tokens.expiresInDays')} extra={t('account.tokens.expiresHint')}>
              <InputNumber min={1} max={3650} precision={0} suffix={t('account.tokens.days')} style={{ width: 180 }} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} icon={<KeyOutlined />}>
                {t('account.tokens.createSubmit')}
              </Button>
              <Button onClick={() => (setCreating(false), setError(null))}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      {tokens.error ? (
        <ErrorResult error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          loading={tokens.isLoading}
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('account.tokens.empty') }}
          columns={[
            { title: t('account.tokens.name'), dataIndex: 'name' },
            {
              title: t('account.tokens.scopes'),
              dataIndex: 'scopes',
              render: (v: string[]) => v.map((s) => <Tag key={s}>{t(`account.tokens.scope.${s}`, { defaultValue: s })}</Tag>),
            },
            { title: t('account.tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v, i18n.language) },
            {
              title: t('account.tokens.expiresAt'),
              dataIndex: 'expiresAt',
              render: (v: string | null) => (v ? formatDate(v, i18n.language) : t('account.tokens.never')),
            },
            {
              title: t('account.tokens.state'),
              key: 'state',
              render: (_, tok) => {
                const s = stateOf(tok);
                return <Tag style={STATE_STYLE[s]}>{t(`account.tokens.states.${s}`)}</Tag>;
              },
            },
            {
              title: <span className="sr-only">{t('common.actions')}</span>,
              key: 'actions',
              width: 110,
              render: (_, tok) =>
                stateOf(tok) === 'active' ? (
                  <Popconfirm
                    title={t('account.tokens.revokeConfirm', { name: tok.name })}
                    description={t('account.tokens.revokeBody')}
                    okText={t('account.tokens.revoke')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => revoke(tok)}
                  >
                    <Button size="small" danger aria-label={`${t('account.tokens.revoke')} ${tok.name}`}>
                      {t('account.tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
      <Modal
        open={!!created}
        title={t('account.tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('account.tokens.saved')}
          </Button>
        }
      >
        {created && (
          <>
            <Alert type="warning" showIcon title={t('account.tokens.onceTitle')} description={t('account.tokens.onceBody')} style={{ marginBottom: 16 }} />
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              <strong id="new-token-label">{created.name}</strong>
            </Typography.Paragraph>
            <Typography.Paragraph
              code
              copyable={{ text: created.token, tooltips: [t('account.copy'), t('account.copied')] }}
              aria-labelledby="new-token-label"
              style={{ wordBreak: 'break-all', fontSize: 15 }}
              data-testid="new-token"
            >
              {created.token}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('account.tokens.usage')} <Typography.Text code>Authorization: Bearer …</Typography.Text>
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Card>
  );
}
