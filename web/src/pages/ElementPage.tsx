import { lazy, Suspense, useCallback } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { App, Breadcrumb, Button, Descriptions, Skeleton, Space, Tabs, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useElement, useKindIndex, useOrgUnitIndex, useReferenceModel, useRelations } from '../api/hooks';
import type { ChangeRequest, ReferenceNode } from '../api/types';
import { useAuth } from '../auth/auth';
import { AttributeValue } from '../components/AttributeValue';
import { AuditTable } from '../components/AuditTable';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { RelationsPanel } from '../components/RelationsPanel';
import { ClassificationTag, LifecycleTag } from '../components/Tags';
import { formatDateTime } from '../lib/format';
import { useLabel } from '../lib/label';
import { usePageTitle } from '../lib/usePageTitle';
import { proposedMessage } from '../components/review/ChangeRequestRef';

const RelationGraph = lazy(() => import('../components/RelationGraph'));
const AnalysisTab = lazy(() => import('../components/analysis/ImpactPanel'));

export function findNode(nodes: ReferenceNode[] | undefined, code: string): ReferenceNode | undefined {
  for (const n of nodes ?? []) {
    if (n.code === code) return n;
    const found = findNode(n.children, code);
    if (found) return found;
  }
  return undefined;
}

function Provenance({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <>{t('common.none')}</>;
  if (typeof value !== 'object') return <>{String(value)}</>;
  return (
    <Space orientation="vertical" size={0}>
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <span key={k}>
          <Typography.Text type="secondary">{k}:</Typography.Text> {typeof v === 'object' ? JSON.stringify(v) : String(v)}
        </span>
      ))}
    </Space>
  );
}

