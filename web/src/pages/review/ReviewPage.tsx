import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Form, Input, Skeleton, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { CheckOutlined, CloseOutlined, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useElement, useOrgUnitIndex } from '../../api/hooks';
import { useAuth } from '../../auth/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { isReviewer, useChangeRequest, type ChangeRequestRecord, type FieldChange } from '../../components/review/api';
import { ActionTag, ChangeDiff, parseSummary, StatusTag, summaryText, useKindLabel } from '../../components/review/parts';
import { problemText } from '../../components/review/problems';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';

type Step = 'submit' | 'approve' | 'reject' | 'apply';

/** The proposed values of a request, one row per field (attributes one row each), as a diff from nothing. */
function proposedFields(payload: Record<string, unknown>): FieldChange[] {
  const rows: FieldChange[] = [];
  for (const [k, v] of Object.entries(payload)) {
    if (k === 'attributes' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [ak, av] of Object.entries(v as Record<string, unknown>)) rows.push({ field: `attributes.${ak}`, before: null, after: av });
    } else rows.push({ field: k, before: null, after: v });
  }
  return rows.sort((a, b) => a.field.localeCompare(b.field));
}

interface Failure {
  /** The request it belongs to (the page may move on to another one). */
  requestId: string;
  step: Step;
  text: string;
  /** The element moved on since the request was made (409 with currentVersion). */
  elementChanged?: number;
}

