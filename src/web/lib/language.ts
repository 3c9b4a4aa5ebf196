import { safeReturnTo } from './return-to';

/** The reader's language: the `lang` cookie (the switcher), else Accept-Language, else Dutch. */
export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';
export const LANGUAGE_COOKIE = 'lang';

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.split('=');
    if (key?.trim() === name) return decodeURIComponent(rest.join('=').trim());
  }
  return undefined;
}

/** The best supported language of an Accept-Language header (RFC 9110 §12.5.4), or undefined. */
export function fromAcceptLanguage(header: string | null): Language | undefined {
  if (!header) return undefined;
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
  return undefined;
}

export function languageOfRequest(request: Request): Language {
  const chosen = cookieValue(request.headers.get('cookie'), LANGUAGE_COOKIE);
  if (isLanguage(chosen)) return chosen;
  return fromAcceptLanguage(request.headers.get('accept-language')) ?? DEFAULT_LANGUAGE;
}

/** The language the page was rendered in (browser only): `<html lang>`. */
export function documentLanguage(): Language {
  const lang = typeof document === 'undefined' ? undefined : document.documentElement.lang;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

/** A local path to go back to after switching language; anything else becomes `/` (see return-to.ts). */
export function safeReturnPath(value: string | null): string {
  return safeReturnTo(value);
}