export default function ElementPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const { canEdit, user } = useAuth();
  const element = useElement(id);
  const relations = useRelations(id);
  const { byId, relationTypes } = useKindIndex();
  const orgs = useOrgUnitIndex();
  const el = element.data;
  const kind = el ? byId.get(el.kind) : undefined;
  const [refModel, refCode] = el?.refCode?.includes(':') ? el.refCode.split(/:(.*)/s) : [undefined, undefined];
  const refTree = useReferenceModel(refModel);
  const refNode = refCode ? findNode(refTree.data?.items, refCode) : undefined;
  usePageTitle(el?.name);

  const kindLabel = useCallback((k: string) => label(byId.get(k)?.label) || k, [byId, label]);
  const relationLabel = useCallback((ty: string) => label(relationTypes.get(ty)) || ty, [relationTypes, label]);
  const openElement = useCallback((other: string) => navigate(`/elements/${other}`), [navigate]);

  if (element.error) return <ErrorResult error={element.error} onRetry={() => void element.refetch()} />;
  if (!el) return <Skeleton active />;

  const domain = kind?.domain;
  const editable = canEdit(el);

  const onDelete = () => {
    modal.confirm({
      title: t('element.confirmDelete', { name: el.name }),
      content: t('element.confirmDeleteBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const proposed = await api<ChangeRequest | undefined>(`/elements/${encodeURIComponent(el.id)}`, { method: 'DELETE', ifMatch: el.version });
          if (proposed?.id) {
            // An operator's deletion became a change request awaiting review.
            message.info({ content: proposedMessage(t('element.deleteProposed'), t('review.openRequest'), proposed.id, navigate), duration: 10 });
            return;
          }
          message.success(t('element.deleted'));
          qc.removeQueries({ queryKey: ['element', el.id] });
          void qc.invalidateQueries({ queryKey: ['elements'] });
          void qc.invalidateQueries({ queryKey: ['domain-count'] });
          navigate(domain ? `/domain/${domain}` : '/', { replace: true });
        } catch (err) {
          if (err instanceof ApiError && (err.status === 409 || err.status === 412)) {
            message.error(t('element.stale'));
            void element.refetch();
          } else {
            message.error(errorMessage(err, t));
          }
        }
      },
    });
  };

  // createdBy/updatedBy hold user ids; a name is shown when we know it (the reader, or a non-id value).
  const withWho = (at: string, by: string | null) => {
    const name = !by ? undefined : by === user?.id ? user.displayName || user.username : /^[0-9a-f-]{36}$/i.test(by) ? undefined : by;
    return `${formatDateTime(at, i18n.language)}${name ? ` ${t('element.createdBy', { name })}` : ''}`;
  };

  const core: DescriptionsProps['items'] = [
    { key: 'code', label: t('field.code'), children: el.code || t('common.none') },
    { key: 'kind', label: t('field.kind'), children: kindLabel(el.kind) },
    {
      key: 'org',
      label: t('field.orgUnit'),
      children: el.orgUnitId ? (
        <Link to={`/org-units/${el.orgUnitId}`}>{orgs.byId.get(el.orgUnitId)?.name ?? el.orgUnitId}</Link>
      ) : (
        t('common.none')
      ),
    },
    {
      key: 'ref',
      label: t('field.refCode'),
      children:
        el.refCode && refModel ? (
          <Link to={`/reference-models/${refModel}?node=${encodeURIComponent(refCode ?? '')}`}>
            {el.refCode}
            {refNode ? ` — ${refNode.name}` : ''}
          </Link>
        ) : (
          el.refCode || t('common.none')
        ),
    },
    { key: 'lifecycle', label: t('field.lifecycle'), children: <LifecycleTag value={el.lifecycle} /> },
    { key: 'classification', label: t('field.classification'), children: <ClassificationTag value={el.classification} /> },
    {
      key: 'description',
      label: t('field.description'),
      span: 'filled',
      children: el.description ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{el.description}</Typography.Paragraph>
      ) : (
        t('common.none')
      ),
    },
    { key: 'provenance', label: t('field.provenance'), children: <Provenance value={el.provenance} /> },
    { key: 'version', label: t('field.version'), children: el.version },
    {
      key: 'created',
      label: t('field.createdAt'),
      children: withWho(el.createdAt, el.createdBy),
    },
    {
      key: 'updated',
      label: t('field.updatedAt'),
      children: withWho(el.updatedAt, el.updatedBy),
    },
  ];

  // Declared attributes in declaration order, then any the declaration no longer knows.
  const declared = kind?.attributes ?? [];
  const extraKeys = Object.keys(el.attributes ?? {}).filter((k) => !declared.some((a) => a.key === k));
  const attributes: DescriptionsProps['items'] = [
    ...declared.map((a) => ({
      key: a.key,
      label: label(a.label),
      span: a.type === 'text' ? ('filled' as const) : undefined,
      children: <AttributeValue field={a} value={el.attributes?.[a.key]} />,
    })),
    ...extraKeys.map((k) => ({ key: k, label: k, children: <AttributeValue field={undefined} value={el.attributes[k]} /> })),
  ];

  const outgoing = relations.data?.outgoing ?? [];
  const incoming = relations.data?.incoming ?? [];

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          ...(domain ? [{ title: <Link to={`/domain/${domain}`}>{t(`domain.${domain}`, { defaultValue: domain })}</Link> }] : []),
          ...(domain && kind ? [{ title: <Link to={`/domain/${domain}?kind=${kind.id}`}>{label(kind.label)}</Link> }] : []),
          { title: el.code || el.name },
        ]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 16, flexWrap: 'wrap' }}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
            {el.name}
          </Typography.Title>
          <Space wrap>
            <Typography.Text type="secondary">
              {kindLabel(el.kind)}
              {el.code ? ` · ${el.code}` : ''}
            </Typography.Text>
            <LifecycleTag value={el.lifecycle} />
            <ClassificationTag value={el.classification} />
          </Space>
        </div>
        {editable && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => navigate(`/elements/${el.id}/edit`, { state: location.state })}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={onDelete}>
              {t('common.delete')}
            </Button>
          </Space>
        )}
      </div>
      <Tabs
        style={{ marginTop: 16 }}
        defaultActiveKey="overview"
        items={[
          {
            key: 'overview',
            label: t('element.overview'),
            children: (
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }} items={core} />
                <Descriptions
                  title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('element.attributes')}</h2>}
                  bordered
                  size="small"
                  column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2 }}
                  items={attributes}
                />
                {attributes.length === 0 && <Typography.Text type="secondary">{t('element.noAttributes')}</Typography.Text>}
              </Space>
            ),
          },
          {
            key: 'relations',
            label: `${t('element.relations')} (${outgoing.length + incoming.length})`,
            children: relations.error ? (
              <ErrorResult error={relations.error} />
            ) : (
              <RelationsPanel element={el} outgoing={outgoing} incoming={incoming} canWrite={editable} />
            ),
          },
          {
            key: 'graph',
            label: t('element.graph'),
            destroyOnHidden: true,
            children: (
              <div>
                <Typography.Paragraph type="secondary">{t('element.graphHint')}</Typography.Paragraph>
                <Suspense fallback={<Skeleton active />}>
                  <RelationGraph
                    element={el}
                    outgoing={outgoing}
                    incoming={incoming}
                    kindLabel={kindLabel}
                    relationLabel={relationLabel}
                    ariaLabel={t('element.graphLabel', { name: el.name })}
                    onOpen={openElement}
                  />
                </Suspense>
              </div>
            ),
          },
          {
            key: 'impact',
            label: t('impact.tab'),
            destroyOnHidden: true,
            children: (
              <Suspense fallback={<Skeleton active />}>
                <AnalysisTab elementId={el.id} elementName={el.name} kindLabel={kindLabel} relationLabel={relationLabel} onOpen={openElement} />
              </Suspense>
            ),
          },
          {
            key: 'history',
            label: t('element.history'),
            destroyOnHidden: true,
            children: user ? (
              <AuditTable query={{ element: el.id }} />
            ) : (
              <Typography.Text>
                <Link to="/login" state={{ from: location.pathname }}>
                  {t('element.loginForHistory')}
                </Link>
              </Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
