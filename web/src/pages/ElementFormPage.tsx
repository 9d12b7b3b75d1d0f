import { useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Space,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useElement, useKindIndex, useOrgUnitIndex, useReferenceModel } from '../api/hooks';
import {
  CLASSIFICATIONS,
  DOMAIN_IDS,
  LIFECYCLES,
  type AttributeField,
  type ChangeRequest,
  type Element,
  type Kind,
  type ReferenceNode,
} from '../api/types';
import { useAuth } from '../auth/auth';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { useLabel } from '../lib/label';
import { mapFieldErrors } from '../lib/problem';
import { usePageTitle } from '../lib/usePageTitle';
import { proposedMessage } from '../components/review/ChangeRequestRef';

const DATE_FORMATS = ['D MMMM YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'YYYY-MM-DD', 'DD/MM/YYYY'];

type FormValues = {
  code?: string;
  name?: string;
  description?: string;
  orgUnitId?: string;
  refCode?: string;
  lifecycle?: string;
  classification?: string;
  attributes?: Record<string, unknown>;
};

const CORE_NAMES = ['code', 'name', 'description', 'orgUnitId', 'refCode', 'lifecycle', 'classification'];

/** Attribute value as stored → as the form input holds it. */
function toFormValue(field: AttributeField, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (field.type === 'date' && typeof value === 'string') {
    const d = dayjs(value);
    return d.isValid() ? d : undefined;
  }
  return value;
}

/** Form input value → API value; null means "no value". */
function fromFormValue(field: AttributeField, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (field.type === 'date') return dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value;
  if (typeof value === 'string') {
    const s = value.trim();
    return s === '' ? null : s;
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
    return items.length ? items : null;
  }
  return value;
}

interface RefOption {
  value: string;
  title: string;
  children?: RefOption[];
}

function treeData(nodes: ReferenceNode[] | undefined, model: string): RefOption[] {
  return (nodes ?? []).map((n) => ({
    value: `${model}:${n.code}`,
    title: `${n.code} ${n.name}`,
    children: n.children?.length ? treeData(n.children, model) : undefined,
  }));
}

/**
 * The input for one attribute. A plain function (not a component) so that
 * Form.Item injects id, value and onChange straight into the AntD input.
 */
function attributeInput(field: AttributeField, lang: string, t: (k: string) => string) {
  const options = (field.options ?? []).map((o) => ({
    value: o.value,
    label: o.label ? (lang === 'en' ? o.label.en : o.label.id) || o.value : o.value,
  }));
  switch (field.type) {
    case 'text':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />;
    case 'integer':
    case 'number':
      return (
        <InputNumber
          style={{ width: 220 }}
          min={field.min}
          max={field.max}
          precision={field.type === 'integer' ? 0 : undefined}
          decimalSeparator={lang === 'en' ? '.' : ','}
        />
      );
    case 'boolean':
      return <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />;
    case 'date':
      return <DatePicker format={DATE_FORMATS} style={{ width: 220 }} />;
    case 'url':
      return <Input type="url" inputMode="url" placeholder="https://" maxLength={2000} />;
    case 'enum':
      return (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          placeholder={t('form.selectOption')}
          style={{ maxWidth: 480 }}
        />
      );
    case 'enum[]':
      return (
        <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={options} placeholder={t('form.selectOption')} />
      );
    case 'string[]':
      return <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['\n']} placeholder={t('form.tagsHint')} />;
    default:
      return <Input maxLength={500} />;
  }
}

function attributeRules(field: AttributeField, t: (k: string) => string) {
  const rules: object[] = [];
  if (field.required) {
    if (field.type === 'enum[]' || field.type === 'string[]') rules.push({ required: true, type: 'array', min: 1 });
    else if (field.type === 'string' || field.type === 'text' || field.type === 'url') rules.push({ required: true, whitespace: true });
    else rules.push({ required: true });
  }
  if (field.type === 'url') rules.push({ pattern: /^https?:\/\/\S+$/i, message: t('form.invalidUrl') });
  if (field.type === 'integer') rules.push({ type: 'integer' });
  if ((field.type === 'integer' || field.type === 'number') && (field.min !== undefined || field.max !== undefined))
    rules.push({ type: 'number', min: field.min, max: field.max });
  if (field.type === 'string') rules.push({ max: 500 });
  return rules;
}

