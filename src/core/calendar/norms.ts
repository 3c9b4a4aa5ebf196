import {
  addCalendarDays,
  addCalendarMonths,
  addWorkingDaysExplained,
  type CalendarKey,
  calendarOf,
  type Holiday,
} from './working-days.js';

/**
 * Norm durations: how long each phase of the work may take. The secretariat sets them
 * (`PUT /norms/{phase}`); every due date Schakel computes comes from one, and says which calendar
 * made it.
 */
export const NORM_PHASES = [
  /** A routed department accepts or declines its part. */
  'routing_acknowledgement',
  /** A department that accepted answers on the substance. */
  'department_response',
  /** The secretariat asks the reporter for clarification (the intake clock; BRIDGEforEU: two months). */
  'intake_clarification',
  /** How far past its due date an item may be before it climbs one level of the escalation ladder. */
  'escalation_after',
  /** How long an open item may go without any update before it counts as stale. */
  'stale_after',
] as const;
export type NormPhase = (typeof NORM_PHASES)[number];

export const NORM_UNITS = ['working_days', 'calendar_days', 'calendar_months'] as const;
export type NormUnit = (typeof NORM_UNITS)[number];

/** The bounds of a norm's amount, whatever its unit. */
export const NORM_AMOUNT = { min: 1, max: 366 } as const;

export interface NormValue {
  amount: number;
  unit: NormUnit;
}

/** The defaults (the issue's, and the migration's seed). */
export const DEFAULT_NORMS: Record<NormPhase, NormValue> = {
  routing_acknowledgement: { amount: 10, unit: 'working_days' },
  department_response: { amount: 30, unit: 'working_days' },
  intake_clarification: { amount: 2, unit: 'calendar_months' },
  escalation_after: { amount: 10, unit: 'working_days' },
  stale_after: { amount: 60, unit: 'calendar_days' },
};

export interface Norm extends NormValue {
  phase: NormPhase;
  version: number;
  updatedAt: Date;
  /** The user who last changed it; null for the defaults. */
  updatedBy: string | null;
}

export function isNormPhase(value: string): value is NormPhase {
  return (NORM_PHASES as readonly string[]).includes(value);
}

/** The calendar a due date was computed in: a government's working days, or plain days. */
export type DueCalendar = CalendarKey | 'gregorian';

export interface DueDate {
  date: string;
  /** `gregorian` for calendar days and months; else the working-day calendar (core/calendar). */
  calendar: DueCalendar;
  phase: NormPhase | null;
  /** The holidays the count passed over (working days only). */
  skippedHolidays: Holiday[];
}

/**
 * The due date of a norm counted from a day, in the calendar of a government (its working days
 * for `working_days`; plain days otherwise).
 */
export function dueDate(options: { norm: NormValue & { phase?: NormPhase }; from: string; government?: string | null }): DueDate {
  const { norm, from } = options;
  const phase = norm.phase ?? null;
  switch (norm.unit) {
    case 'working_days': {
      const calendar = calendarOf(options.government);
      const result = addWorkingDaysExplained(calendar, from, norm.amount);
      return { date: result.date, calendar, phase, skippedHolidays: result.skippedHolidays };
    }
    case 'calendar_days':
      return { date: addCalendarDays(from, norm.amount), calendar: 'gregorian', phase, skippedHolidays: [] };
    case 'calendar_months':
      return { date: addCalendarMonths(from, norm.amount), calendar: 'gregorian', phase, skippedHolidays: [] };
  }
}

/** Storage of the norms. Implemented in db/ on both databases; seeded with DEFAULT_NORMS. */
export interface NormRepository {
  /** Every norm, in the order of NORM_PHASES. */
  all(): Promise<Norm[]>;
  get(phase: NormPhase): Promise<Norm>;
  /** Stores a new value when the stored version is `expectedVersion`; false when it is not. */
  update(norm: Norm, expectedVersion: number): Promise<boolean>;
}
