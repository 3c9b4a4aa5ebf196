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
  if (!text) return null;
  if (!text.fallback) return <Tag className={className}>{text.value}</Tag>;
  return (
    <>
      <Tag className={className} lang={isLanguage(text.language) ? text.language : undefined}>
        {text.value}
      </Tag>{' '}
      <FallbackNote shown={text.language} />
    </>
  );
}

/** "Not available in English; shown in Dutch." (its own component: most texts need no translation hook). */
function FallbackNote({ shown }: { shown: string }) {
  const { t, i18n } = useTranslation();
  const requested = i18n.language as Language;
  const language = isLanguage(shown) ? shown : requested;
  return (
    <span className="schakel-fallback-note">
      {t('text.fallback', { requested: t(`languageName.${requested}`), shown: t(`languageName.${language}`) })}
    </span>
  );
}
