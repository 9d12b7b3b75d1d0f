import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useKindIndex, useOrgUnitIndex } from '../api/hooks';
import type { AuditEvent } from '../api/types';
import { diffSnapshots, type FieldChange } from '../lib/diff';
import { formatDate, formatNumber } from '../lib/format';
import { useLabel } from '../lib/label';
import { attributeText } from './AttributeValue';

const CORE_FIELDS = new Set([
  'code',
  'name',
  'description',
  'kind',
  'orgUnitId',
  'refCode',
  'lifecycle',
  'classification',
  'provenance',
]);

/** The before/after of one audit event, one row per changed field, labelled as in the forms. */
export function AuditDiff({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const kinds = useKindIndex();
  const orgs = useOrgUnitIndex();
  const changes = diffSnapshots(event.before, event.after);
  const kindId = String((event.after ?? event.before ?? {})['kind'] ?? '');
  const kind = kinds.byId.get(kindId);

  const fieldLabel = (path: string) => {
    if (path.startsWith('attributes.')) {
      const key = path.slice('attributes.'.length);
      const f = kind?.attributes.find((a) => a.key === key);
      return f ? label(f.label) : key;
    }
    if (path === 'orgUnitId') return t('field.orgUnit');
    return CORE_FIELDS.has(path) ? t(`field.${path}`) : path;
  };

  const show = (c: FieldChange, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '';
    if (c.path.startsWith('attributes.')) {
      const f = kind?.attributes.find((a) => a.key === c.path.slice(11));
      return attributeText(f, v, i18n.language, t);
    }
    switch (c.path) {
      case 'orgUnitId':
        return orgs.byId.get(String(v))?.name ?? String(v);
      case 'lifecycle':
        return t(`lifecycle.${v}`, { defaultValue: String(v) });
      case 'classification':
        return t(`classification.${v}`, { defaultValue: String(v) });
      case 'kind':
        return label(kinds.byId.get(String(v))?.label) || String(v);
      default:
        if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDate(v, i18n.language);
        if (typeof v === 'number') return formatNumber(v);
        if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  };

  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<FieldChange>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={changes}
      columns={[
        { title: t('audit.field'), dataIndex: 'path', width: '28%', render: (p: string) => fieldLabel(p) },
        {
          title: t('audit.before'),
          key: 'before',
          render: (_, c) => {
            const s = show(c, c.before);
            return s ? <span className="atlas-diff-before">{s}</span> : t('common.none');
          },
        },
        {
          title: t('audit.after'),
          key: 'after',
          render: (_, c) => {
            const s = show(c, c.after);
            return s ? <span className="atlas-diff-after">{s}</span> : t('common.none');
          },
        },
      ]}
    />
  );
}
