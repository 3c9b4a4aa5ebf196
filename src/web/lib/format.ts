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

const timeFormats = new Map<Language, Intl.DateTimeFormat>();

/** A time of day with seconds (for "try again at 14:03:20"), in the time zone of the pages. */
export function formatTime(language: Language, date: Date): string {
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { timeStyle: 'medium', timeZone: TIME_ZONE });
    timeFormats.set(language, format);
  }
  return format.format(date);
}

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** A date with its time (for when a link expires). */
export function formatDateTime(language: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE });
    dateTimeFormats.set(language, format);
  }
  return format.format(date);
}