/** One change request: what it changes, who proposed and decided it, and the steps the reader may take. */
export default function ReviewPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const request = useChangeRequest(id);
  const cr = request.data;
  const elementId = cr?.elementId ?? cr?.appliedElementId ?? undefined;
  const element = useElement(cr && cr.status !== 'applied' && cr.action !== 'create' ? elementId : undefined);
  const orgs = useOrgUnitIndex();
  const { kindLabel } = useKindLabel();
  const [busy, setBusy] = useState<Step | null>(null);
  const [lastFailure, setFailure] = useState<Failure | null>(null);
  const failure = lastFailure?.requestId === id ? lastFailure : null;
  const title = cr ? summaryText(cr, kindLabel, t) : undefined;
  usePageTitle(title ?? t('review.title'));

  if (request.error) return <ErrorResult error={request.error} onRetry={() => void request.refetch()} />;
  if (!cr || !user) return <Skeleton active />;

  const mine = cr.createdBy === user.id;
  const reviewer = isReviewer(user.role);
  const kindId = (cr.payload.kind as string | undefined) ?? element.data?.kind ?? parseSummary(cr.summary).kind;
  const may = {
    submit: mine && cr.status === 'draft',
    decide: reviewer && !mine && cr.status === 'submitted',
    apply: cr.status === 'approved' && (reviewer || mine),
  };
  const pending = cr.status === 'draft' || cr.status === 'submitted' || cr.status === 'approved';
  // A closed request's diff against today's element says little: show what was proposed instead.
  const closed = !pending;
  // Detected before anyone presses Terapkan: the element is no longer the version the request was made against.
  const staleVersion =
    pending && cr.action !== 'create' && cr.baseVersion !== null && element.data && element.data.version !== cr.baseVersion ? element.data.version : undefined;
  const elementGone = pending && cr.action !== 'create' && element.error instanceof ApiError && element.error.status === 404;

  const run = async (step: Step) => {
    setFailure(null);
    if (step === 'reject' && !form.getFieldValue('note')?.trim()) {
      // A rejection says why, so the operator can correct and propose again.
      form.setFields([{ name: 'note', errors: [t('review.noteRequired')] }]);
      form.focusField('note');
      return;
    }
    setBusy(step);
    try {
      const note = form.getFieldValue('note')?.trim() || undefined;
      const next = await api<ChangeRequestRecord>(`/change-requests/${encodeURIComponent(cr.id)}/${step}`, {
        method: 'POST',
        body: step === 'approve' || step === 'reject' ? { note } : {},
      });
      message.success(t(`review.done.${step}`));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['change-requests'] });
      await qc.invalidateQueries({ queryKey: ['change-request', cr.id] });
      if (step === 'apply') {
        for (const key of ['elements', 'domain-count', 'audit', 'relations']) void qc.invalidateQueries({ queryKey: [key] });
        const touched = next.appliedElementId ?? cr.elementId;
        if (touched) void qc.invalidateQueries({ queryKey: ['element', touched] });
      }
    } catch (err) {
      const current = err instanceof ApiError && err.status === 409 ? err.problem.currentVersion : undefined;
      setFailure({ requestId: cr.id, step, text: problemText(err, t), elementChanged: typeof current === 'number' ? current : undefined });
      // The request may have moved on (someone else decided): show its state now.
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) void request.refetch();
      if (current !== undefined) void element.refetch();
    } finally {
      setBusy(null);
    }
  };

  const elementLink = (text: string) =>
    elementId && !(cr.action === 'delete' && cr.status === 'applied') ? <Link to={`/elements/${elementId}`}>{text}</Link> : <>{text}</>;

  const details: DescriptionsProps['items'] = [
    { key: 'status', label: t('review.col.status'), children: <StatusTag status={cr.status} /> },
    { key: 'action', label: t('review.col.action'), children: <ActionTag action={cr.action} /> },
    { key: 'kind', label: t('field.kind'), children: kindId ? kindLabel(kindId) : t('common.none') },
    {
      key: 'element',
      label: t('review.element'),
      children: elementId ? elementLink(element.data?.name ?? parseSummary(cr.summary).name) : <Typography.Text type="secondary">{t('review.newElement')}</Typography.Text>,
    },
    {
      key: 'org',
      label: t('field.orgUnit'),
      children: cr.orgUnitId ? <Link to={`/org-units/${cr.orgUnitId}`}>{orgs.byId.get(cr.orgUnitId)?.name ?? cr.orgUnitId}</Link> : t('common.none'),
    },
    ...(cr.baseVersion !== null ? [{ key: 'base', label: t('review.baseVersion'), children: cr.baseVersion }] : []),
    {
      key: 'author',
      label: t('review.col.author'),
      children: mine ? t('review.you', { name: cr.createdByUsername ?? user.username }) : (cr.createdByUsername ?? cr.createdBy),
    },
    { key: 'created', label: t('review.col.created'), children: formatDateTime(cr.createdAt, i18n.language) },
    { key: 'updated', label: t('review.col.updated'), children: formatDateTime(cr.updatedAt, i18n.language) },
    ...(cr.reviewedBy
      ? [
          { key: 'reviewer', label: t('review.col.reviewer'), children: cr.reviewedByUsername ?? cr.reviewedBy },
          {
            key: 'note',
            label: t('review.note'),
            span: 'filled' as const,
            children: cr.reviewNote ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{cr.reviewNote}</Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('review.noNote')}</Typography.Text>
            ),
          },
        ]
      : []),
  ];

  const noActions = !may.submit && !may.decide && !may.apply;
  const whyNoActions = (() => {
    if (!noActions) return null;
    if (cr.status === 'applied') return t('review.why.applied');
    if (cr.status === 'rejected') return mine ? t('review.why.rejectedMine') : t('review.why.rejected');
    if (cr.status === 'submitted' && mine) return t('review.why.ownRequest');
    if (cr.status === 'draft') return t('review.why.draft');
    return t('review.why.readOnly');
  })();

  return (
    <div style={{ maxWidth: 1100 }}>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/review">{t('review.title')}</Link> }, { title: title }]} />
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
        {title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <StatusTag status={cr.status} />
        <ActionTag action={cr.action} />
        <Typography.Text type="secondary">{t(cr.status === 'draft' ? 'review.draftBy' : 'review.proposedBy', { name: cr.createdByUsername ?? cr.createdBy, date: formatDateTime(cr.createdAt, i18n.language) })}</Typography.Text>
      </Space>

      {staleVersion !== undefined && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('review.staleTitle')}
          description={
            <span>
              {t('review.staleBody', { base: cr.baseVersion, current: staleVersion })} {elementLink(t('review.openElement'))}
            </span>
          }
        />
      )}
      {elementGone && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('review.elementGone')} />}
      {cr.status === 'applied' && (cr.appliedElementId || cr.elementId) && cr.action !== 'delete' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('review.appliedTitle')}
          description={<Link to={`/elements/${cr.appliedElementId ?? cr.elementId}`}>{t('review.openElement')}</Link>}
        />
      )}

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('review.details')}</h2>} size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }} items={details} />
      </Card>

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('review.changes')}</h2>} size="small" style={{ marginBottom: 16 }}>
        {closed ? (
          <>
            <Typography.Paragraph type="secondary">
              {t('review.diffHistoric')}{' '}
              {elementId && cr.status === 'applied' && cr.action !== 'delete' && <Link to={`/elements/${elementId}`}>{t('review.openElement')}</Link>}
            </Typography.Paragraph>
            {cr.action === 'delete' ? (
              <Typography.Text>{t('review.deleteProposal')}</Typography.Text>
            ) : (
              <ChangeDiff diff={proposedFields(cr.payload)} kindId={kindId} action="create" />
            )}
          </>
        ) : (
          <>
            {cr.action === 'update' && <Typography.Paragraph type="secondary">{t('review.diffAgainstCurrent')}</Typography.Paragraph>}
            <ChangeDiff diff={cr.diff} kindId={kindId} action={cr.action} />
          </>
        )}
      </Card>

      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('review.decision')}</h2>} size="small">
        {failure && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={failure.elementChanged !== undefined ? t('review.conflictTitle') : t(`review.failed.${failure.step}`)}
            description={
              failure.elementChanged !== undefined ? (
                <span>
                  {t('review.conflictBody', { base: cr.baseVersion, current: failure.elementChanged })} {elementLink(t('review.openElement'))}
                </span>
              ) : (
                failure.text
              )
            }
          />
        )}
        {whyNoActions && <Typography.Paragraph type="secondary">{whyNoActions}</Typography.Paragraph>}
        {may.decide && (
          <Form form={form} layout="vertical" requiredMark={false} style={{ maxWidth: 720 }}>
            <Form.Item
              name="note"
              label={t('review.note')}
              extra={t('review.noteHint')}
              rules={[{ max: 2000 }]}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </Form>
        )}
        <Space wrap>
          {may.submit && (
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={!!busy} onClick={() => void run('submit')}>
              {t('review.submit')}
            </Button>
          )}
          {may.decide && (
            <>
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} disabled={!!busy} onClick={() => void run('approve')}>
                {t('review.approve')}
              </Button>
              <Button danger icon={<CloseOutlined />} loading={busy === 'reject'} disabled={!!busy} onClick={() => void run('reject')}>
                {t('review.reject')}
              </Button>
            </>
          )}
          {may.apply && (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={busy === 'apply'} disabled={!!busy || elementGone} onClick={() => void run('apply')}>
              {t('review.apply')}
            </Button>
          )}
        </Space>
        {may.apply && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('review.applyHint')}</Typography.Paragraph>}
      </Card>
    </div>
  );
}
