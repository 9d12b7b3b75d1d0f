import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttributeField } from '../api/types';
import { formatDate, formatNumber, formatRupiah } from '../lib/format';
import { pickLabel } from '../lib/label';

/** The plain-text form of an attribute value (for tables, diffs and exports). */
export function attributeText(field: AttributeField | undefined, value: unknown, lang: string, t: (k: string) => string): string {
  if (value === null || value === undefined || value === '') return '';
  const optionLabel = (v: unknown) => {
    const o = field?.options?.find((opt) => opt.value === v);
    return o?.label ? pickLabel(o.label, lang) : String(v);
  };
  switch (field?.type) {
    case 'boolean':
      return value ? t('common.yes') : t('common.no');
    case 'integer':
    case 'number':
      if (typeof value !== 'number') return String(value);
      if (field.unit === 'Rp') return formatRupiah(value);
      return field.unit ? `${formatNumber(value)} ${field.unit}` : formatNumber(value);
    case 'date':
      return formatDate(String(value), lang);
    case 'enum':
      return optionLabel(value);
    case 'enum[]':
      return Array.isArray(value) ? value.map(optionLabel).join(', ') : optionLabel(value);
    default:
      if (Array.isArray(value)) return value.join(', ');
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      if (typeof value === 'number') return formatNumber(value);
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

/** An attribute value rendered for reading: links for URLs, tags for lists. */
export function AttributeValue({ field, value }: { field: AttributeField | undefined; value: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  }
  if (field?.type === 'url' && typeof value === 'string' && /^https?:\/\//i.test(value)) {
    return (
      <a href={value} target="_blank" rel="noopener noreferrer">
        {value}
      </a>
    );
  }
  if (Array.isArray(value) && (field?.type === 'enum[]' || field?.type === 'string[]' || !field)) {
    return (
      <Space size={[4, 4]} wrap>
        {value.map((v, i) => (
          <Tag key={i}>{attributeText(field ? { ...field, type: field.type === 'enum[]' ? 'enum' : 'string' } : undefined, v, lang, t)}</Tag>
        ))}
      </Space>
    );
  }
  if (field?.type === 'text') {
    return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{String(value)}</Typography.Paragraph>;
  }
  return <>{attributeText(field, value, lang, t)}</>;
}
