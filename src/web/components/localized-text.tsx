import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../lib/language';

export interface ResolvedText {
  value: string;
  language: string;
  fallback: boolean;
}

/**
 * A text field in the reader's language; when the API fell back to another language, the text
 * carries its `lang` and a visible note says so.
 */
export function LocalizedText({
  text,
  as: Tag = 'span',
  className,
}: {
  text: ResolvedText | null | undefined;
  as?: 'span' | 'p' | 'div';
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  if (!text) return null;
  if (!text.fallback) return <Tag className={className}>{text.value}</Tag>;
  const requested = i18n.language as Language;
  const shown = isLanguage(text.language) ? text.language : requested;
  return (
    <>
      <Tag className={className} lang={shown}>
        {text.value}
      </Tag>{' '}
      <span className="schakel-fallback-note">
        {t('text.fallback', { requested: t(`languageName.${requested}`), shown: t(`languageName.${shown}`) })}
      </span>
    </>
  );
}