function KindChooser() {
  const { t } = useTranslation();
  const label = useLabel();
  const { kinds } = useKindIndex();
  const [, setParams] = useSearchParams();
  usePageTitle(t('form.chooseKind'));
  return (
    <Card style={{ maxWidth: 560 }}>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {t('catalog.chooseKind')}
      </Typography.Title>
      <Form layout="vertical">
        <Form.Item label={t('form.chooseKind')} name="kind">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(kind: string) => setParams({ kind })}
            options={DOMAIN_IDS.map((d) => ({
              label: t(`domain.${d}`),
              title: t(`domain.${d}`),
              options: kinds.filter((k) => k.domain === d).map((k) => ({ value: k.id, label: label(k.label) })),
            })).filter((g) => g.options.length > 0)}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

export default function ElementFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { kinds, byId, isLoading: kindsLoading, error: kindsError } = useKindIndex();
  const element = useElement(id);
  const { t } = useTranslation();
  const { loading: authLoading } = useAuth();

  if (kindsError) return <ErrorResult error={kindsError} />;
  if (id && element.error) return <ErrorResult error={element.error} onRetry={() => void element.refetch()} />;
  if (authLoading || kindsLoading || (id && !element.data)) return <Skeleton active />;
  const kindId = id ? element.data!.kind : params.get('kind');
  if (!kindId) return <KindChooser />;
  const kind = byId.get(kindId);
  if (!kind) {
    return kinds.length ? <Result status="warning" title={t('form.unknownKind', { kind: kindId })} /> : <Skeleton active />;
  }
  return <ElementForm key={`${kind.id}:${element.data?.id ?? 'new'}:${element.data?.version ?? 0}`} kind={kind} element={id ? element.data : undefined} reload={() => element.refetch()} />;
}

