import type { Action } from '../actions/action.js';
import { type CalendarKey, calendarOf, isWorkingDay, workingDaysBetween } from '../calendar/working-days.js';
import type { Organisation } from '../obstacles/ports.js';
import {
  type ActionAssessment,
  assessAction,
  DEFAULT_RULES,
  type MonitoringRules,
  type StaleAfter,
  WEEKDAYS,
  type WorkingDayCalendar,
} from './rag.js';

/** What the monitoring judges with: the thresholds and each owner's working days. */
export interface MonitoringSettings {
  /** An open action due within this many working days is judged on its progress. */
  atRiskWorkingDays: number;
  /** An open action not updated for this long is stale (the norm `stale_after`). */
  staleAfter: StaleAfter;
  /** The working-day calendar of an organisation (its government's). */
  calendarOf(organisation: string): WorkingDayCalendar;
  /** Every calendar `calendarOf` gives, once each (for `prepare`); optional. */
  calendars?: readonly WorkingDayCalendar[];
}

/** The defaults of docs/MONITORING.md, Monday to Friday for every organisation (tests; the app loads the norms and calendars). */
export function defaultMonitoringSettings(overrides: Partial<Omit<MonitoringSettings, 'calendarOf'>> = {}): MonitoringSettings {
  return {
    atRiskWorkingDays: overrides.atRiskWorkingDays ?? DEFAULT_RULES.atRiskWorkingDays,
    staleAfter: overrides.staleAfter ?? DEFAULT_RULES.staleAfter,
    calendarOf: () => WEEKDAYS,
  };
}

export function rulesOn(settings: MonitoringSettings, today: string): MonitoringRules {
  return { today, atRiskWorkingDays: settings.atRiskWorkingDays, staleAfter: settings.staleAfter };
}

/**
 * The day of an instant in Brussels, as register-obstacle's calendarDate, with one formatter for
 * the process: making an Intl.DateTimeFormat costs more than judging an action, and the nightly
 * run converts two instants per action.
 */
const BRUSSELS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' });
function dayInBrussels(at: Date): string {
  return BRUSSELS_DAY.format(at);
}

/** An action's RAG, overdue and stale flags today. */
export function assessStoredAction(
  action: Pick<Action, 'status' | 'progress' | 'dueOn' | 'createdAt' | 'updatedAt' | 'owner'>,
  settings: MonitoringSettings,
  today: string,
): ActionAssessment {
  return assessAction(
    {
      status: action.status,
      progress: action.progress,
      dueOn: action.dueOn,
      startedOn: dayInBrussels(action.createdAt),
      updatedOn: dayInBrussels(action.updatedAt),
    },
    rulesOn(settings, today),
    settings.calendarOf(action.owner.organisation),
  );
}

/** The working days of a government's calendar (core/calendar: its public holidays and weekends). */
export function governmentCalendar(key: CalendarKey): WorkingDayCalendar {
  return {
    workingDaysBetween: (from, to) => workingDaysBetween(key, from, to),
    // Asking about one day of the year computes and keeps the year's holidays (core/calendar).
    prepare: (year) => void isWorkingDay(key, `${String(year).padStart(4, '0')}-01-02`),
  };
}

/**
 * The settings from the norms and the reference data: `stale_after` as the norm says, and each
 * organisation judged in the working days of its government's calendar (`weekends` for an
 * organisation of no government, such as the secretariat or a region).
 */
export function monitoringSettingsFrom(options: {
  staleAfter: StaleAfter;
  organisations: readonly Pick<Organisation, 'key' | 'government'>[];
  atRiskWorkingDays?: number;
}): MonitoringSettings {
  const calendars = new Map<CalendarKey, WorkingDayCalendar>();
  const byOrganisation = new Map<string, WorkingDayCalendar>();
  for (const organisation of options.organisations) {
    const key = calendarOf(organisation.government);
    let calendar = calendars.get(key);
    if (!calendar) {
      calendar = governmentCalendar(key);
      calendars.set(key, calendar);
    }
    byOrganisation.set(organisation.key, calendar);
  }
  const fallback = calendars.get('weekends') ?? governmentCalendar('weekends');
  calendars.set('weekends', fallback);
  return {
    atRiskWorkingDays: options.atRiskWorkingDays ?? DEFAULT_RULES.atRiskWorkingDays,
    staleAfter: options.staleAfter,
    calendarOf: (organisation) => byOrganisation.get(organisation) ?? fallback,
    calendars: [...calendars.values()],
  };
}
