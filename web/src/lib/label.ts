import { useTranslation } from 'react-i18next';
import type { Label } from '../api/types';

/** Pick the label in the UI language (Indonesian unless English is chosen). */
export function pickLabel(label: Label | string | undefined | null, lang: string): string {
  if (!label) return '';
  if (typeof label === 'string') return label;
  return (lang.startsWith('en') ? label.en : label.id) || label.id || label.en || '';
}

export function useLabel(): (label: Label | string | undefined | null) => string {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language ?? 'id';
  return (label) => pickLabel(label, lang);
}
