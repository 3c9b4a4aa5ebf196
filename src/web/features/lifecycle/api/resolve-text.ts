import type { ResolvedText } from '../../../components/localized-text';
import { LANGUAGES, type Language } from '../../../lib/language';

type StoredText = Partial<Record<Language, string>>;

/**
 * A stored text (every language) in the reader's language, as the API resolves `text`: the
 * requested language, else the obstacle's source language, else nl, fr, de, en; blank counts as missing.
 */
export function resolveText(stored: StoredText | undefined, requested: Language, source: string): ResolvedText | null {
  if (!stored) return null;
  const order = [requested, source, ...LANGUAGES];
  for (const language of order) {
    const value = stored[language as Language];
    if (value !== undefined && value.trim() !== '') {
      return { value, language, fallback: language !== requested };
    }
  }
  return null;
}
