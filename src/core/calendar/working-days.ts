import Holidays from 'date-holidays';
import type { Language } from '../shared/language.js';

/**
 * Working-day calendars, one per government: weekends off, and the public holidays of the country
 * or region from `date-holidays` (a pure library of rules, no I/O: docs/decisions/0013-date-holidays.md).
 * Flanders is Belgium's calendar plus 11 July, the day of the Flemish Community, off for Flemish
 * administrations. Governments without a calendar of their own (the EU, Benelux, …) count weekends
 * only, and say so: their calendar is `weekends`.
 *
 * Dates are plain calendar days, `YYYY-MM-DD`, with no time zone: a due date is a day in the
 * administration's own calendar, not an instant.
 */

/** A calendar's key: a government key of the reference data, or `weekends`. */
export const CALENDAR_KEYS = ['nl', 'be', 'vl', 'de', 'de-nw', 'de-ni', 'weekends'] as const;
export type CalendarKey = (typeof CALENDAR_KEYS)[number];

interface CalendarDefinition {
  /** date-holidays country and state; none for `weekends`. */
  country?: string;
  state?: string;
  /** Days off that date-holidays lists as another type than `public` (MM-DD), with their names. */
  extra?: readonly { monthDay: string; name: Record<Language, string> }[];
  label: Record<Language, string>;
}

const CALENDARS: Record<CalendarKey, CalendarDefinition> = {
  nl: { country: 'NL', label: { nl: 'Nederland', fr: 'Pays-Bas', de: 'Niederlande', en: 'Netherlands' } },
  be: {
    country: 'BE',
    label: { nl: 'België (federaal)', fr: 'Belgique (fédéral)', de: 'Belgien (Föderalstaat)', en: 'Belgium (federal)' },
  },
  vl: {
    country: 'BE',
    state: 'VLG',
    extra: [
      {
        monthDay: '07-11',
        name: {
          nl: 'Feestdag van de Vlaamse Gemeenschap',
          fr: 'Fête de la Communauté flamande',
          de: 'Feiertag der Flämischen Gemeinschaft',
          en: 'Day of the Flemish Community',
        },
      },
    ],
    label: { nl: 'Vlaanderen', fr: 'Flandre', de: 'Flandern', en: 'Flanders' },
  },
  de: {
    country: 'DE',
    label: { nl: 'Duitsland (Bund)', fr: 'Allemagne (Fédération)', de: 'Deutschland (Bund)', en: 'Germany (federal)' },
  },
  'de-nw': {
    country: 'DE',
    state: 'NW',
    label: {
      nl: 'Noordrijn-Westfalen',
      fr: 'Rhénanie-du-Nord-Westphalie',
      de: 'Nordrhein-Westfalen',
      en: 'North Rhine-Westphalia',
    },
  },
  'de-ni': {
    country: 'DE',
    state: 'NI',
    label: { nl: 'Nedersaksen', fr: 'Basse-Saxe', de: 'Niedersachsen', en: 'Lower Saxony' },
  },
  weekends: {
    label: {
      nl: 'Alleen weekends (geen feestdagenkalender)',
      fr: 'Week-ends seulement (pas de calendrier de jours fériés)',
      de: 'Nur Wochenenden (kein Feiertagskalender)',
      en: 'Weekends only (no holiday calendar)',
    },
  },
};

/** The label of a calendar in a language. */
export function calendarLabel(key: CalendarKey, language: Language): string {
  return CALENDARS[key].label[language];
}

export function isCalendarKey(value: string): value is CalendarKey {
  return (CALENDAR_KEYS as readonly string[]).includes(value);
}

/** The calendar of a government: its own, or `weekends` when there is none. */
export function calendarOf(government: string | null | undefined): CalendarKey {
  return government && isCalendarKey(government) && government !== 'weekends' ? government : 'weekends';
}

/** A day off that is not a weekend day. */
export interface Holiday {
  date: string;
  name: Record<Language, string>;
}

const LANGUAGES: readonly Language[] = ['nl', 'fr', 'de', 'en'];
const perYear = new Map<string, readonly Holiday[]>();

