/** Dates and numbers per locale, with Intl. The time zone is fixed so server and browser agree. */
import type { Language } from './language';

const TIME_ZONE = 'Europe/Brussels';
const LOCALES: Record<Language, string> = { nl: 'nl-NL', fr: 'fr-BE', de: 'de-DE', en: 'en-GB' };

// Making an Intl formatter costs far more than using one: one of each per language.
const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const numberFormats = new Map<Language, Intl.NumberFormat>();

export function formatDate(language: Language, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: TIME_ZONE });
    dateFormats.set(language, format);
  }
  return format.format(date);
}

export function formatNumber(language: Language, value: number): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language]);
    numberFormats.set(language, format);
  }
  return format.format(value);
}
