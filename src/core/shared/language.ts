/** The languages every screen, message and text field of Schakel supports. Dutch first. */
export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

/** A text that people write, kept per language: at least one language is present. */
export type LocalizedText = Partial<Record<Language, string>>;

/** A text resolved for a reader: the value, the language it is in, and whether that is a fallback. */
export interface ResolvedText {
  value: string;
  language: Language;
  fallback: boolean;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the text in the requested language, else in the source language, else in the
 * first language present in the order nl, fr, de, en. Returns undefined for an empty text.
 */
export function resolveText(
  text: LocalizedText | undefined,
  requested: Language,
  sourceLanguage?: Language,
): ResolvedText | undefined {
  if (!text) return undefined;
  const direct = text[requested];
  if (hasText(direct)) return { value: direct, language: requested, fallback: false };
  if (sourceLanguage !== undefined && hasText(text[sourceLanguage])) {
    return { value: text[sourceLanguage], language: sourceLanguage, fallback: true };
  }
  for (const language of LANGUAGES) {
    const value = text[language];
    if (hasText(value)) return { value, language, fallback: true };
  }
  return undefined;
}

/** True when the value has a character other than white space (stops at the first; no copy, unlike trim). */
function hasText(value: string | undefined): value is string {
  return value !== undefined && NOT_SPACE.test(value);
}

const NOT_SPACE = /\S/;

/**
 * Parses an Accept-Language header (RFC 9110 §12.5.4) and returns the best supported
 * language, or the default when none matches.
 */
export function negotiateLanguage(header: string | undefined, fallback: Language = DEFAULT_LANGUAGE): Language {
  if (!header) return fallback;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag !== '' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const primary = range.tag.split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return fallback;
}
