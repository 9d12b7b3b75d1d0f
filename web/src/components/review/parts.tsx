import { Table, Tag, Typography } from 'antd';
import { ArrowRightOutlined, CheckCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useKindIndex, useOrgUnitIndex } from '../../api/hooks';
import type { Kind } from '../../api/types';
import { formatDate, formatNumber } from '../../lib/format';
import { useLabel } from '../../lib/label';
import { attributeText } from '../AttributeValue';
import { parseSummary, type ChangeAction, type ChangeRequestRecord, type ChangeStatus, type FieldChange } from './api';

export { parseSummary };

/** Status colours with at least 4.5:1 text contrast (AntD's presets are lighter). */
const STATUS_STYLE: Record<ChangeStatus, React.CSSProperties> = {
  draft: { color: '#434343', background: '#f5f5f5', borderColor: '#bfbfbf' },
  submitted: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  approved: { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  rejected: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  applied: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
};

const ACTION_STYLE: Record<ChangeAction, React.CSSProperties> = {
  create: { color: '#135200', background: '#fff', borderColor: '#b7eb8f' },
  update: { color: '#003a8c', background: '#fff', borderColor: '#91caff' },
  delete: { color: '#a8071a', background: '#fff', borderColor: '#ffa39e' },
};

export function StatusTag({ status }: { status: ChangeStatus }) {
  const { t } = useTranslation();
  return <Tag style={STATUS_STYLE[status]}>{t(`review.status.${status}`, { defaultValue: status })}</Tag>;
}

export function ActionTag({ action }: { action: ChangeAction }) {
  const { t } = useTranslation();
  return <Tag style={ACTION_STYLE[action]}>{t(`review.action.${action}`, { defaultValue: action })}</Tag>;
}

/** "Ubah Aplikasi “SIMPEG”" in the UI language. */
export function summaryText(cr: Pick<ChangeRequestRecord, 'action' | 'summary'>, kindLabel: (id: string) => string, t: TFunction): string {
  const { kind, name } = parseSummary(cr.summary);
  return t(`review.summary.${cr.action}`, { kind: kind ? kindLabel(kind) : t('review.element'), name });
}

export function useKindLabel(): { kindLabel: (id: string) => string; kindOf: (id: string) => Kind | undefined } {
  const label = useLabel();
  const kinds = useKindIndex();
  return { kindLabel: (id: string) => label(kinds.byId.get(id)?.label) || id, kindOf: (id: string) => kinds.byId.get(id) };
}

const CORE = new Set(['code', 'name', 'description', 'kind', 'refCode', 'lifecycle', 'classification', 'provenance']);

/** The fields a change request changes, labelled as in the element form, before → after. */
export function ChangeDiff({ diff, kindId, action }: { diff: FieldChange[]; kindId: string; action: ChangeAction }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const kinds = useKindIndex();
  const orgs = useOrgUnitIndex();
  const kind = kinds.byId.get(kindId);
  const attribute = (field: string) => (field.startsWith('attributes.') ? kind?.attributes.find((a) => a.key === field.slice(11)) : undefined);

  const fieldLabel = (field: string) => {
    if (field.startsWith('attributes.')) {
      const a = attribute(field);
      return a ? label(a.label) : field.slice(11);
    }
    if (field === 'orgUnitId') return t('field.orgUnit');
    return CORE.has(field) ? t(`field.${field}`) : field;
  };

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '';
    if (field.startsWith('attributes.')) return attributeText(attribute(field), v, i18n.language, t);
    switch (field) {
      case 'orgUnitId':
        return orgs.byId.get(String(v))?.name ?? String(v);
      case 'lifecycle':
        return t(`lifecycle.${v}`, { defaultValue: String(v) });
      case 'classification':
        return t(`classification.${v}`, { defaultValue: String(v) });
      case 'kind':
        return label(kinds.byId.get(String(v))?.label) || String(v);
      default:
        if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v)) return formatDate(v, i18n.language);
        if (typeof v === 'number') return formatNumber(v);
        if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
        if (Array.isArray(v)) return v.join(', ');
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  };

  if (diff.length === 0) return <Typography.Text type="secondary">{t('review.noDiff')}</Typography.Text>;
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={diff}
      scroll={{ x: 640 }}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: '26%', render: (f: string) => <strong>{fieldLabel(f)}</strong> },
        ...(action === 'create'
          ? []
          : [
              {
                title: t('audit.before'),
                key: 'before',
                width: action === 'delete' ? undefined : '37%',
                render: (_: unknown, c: FieldChange) => {
                  const s = show(c.field, c.before);
                  return s ? <span className="atlas-diff-before">{s}</span> : none;
                },
              },
            ]),
        ...(action === 'delete'
          ? []
          : [
              {
                title: action === 'create' ? t('review.proposedValue') : t('audit.after'),
                key: 'after',
                render: (_: unknown, c: FieldChange) => {
                  const s = show(c.field, c.after);
                  return (
                    <span>
                      {action === 'update' && <ArrowRightOutlined aria-hidden style={{ marginRight: 8, color: 'rgba(0,0,0,0.62)' }} />}
                      {s ? <span className="atlas-diff-after">{s}</span> : none}
                    </span>
                  );
                },
              },
            ]),
      ]}
    />
  );
}

/** Whether a user has a second factor (two-factor authentication) switched on. */
export function TotpStatusTag({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return on ? (
    <Tag icon={<CheckCircleOutlined />} style={{ color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' }}>
      {t('account.totp.on')}
    </Tag>
  ) : (
    <Tag icon={<MinusCircleOutlined />} style={{ color: '#434343', background: '#f5f5f5', borderColor: '#bfbfbf' }}>
      {t('account.totp.off')}
    </Tag>
  );
}
