import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Result, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DownloadOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../../api/client';
import { useOrgUnitIndex } from '../../api/hooks';
import type { OrgUnit, Role } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { useUsers, type ManagedUser } from '../../components/review/api';
import { TotpStatusTag } from '../../components/review/parts';
import { localiseDetail, problemText } from '../../components/review/problems';
import { downloadText, toCsv } from '../../lib/csv';
import { formatDate, formatNumber } from '../../lib/format';
import { mapFieldErrors } from '../../lib/problem';
import { usePageTitle } from '../../lib/usePageTitle';

const ROLES: Role[] = ['admin', 'operator', 'reviewer', 'auditor', 'viewer'];

interface UserForm {
  username: string;
  displayName?: string;
  password: string;
  role: Role;
  /** OPD ids in the form; the create call sends their codes. */
  orgUnitIds: string[];
}

/** Server field names → this form's names ("org" and "orgCodes" are the OPD picker). */
const FIELD_ALIAS: Record<string, string> = { org: 'orgUnitIds', orgCodes: 'orgUnitIds' };

/** Puts problem+json field errors on the form's fields; returns what no field shows. */
function showFieldErrors(err: unknown, form: FormInstance<UserForm>, names: string[], t: TFunction): string | null {
  if (!(err instanceof ApiError)) return problemText(err, t);
  const errors = (err.problem.errors ?? []).map((e) => ({
    ...e,
    field: FIELD_ALIAS[e.field.split('.')[0]!] ?? e.field,
    message: localiseDetail(e.message, t) ?? e.message,
  }));
  // A taken username is a 409 without field errors: it still belongs under the username.
  if (err.status === 409 && /exists already/.test(err.problem.detail ?? '') && names.includes('username')) {
    errors.push({ field: 'username', rule: 'unique', message: localiseDetail(err.problem.detail, t)! });
  }
  if (errors.length === 0) return problemText(err, t);
  const mapped = mapFieldErrors(errors, (n) => n.length === 1 && names.includes(String(n[0])));
  form.setFields(mapped.fields as never);
  if (mapped.fields[0]) form.scrollToField(mapped.fields[0].name, { block: 'center' });
  return mapped.other.length ? mapped.other.map((e) => e.message).join(' ') : null;
}

function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  const style: Record<Role, React.CSSProperties> = {
    admin: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
    operator: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
    reviewer: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
    auditor: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
    viewer: { color: '#434343', background: '#f5f5f5', borderColor: '#bfbfbf' },
  };
  return <Tag style={style[role]}>{t(`role.${role}`, { defaultValue: role })}</Tag>;
}