/** The public holidays of a calendar in a year, in date order (computed once per calendar and year). */
export function holidays(calendar: CalendarKey, year: number): readonly Holiday[] {
  const key = `${calendar}:${year}`;
  const kept = perYear.get(key);
  if (kept) return kept;
  const definition = CALENDARS[calendar];
  const byDate = new Map<string, Holiday>();
  if (definition.country) {
    const rules = definition.state ? new Holidays(definition.country, definition.state) : new Holidays(definition.country);
    for (const language of LANGUAGES) {
      for (const h of rules.getHolidays(year, language)) {
        if (h.type !== 'public') continue;
        const date = h.date.slice(0, 10);
        const entry = byDate.get(date) ?? { date, name: { nl: h.name, fr: h.name, de: h.name, en: h.name } };
        entry.name[language] = h.name;
        byDate.set(date, entry);
      }
    }
  }
  for (const extra of definition.extra ?? []) {
    const date = `${year}-${extra.monthDay}`;
    byDate.set(date, { date, name: { ...extra.name } });
  }
  const list = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  perYear.set(key, list);
  return list;
}

const holidaySets = new Map<string, ReadonlySet<string>>();

function holidaySet(calendar: CalendarKey, year: number): ReadonlySet<string> {
  const key = `${calendar}:${year}`;
  let set = holidaySets.get(key);
  if (!set) {
    set = new Set(holidays(calendar, year).map((h) => h.date));
    holidaySets.set(key, set);
  }
  return set;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into a UTC midnight; throws on anything else (callers validate input first). */
function parse(date: string): Date {
  const m = DATE.exec(date);
  const parsed = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  }
  return parsed;
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return !Number.isNaN(d.getTime()) && format(d) === value;
}

/** The day `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/**
 * The same day `months` months after `date`, or the last day of that month when it is shorter
 * (31 January + 1 month → 28 or 29 February).
 */
export function addCalendarMonths(date: string, months: number): string {
  const d = parse(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return format(target);
}

/** The holiday on a day, if it is one in that calendar. */
export function holidayOn(calendar: CalendarKey, date: string): Holiday | undefined {
  const year = parse(date).getUTCFullYear();
  return holidaySet(calendar, year).has(date) ? holidays(calendar, year).find((h) => h.date === date) : undefined;
}

/** False on Saturdays, Sundays and the calendar's public holidays. */
export function isWorkingDay(calendar: CalendarKey, date: string): boolean {
  const d = parse(date);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaySet(calendar, d.getUTCFullYear()).has(date);
}

/** What a count of working days passed over: the holidays it skipped, for explaining a due date. */
export interface WorkingDaysResult {
  date: string;
  skippedHolidays: Holiday[];
}

/**
 * The day that is `days` working days after `from` (`from` itself is not counted: 1 working day
 * after a Friday is the next Monday, or Tuesday when Monday is a holiday). `days` ≥ 0; 0 gives
 * `from` itself. With the holidays it passed over.
 */
export function addWorkingDaysExplained(calendar: CalendarKey, from: string, days: number): WorkingDaysResult {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${days}`);
  const d = parse(from);
  const skipped: Holiday[] = [];
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const date = format(d);
    const weekday = d.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const holiday = holidaySet(calendar, d.getUTCFullYear()).has(date) ? holidayOn(calendar, date) : undefined;
    if (holiday) {
      skipped.push(holiday);
      continue;
    }
    left -= 1;
  }
  return { date: format(d), skippedHolidays: skipped };
}

/** The day that is `days` working days after `from` (see addWorkingDaysExplained). */
export function addWorkingDays(calendar: CalendarKey, from: string, days: number): string {
  return addWorkingDaysExplained(calendar, from, days).date;
}

/**
 * The working days after `from` up to and including `to` (0 when `to` is not after `from`): how many
 * working days a due date is overdue by on a day, for example.
 */
export function workingDaysBetween(calendar: CalendarKey, from: string, to: string): number {
  const d = parse(from);
  const end = parse(to);
  let count = 0;
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(calendar, format(d))) count += 1;
  }
  return count;
}
