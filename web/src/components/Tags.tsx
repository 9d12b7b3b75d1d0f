import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Classification, Lifecycle } from '../api/types';

/** Tag colours chosen for at least 4.5:1 text contrast (AntD's presets are lighter). */
const LIFECYCLE_STYLE: Record<string, React.CSSProperties> = {
  'as-is': { color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' },
  'to-be': { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  retired: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
};

const CLASSIFICATION_STYLE: Record<string, React.CSSProperties> = {
  terbuka: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  terbatas: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  rahasia: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

export function LifecycleTag({ value }: { value: Lifecycle | string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <Tag style={LIFECYCLE_STYLE[value]}>{t(`lifecycle.${value}`, { defaultValue: value })}</Tag>;
}

export function ClassificationTag({ value }: { value: Classification | string | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <Tag style={CLASSIFICATION_STYLE[value]}>{t(`classification.${value}`, { defaultValue: value })}</Tag>;
}
