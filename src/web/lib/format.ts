/** Dates and numbers per locale, with Intl. The time zone is fixed so server and browser agree. */
import type { Language } from './language';

const TIME_ZONE = 'Europe/Brussels';
const LOCALES: Record<Language, string> = { nl: 'nl-NL', fr: 'fr-BE', de: 'de-DE', en: 'en-GB' };

export function formatDate(language: Language, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: TIME_ZONE }).format(date);
}

export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(LOCALES[language]).format(value);
}
