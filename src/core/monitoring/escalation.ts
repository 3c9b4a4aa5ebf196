import type { NormValue } from '../calendar/norms.js';
import { addCalendarMonths, type CalendarKey, workingDaysBetween } from '../calendar/working-days.js';
import { type ActionStatus, daysBetween, isOpenAction } from './rag.js';

/**
 * The escalation ladder (docs/MONITORING.md, "Escalation"): an action starts at the official
 * level; overdue for longer than the norm `escalation_after` (since its due date, or since its last
 * climb) it climbs one level, to the administrative and then the political level, never further.
 * At the political level its obstacle is put on the agenda proposal of the body that decided it.
 */
export const ESCALATION_LEVELS = ['official', 'administrative', 'political'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Where an action stands on the ladder. */
export interface ActionEscalation {
  level: EscalationLevel;
  /** YYYY-MM-DD: the day of its last climb; null while it never climbed. */
  escalatedOn: string | null;
}

export const START_ESCALATION: ActionEscalation = Object.freeze({ level: 'official', escalatedOn: null });

/** Why an action climbed (stable key; the texts are the clients'). */
export type EscalationReason = 'overdue';

/** One climb, as recorded (table `escalations`) and shown. */
export interface Escalation {
  id: string;
  actionId: string;
  obstacleId: string;
  ownerOrganisation: string;
  from: EscalationLevel;
  to: EscalationLevel;
  /** YYYY-MM-DD: the day of the run that made it. */
  escalatedOn: string;
  at: Date;
  reason: EscalationReason;
  /** The action's due date then. */
  dueOn: string;
  /** YYYY-MM-DD: the day the norm was counted from (the due date, or the previous climb). */
  since: string;
  /** Working days after the due date up to the day of the climb, in `calendar`. */
  workingDaysOverdue: number;
  /** The working-day calendar of the owner organisation's government. */
  calendar: CalendarKey;
  /** The norm `escalation_after` as it was. */
  norm: NormValue;
  /** At the political level: the governing body that decided on the obstacle (null when none did). */
  body: string | null;
  /** At the political level: the body's next planned meeting on or after the climb, when there is one. */
  meetingId: string | null;
}

export function isEscalationLevel(value: string): value is EscalationLevel {
  return (ESCALATION_LEVELS as readonly string[]).includes(value);
}

/** The level above; undefined at the top. */
export function nextLevel(level: EscalationLevel): EscalationLevel | undefined {
  return ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(level) + 1];
}

/** Whether more than `norm` has passed after `since`, on `today` (working days in `calendar`). */
export function normExceeded(norm: NormValue, since: string, today: string, calendar: CalendarKey): boolean {
  switch (norm.unit) {
    case 'working_days':
      return workingDaysBetween(calendar, since, today) > norm.amount;
    case 'calendar_days':
      return daysBetween(since, today) > norm.amount;
    case 'calendar_months':
      return today > addCalendarMonths(since, norm.amount);
  }
}

export interface EscalationFacts {
  status: ActionStatus;
  dueOn: string;
  escalation: ActionEscalation;
}

export interface EscalationStep {
  from: EscalationLevel;
  to: EscalationLevel;
  since: string;
  workingDaysOverdue: number;
}

/**
 * Whether an action climbs one level today: it is open (planned, in progress), due before today,
 * not yet political, and more than the norm `escalation_after` has passed since the later of its
 * due date and its last climb (working days of `calendar` for a norm in working days). Pure.
 *
 * Due Wednesday 13 May 2026 in the Dutch calendar, norm 10 working days: Ascension (14 May) and
 * Whit Monday (25 May) do not count, so 29 May is the 10th working day overdue and Monday 1 June
 * the 11th: it climbs to `administrative` on 1 June, and to `political` on Tuesday 16 June (the
 * 11th working day after 1 June).
 */
export function escalationStep(
  facts: EscalationFacts,
  today: string,
  norm: NormValue,
  calendar: CalendarKey,
): EscalationStep | undefined {
  if (!isOpenAction(facts.status) || facts.dueOn >= today) return undefined;
  const to = nextLevel(facts.escalation.level);
  if (!to) return undefined;
  const last = facts.escalation.escalatedOn;
  const since = last !== null && last > facts.dueOn ? last : facts.dueOn;
  if (!normExceeded(norm, since, today, calendar)) return undefined;
  return { from: facts.escalation.level, to, since, workingDaysOverdue: workingDaysBetween(calendar, facts.dueOn, today) };
}

/** What the reminders of the due dates go by (docs/MONITORING.md, "Reminders"). */
export interface ReminderRules {
  /** `reminder_before_due` once the due date is this many working days away, or fewer. */
  beforeDueWorkingDays: number;
  /** `reminder_overdue` on the first day after the due date, then again every this many calendar days. */
  overdueEveryDays: number;
}

export const DEFAULT_REMINDER_RULES: ReminderRules = Object.freeze({ beforeDueWorkingDays: 5, overdueEveryDays: 7 });

export type ReminderKind = 'reminder_before_due' | 'reminder_overdue';

export interface Reminder {
  kind: ReminderKind;
  /**
   * What makes it one occasion, sent once: `before:<due date>` (once per due date; a new due date
   * is a new occasion) or `overdue:<due date>:<n>` (the n-th week overdue, from 0).
   */
  occasion: string;
  /** Working days left before the due date, or overdue by. */
  days: number;
}

/**
 * The reminder an open action is due today, if any. Before its due date (or on it): once, when the
 * due date is at most `beforeDueWorkingDays` working days away. After it: the first day after and
 * then every `overdueEveryDays` days (a missed night sends the week's reminder the next night, not
 * twice). The caller sends each occasion once (it stores the occasions sent). Pure.
 */
export function reminderDue(
  facts: Pick<EscalationFacts, 'status' | 'dueOn'>,
  today: string,
  rules: ReminderRules,
  calendar: CalendarKey,
): Reminder | undefined {
  if (!isOpenAction(facts.status)) return undefined;
  if (facts.dueOn >= today) {
    const left = workingDaysBetween(calendar, today, facts.dueOn);
    if (left > rules.beforeDueWorkingDays) return undefined;
    return { kind: 'reminder_before_due', occasion: `before:${facts.dueOn}`, days: left };
  }
  const week = Math.floor((daysBetween(facts.dueOn, today) - 1) / Math.max(1, rules.overdueEveryDays));
  return {
    kind: 'reminder_overdue',
    occasion: `overdue:${facts.dueOn}:${week}`,
    days: workingDaysBetween(calendar, facts.dueOn, today),
  };
}