/** The add / edit dialog. Editing cannot change the username or the password (the server has no call for that). */
function UserDialog({ user, orgs, onClose }: { user: ManagedUser | 'new'; orgs: OrgUnit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isNew = user === 'new';
  const orgById = new Map(orgs.map((o) => [o.id, o]));

  const submit = async (values: UserForm) => {
    setBusy(true);
    setError(null);
    try {
      if (isNew) {
        const created = await api<ManagedUser>('/users', {
          method: 'POST',
          body: {
            username: values.username.trim(),
            displayName: values.displayName?.trim() || undefined,
            password: values.password,
            role: values.role,
            orgCodes: (values.orgUnitIds ?? []).map((id) => orgById.get(id)?.code ?? id),
          },
        });
        message.success(t('users.created', { username: created.username }));
      } else {
        const changes: Record<string, unknown> = {};
        if ((values.displayName?.trim() ?? '') !== user.displayName && values.displayName?.trim()) changes.displayName = values.displayName.trim();
        if (values.role !== user.role) changes.role = values.role;
        const ids = values.orgUnitIds ?? [];
        if (JSON.stringify([...ids].sort()) !== JSON.stringify([...user.orgUnitIds].sort())) changes.orgUnitIds = ids;
        if (Object.keys(changes).length > 0) {
          await api<ManagedUser>(`/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: changes });
          message.success(t('users.saved', { username: user.username }));
        }
      }
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (err) {
      setError(showFieldErrors(err, form, ['username', 'displayName', 'password', 'role', 'orgUnitIds'], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={isNew ? t('users.addTitle') : t('users.editTitle', { username: user.username })}
      onCancel={onClose}
      okText={isNew ? t('users.add') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      maskClosable={false}
      destroyOnHidden
      width={620}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<UserForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        initialValues={isNew ? { role: 'viewer', orgUnitIds: [] } : { displayName: user.displayName, role: user.role, orgUnitIds: user.orgUnitIds }}
      >
        {isNew && (
          <Form.Item
            name="username"
            label={t('login.username')}
            extra={t('users.usernameHint')}
            rules={[{ required: true, whitespace: true }, { pattern: /^[a-z0-9._-]{3,64}$/i, message: t('review.problems.usernameFormat') }]}
          >
            <Input autoComplete="off" autoFocus maxLength={64} />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ max: 200 }, ...(isNew ? [] : [{ required: true, whitespace: true }])]}>
          <Input maxLength={200} autoFocus={!isNew} />
        </Form.Item>
        {isNew && (
          <Form.Item name="password" label={t('login.password')} extra={t('users.passwordHint')} rules={[{ required: true }, { min: 12, message: t('review.problems.passwordMin', { n: 12 }) }]}>
            <Input.Password autoComplete="new-password" maxLength={1024} />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('users.role')} extra={role ? t(`users.roleHint.${role}`) : undefined} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="orgUnitIds"
          label={t('users.orgUnits')}
          extra={role === 'operator' ? t('users.orgHintOperator') : t('users.orgHintOther')}
          rules={role === 'operator' ? [{ required: true, type: 'array', min: 1, message: t('review.problems.operatorNeedsOrg') }] : []}
        >
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('form.selectOrg')}
            options={orgs.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))}
          />
        </Form.Item>
        {!isNew && <Typography.Paragraph type="secondary">{t('users.sessionsEnd')}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}

/** Administrasi › Pengguna: admins manage the users of their instansi; auditors read the list. */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { user: me, loading } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const allowed = me?.role === 'admin' || me?.role === 'auditor';
  const isAdmin = me?.role === 'admin';
  const users = useUsers(allowed);
  const orgs = useOrgUnitIndex();
  const [dialog, setDialog] = useState<ManagedUser | 'new' | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  usePageTitle(t('users.title'));

  const q = params.get('q') ?? '';
  const roleFilter = params.get('role') ?? '';
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };

  const orgNames = (ids: string[]) => ids.map((id) => orgs.byId.get(id)?.name ?? id);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (users.data?.items ?? [])
      .filter((u) => !roleFilter || u.role === roleFilter)
      .filter((u) => !needle || `${u.username} ${u.displayName} ${u.orgUnitIds.map((id) => orgs.byId.get(id)?.name ?? '').join(' ')}`.toLowerCase().includes(needle));
  }, [users.data, q, roleFilter, orgs.byId]);

  if (loading) return <Skeleton active />;
  if (!allowed) return <Result status="403" title={t('users.title')} subTitle={me ? t('errors.forbidden') : t('errors.unauthorized')} />;

  const toggle = async (u: ManagedUser) => {
    setToggling(u.id);
    try {
      await api(`/users/${encodeURIComponent(u.id)}`, { method: 'PATCH', body: { disabled: !u.disabledAt } });
      message.success(u.disabledAt ? t('users.enabledMsg', { username: u.username }) : t('users.disabledMsg', { username: u.username }));
      void qc.invalidateQueries({ queryKey: ['users'] });
    } catch (err) {
      message.error(problemText(err, t));
    } finally {
      setToggling(null);
    }
  };

  const exportCsv = () => {
    const header = [t('login.username'), t('users.displayName'), t('users.role'), t('users.orgUnits'), t('account.totp.title'), t('users.status'), t('users.createdAt')];
    const data = rows.map((u) => [
      u.username,
      u.displayName,
      t(`role.${u.role}`),
      orgNames(u.orgUnitIds).join('; '),
      u.totpEnabled ? t('account.totp.on') : t('account.totp.off'),
      u.disabledAt ? t('users.disabled') : t('users.active'),
      formatDate(u.createdAt, i18n.language),
    ]);
    downloadText(`pengguna-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, data));
  };

  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 16, flexWrap: 'wrap' }}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 26 }}>
            {t('users.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
            {t('users.intro')}
          </Typography.Paragraph>
        </div>
        {isAdmin && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog('new')}>
            {t('users.add')}
          </Button>
        )}
      </div>
      {!isAdmin && <Alert type="info" showIcon title={t('users.readOnly')} style={{ marginBottom: 16 }} />}
      <div className="atlas-toolbar" role="search" style={{ marginBottom: 12 }}>
        <Input.Search aria-label={t('users.search')} placeholder={t('users.search')} defaultValue={q} allowClear onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 320 }} />
        <Select
          aria-label={t('users.filterRole')}
          value={roleFilter}
          onChange={(v: string) => set('role', v || undefined)}
          options={[{ value: '', label: t('users.allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
          style={{ width: 200 }}
        />
        <div style={{ flex: 1 }} />
        <Typography.Text>{t('common.total', { total: formatNumber(rows.length) })}</Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={rows.length === 0}>
          {t('common.exportCsv')}
        </Button>
      </div>
      {users.error ? (
        <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<ManagedUser>
          rowKey="id"
          size="middle"
          loading={users.isLoading}
          dataSource={rows}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              title: t('login.username'),
              dataIndex: 'username',
              sorter: (a, b) => a.username.localeCompare(b.username),
              defaultSortOrder: 'ascend',
              render: (v: string, u) => (
                <span>
                  <Typography.Text strong>{v}</Typography.Text>
                  {u.id === me?.id && <Typography.Text type="secondary"> ({t('users.itsYou')})</Typography.Text>}
                </span>
              ),
            },
            { title: t('users.displayName'), dataIndex: 'displayName', sorter: (a, b) => a.displayName.localeCompare(b.displayName) },
            { title: t('users.role'), dataIndex: 'role', width: 140, render: (r: Role) => <RoleTag role={r} /> },
            {
              title: t('users.orgUnits'),
              dataIndex: 'orgUnitIds',
              render: (ids: string[]) =>
                ids.length ? (
                  <Space size={[4, 4]} wrap>
                    {orgNames(ids).map((n, i) => (
                      <Tag key={i}>{n}</Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                ),
            },
            { title: t('users.totp'), dataIndex: 'totpEnabled', width: 130, render: (on: boolean) => <TotpStatusTag on={on} /> },
            {
              title: t('users.status'),
              dataIndex: 'disabledAt',
              width: 130,
              render: (v: string | null) =>
                v ? (
                  <Tooltip title={t('users.disabledSince', { date: formatDate(v, i18n.language) })}>
                    <Tag style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('users.disabled')}</Tag>
                  </Tooltip>
                ) : (
                  <Tag style={{ color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' }}>{t('users.active')}</Tag>
                ),
            },
            ...(isAdmin
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 220,
                    render: (_: unknown, u: ManagedUser) => {
                      const self = u.id === me?.id;
                      return (
                        <Space>
                          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog(u)} aria-label={`${t('common.edit')} ${u.username}`}>
                            {t('common.edit')}
                          </Button>
                          {self ? (
                            <Tooltip title={t('review.problems.selfDemote')}>
                              <Button size="small" disabled>
                                {t('users.disable')}
                              </Button>
                            </Tooltip>
                          ) : (
                            <Popconfirm
                              title={u.disabledAt ? t('users.enableConfirm', { username: u.username }) : t('users.disableConfirm', { username: u.username })}
                              description={u.disabledAt ? undefined : t('users.disableBody')}
                              okText={u.disabledAt ? t('users.enable') : t('users.disable')}
                              okButtonProps={{ danger: !u.disabledAt }}
                              cancelText={t('common.cancel')}
                              onConfirm={() => toggle(u)}
                            >
                              <Button size="small" danger={!u.disabledAt} loading={toggling === u.id} aria-label={`${u.disabledAt ? t('users.enable') : t('users.disable')} ${u.username}`}>
                                {u.disabledAt ? t('users.enable') : t('users.disable')}
                              </Button>
                            </Popconfirm>
                          )}
                        </Space>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      )}
      {dialog && <UserDialog user={dialog} orgs={orgs.items} onClose={() => setDialog(null)} />}
    </div>
  );
}