function ElementForm({ kind, element, reload }: { kind: Kind; element?: Element; reload: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const label = useLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const { canWrite, canEdit, user, writableOrgUnitIds } = useAuth();
  const orgs = useOrgUnitIndex();
  const refModel = useReferenceModel(kind.referenceModel);
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; details: string[] } | null>(null);
  const editing = !!element;
  const title = editing ? t('form.titleEdit', { name: element.name }) : t('form.titleNew', { kind: label(kind.label) });
  usePageTitle(title);

  const initialValues = useMemo<FormValues>(() => {
    if (!element) {
      const ownOrg = user?.role === 'operator' && user.orgUnitIds.length === 1 ? user.orgUnitIds[0] : undefined;
      return { lifecycle: 'as-is', classification: kind.defaultClassification, orgUnitId: ownOrg, attributes: {} };
    }
    return {
      code: element.code ?? undefined,
      name: element.name,
      description: element.description ?? undefined,
      orgUnitId: element.orgUnitId ?? undefined,
      refCode: element.refCode ?? undefined,
      lifecycle: element.lifecycle,
      classification: element.classification,
      attributes: Object.fromEntries(kind.attributes.map((a) => [a.key, toFormValue(a, element.attributes?.[a.key])])),
    };
  }, [element, kind, user]);

  const refTree = useMemo(
    () => (kind.referenceModel ? treeData(refModel.data?.items, kind.referenceModel) : []),
    [refModel.data, kind.referenceModel],
  );

  if (!canWrite || (editing && !canEdit(element))) {
    return (
      <Result
        status="403"
        title={t('errors.forbidden')}
        subTitle={user ? (user.role === 'operator' ? t('form.ownOrgOnly') : undefined) : t('errors.unauthorized')}
        extra={
          !user && (
            <Button type="primary" onClick={() => navigate('/login', { state: { from: location.pathname + location.search } })}>
              {t('header.login')}
            </Button>
          )
        }
      />
    );
  }
  const orgOptions = orgs.items
    .filter((o) => !writableOrgUnitIds || writableOrgUnitIds.includes(o.id))
    .map((o) => ({ value: o.id, label: o.name, search: [o.name, o.code, ...(o.aliases ?? [])].join(' ') }));

  const knownName = (name: (string | number)[]) => {
    if (name.length === 1) return CORE_NAMES.includes(String(name[0]));
    return name.length === 2 && name[0] === 'attributes' && kind.attributes.some((a) => a.key === name[1]);
  };

  const buildBody = (values: FormValues) => {
    const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
    const core: Record<string, unknown> = {
      code: text(values.code),
      name: values.name?.trim() ?? '',
      description: text(values.description),
      orgUnitId: values.orgUnitId ?? null,
      refCode: values.refCode ?? null,
      lifecycle: values.lifecycle,
      classification: values.classification,
    };
    const attributes: Record<string, unknown> = {};
    for (const a of kind.attributes) {
      const v = fromFormValue(a, values.attributes?.[a.key]);
      // On create only what was said is sent; on edit null clears a value.
      if (v !== null || (editing && element.attributes?.[a.key] !== undefined)) attributes[a.key] = v;
    }
    if (!editing) return { kind: kind.id, ...core, attributes };
    const patch: Record<string, unknown> = {};
    const before = element as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(core)) if ((before[k] ?? null) !== v) patch[k] = v;
    patch['attributes'] = attributes;
    return patch;
  };

  const fieldLabel = (field: string) => {
    const [head, key] = field.split('.');
    if (head === 'attributes' && key) {
      const a = kind.attributes.find((x) => x.key === key);
      return a ? label(a.label) : key;
    }
    return head === 'orgUnitId' ? t('field.orgUnit') : CORE_NAMES.includes(head) ? t(`field.${head}`) : field;
  };

  /** Server messages are in English; in Indonesian the known rules get Indonesian words. */
  const localiseRule = (rule: string | undefined, fieldName: string, message: string) => {
    if (lang === 'en' || !rule) return message;
    const key = rule.startsWith('format') ? 'format' : rule;
    return i18n.exists(`form.rules.${key}`) ? t(`form.rules.${key}`, { label: fieldName }) : message;
  };

  const onConflict = (err: ApiError) => {
    modal.confirm({
      title: t('form.conflictTitle'),
      content: t('form.conflictBody', { mine: element?.version, current: err.problem.currentVersion ?? '?' }),
      okText: t('form.conflictReload'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        await reload();
      },
    });
  };

  const onFinish = async (values: FormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const body = buildBody(values);
      const saved = editing
        ? await api<Element | ChangeRequest>(`/elements/${encodeURIComponent(element.id)}`, { method: 'PATCH', body, ifMatch: element.version })
        : await api<Element | ChangeRequest>('/elements', { method: 'POST', body });
      if ('status' in saved && 'action' in saved) {
        // 202: the change became a change request that a reviewer must approve.
        message.info({ content: proposedMessage(t('form.proposed'), t('review.openRequest'), saved.id, navigate), duration: 10 });
        navigate(editing ? `/elements/${element.id}` : `/domain/${kind.domain}`, { replace: true, state: location.state });
        return;
      }
      qc.setQueryData(['element', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['elements'] });
      void qc.invalidateQueries({ queryKey: ['domain-count'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(editing ? t('form.saved') : t('form.created'));
      navigate(`/elements/${saved.id}`, { replace: true, state: location.state });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 412) && editing) {
        onConflict(err);
      } else if (err instanceof ApiError && err.problem.errors?.length) {
        const errors = err.problem.errors.map((e) => {
          const localised = localiseRule(e.rule, fieldLabel(e.field), e.message);
          // A message already naming its field needs no "field:" in the summary.
          return { ...e, message: localised, field: e.field, named: localised !== e.message };
        });
        const mapped = mapFieldErrors(errors, knownName);
        form.setFields(mapped.fields);
        setProblem({
          title: t('form.fixErrors'),
          details: mapped.other.map((e) => ((e as { named?: boolean }).named || !e.field ? e.message : `${fieldLabel(e.field)}: ${e.message}`)),
        });
        if (mapped.fields[0]) form.scrollToField(mapped.fields[0].name, { block: 'center' });
      } else {
        setProblem({ title: errorMessage(err, t), details: [] });
      }
    } finally {
      setBusy(false);
    }
  };

  const codeRules = kind.codePattern
    ? [{ pattern: new RegExp(kind.codePattern), message: t('form.codePattern', { pattern: kind.codePattern }) }]
    : [];

  return (
    <div style={{ maxWidth: 920 }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {title}
      </Typography.Title>
      {kind.description && <Typography.Paragraph type="secondary">{label(kind.description)}</Typography.Paragraph>}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem.title}
          description={problem.details.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{problem.details.map((d, i) => <li key={i}>{d}</li>)}</ul> : undefined}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
        disabled={busy}
        scrollToFirstError={false}
      >
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('form.core')}</h2>} style={{ marginBottom: 16 }}>
          <div style={{ display: 'grid', gridTemplateColumns: 'minmax(160px, 1fr) 3fr', columnGap: 16 }}>
            <Form.Item name="code" label={t('field.code')} rules={[...codeRules, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true }, { max: 500 }]}>
              <Input maxLength={500} />
            </Form.Item>
          </div>
          <Form.Item name="description" label={t('field.description')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} />
          </Form.Item>
          <Form.Item
            name="orgUnitId"
            label={t('field.orgUnit')}
            rules={writableOrgUnitIds ? [{ required: true }] : []}
            extra={writableOrgUnitIds ? t('form.ownOrgOnly') : undefined}
          >
            <Select
              allowClear={!writableOrgUnitIds}
              showSearch={{ optionFilterProp: 'search' }}
              placeholder={t('form.selectOrg')}
              loading={orgs.isLoading}
              options={orgOptions}
            />
          </Form.Item>
          {kind.referenceModel && (
            <Form.Item name="refCode" label={`${t('field.refCode')} (${kind.referenceModel})`}>
              <TreeSelect
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder={t('form.selectRef')}
                treeData={refTree}
                loading={refModel.isLoading}
                popupMatchSelectWidth={false}
                treeDefaultExpandedKeys={initialValues.refCode ? [initialValues.refCode] : []}
              />
            </Form.Item>
          )}
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            <Form.Item name="lifecycle" label={t('field.lifecycle')} rules={[{ required: true }]} style={{ minWidth: 200 }}>
              <Select options={LIFECYCLES.map((l) => ({ value: l, label: t(`lifecycle.${l}`) }))} />
            </Form.Item>
            <Form.Item name="classification" label={t('field.classification')} rules={[{ required: true }]} style={{ minWidth: 200 }}>
              <Select options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))} />
            </Form.Item>
          </div>
        </Card>
        {kind.attributes.length > 0 && (
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('form.attributes', { kind: label(kind.label) })}</h2>}
            extra={<Typography.Text type="secondary">{kind.source}</Typography.Text>}
            style={{ marginBottom: 16 }}
          >
            {kind.attributes.map((a) => (
              <Form.Item
                key={a.key}
                name={['attributes', a.key]}
                label={a.unit ? `${label(a.label)} (${a.unit})` : label(a.label)}
                rules={attributeRules(a, t)}
                valuePropName={a.type === 'boolean' ? 'checked' : 'value'}
                extra={a.help ? label(a.help) : a.type === 'string[]' ? t('form.tagsHint') : undefined}
              >
                {attributeInput(a, lang, t)}
              </Form.Item>
            ))}
          </Card>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)} disabled={false}>
            {t('common.cancel')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}

