import { addCalendarMonths } from '../calendar/working-days.js';

/**
 * The RAG rule of the monitoring (docs/MONITORING.md, with examples): per action and per obstacle,
 * green (on track), amber (at risk), red (late), or none (nothing to judge). Pure: the date, the
 * working-day calendar and the thresholds are given. Dates are calendar dates, YYYY-MM-DD.
 */

export const RAGS = ['green', 'amber', 'red', 'none'] as const;
export type Rag = (typeof RAGS)[number];

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses in which an action is still to be done: only these can be late, at risk or stale. */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'in_progress'];

export function isOpenAction(status: ActionStatus): boolean {
  return status === 'planned' || status === 'in_progress';
}

/** Counts working days (of one government's calendar). */
export interface WorkingDayCalendar {
  /** The working days d with from < d ≤ to (0 when to ≤ from). */
  workingDaysBetween(from: string, to: string): number;
  /**
   * Computes now what counting the days of `year` needs (a government's public holidays: tens of
   * milliseconds the first time in a process), so that counting later does not; optional. The
   * nightly run calls it for this year and the next, one year at a time between batches.
   */
  prepare?(year: number): void;
}

/** How long an open action may go without an update (the norm `stale_after` of core/calendar). */
export interface StaleAfter {
  amount: number;
  unit: 'working_days' | 'calendar_days' | 'calendar_months';
}

export interface MonitoringRules {
  /** Today, in the calendar of the platform (Europe/Brussels). */
  today: string;
  /** An open action due within this many working days is judged on its progress (amber when behind). */
  atRiskWorkingDays: number;
  /** An open action not updated for this long is stale (working days of the owner's calendar, or plain days or months). */
  staleAfter: StaleAfter;
}

/** Defaults when no norm says otherwise (docs/MONITORING.md; `stale_after` is core/calendar's default). */
export const DEFAULT_RULES: { atRiskWorkingDays: number; staleAfter: StaleAfter } = {
  atRiskWorkingDays: 10,
  staleAfter: { amount: 60, unit: 'calendar_days' },
};

export interface ActionFacts {
  status: ActionStatus;
  /** 0–100. */
  progress: number;
  dueOn: string;
  /** The day the action was added: where its expected progress starts. */
  startedOn: string;
  /** The day of its last update (its creation when none). */
  updatedOn: string;
}

export interface ActionAssessment {
  rag: Rag;
  /** Due before today and neither done nor cancelled. */
  overdue: boolean;
  /** Open and not updated for `staleAfter` or longer. */
  stale: boolean;
}

const DAY = 86_400_000;

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/**
 * The progress (0–100) an action should have reached today if the work were spread evenly from
 * the day it was added to its due date: the share of that time elapsed. 100 on or after the due
 * date, 0 on or before the start.
 */
export function expectedProgress(startedOn: string, dueOn: string, today: string): number {
  const span = daysBetween(startedOn, dueOn);
  if (span <= 0) return today >= dueOn ? 100 : 0;
  const elapsed = daysBetween(startedOn, today);
  return Math.max(0, Math.min(100, Math.round((elapsed * 100) / span)));
}

/**
 * One action's RAG, overdue and stale flags:
 * - cancelled → none (nothing to judge);
 * - done → green;
 * - due before today → red (late), and overdue;
 * - due within `atRiskWorkingDays` working days (of the owner's calendar) with progress below
 *   the expected share of the time elapsed → amber (at risk);
 * - else green (on track).
 * Stale is separate from the colour: open, and last updated `staleAfter` ago or longer (isStale).
 */
export function assessAction(facts: ActionFacts, rules: MonitoringRules, calendar: WorkingDayCalendar): ActionAssessment {
  if (!isOpenAction(facts.status)) return { rag: facts.status === 'done' ? 'green' : 'none', overdue: false, stale: false };
  const stale = isStale(facts.updatedOn, rules.today, rules.staleAfter, calendar);
  if (facts.dueOn < rules.today) return { rag: 'red', overdue: true, stale };
  const behind = facts.progress < expectedProgress(facts.startedOn, facts.dueOn, rules.today);
  const near = behind && workingDaysAtMost(calendar, rules.today, facts.dueOn, rules.atRiskWorkingDays);
  return { rag: near ? 'amber' : 'green', overdue: false, stale };
}

/** Whether an update on `updatedOn` is `staleAfter` or longer ago on `today`. */
export function isStale(updatedOn: string, today: string, staleAfter: StaleAfter, calendar: WorkingDayCalendar): boolean {
  switch (staleAfter.unit) {
    case 'calendar_days':
      return daysBetween(updatedOn, today) >= staleAfter.amount;
    case 'calendar_months':
      return today >= addCalendarMonths(updatedOn, staleAfter.amount);
    case 'working_days':
      return !workingDaysAtMost(calendar, updatedOn, today, staleAfter.amount - 1);
  }
}

/**
 * Whether there are at most `limit` working days after `from` up to `to`. Counting a calendar's
 * days one by one is the slow part of the nightly run, so the weekdays (a closed form) decide
 * first: working days are never more than the weekdays, nor fewer than the weekdays less the
 * holidays (at most 20 a year are counted as possible); only in between is the calendar asked.
 */
export function workingDaysAtMost(calendar: WorkingDayCalendar, from: string, to: string, limit: number): boolean {
  const weekdays = WEEKDAYS.workingDaysBetween(from, to);
  if (weekdays <= limit) return true;
  const slack = 20 * Math.ceil(Math.max(1, daysBetween(from, to)) / 365);
  if (weekdays - slack > limit) return false;
  return calendar.workingDaysBetween(from, to) <= limit;
}

export interface RollUpInput {
  status: ActionStatus;
  progress: number;
  /** 1–100. */
  weight: number;
  rag: Rag;
  overdue: boolean;
  stale: boolean;
}

export interface ObstacleProgress {
  /** Σ(weight × progress) / Σ weight over the actions not cancelled, rounded; null when there are none. */
  percent: number | null;
  rag: Rag;
  actions: {
    total: number;
    planned: number;
    inProgress: number;
    done: number;
    cancelled: number;
    overdue: number;
    stale: number;
  };
}

const SEVERITY: Record<Rag, number> = { none: 0, green: 1, amber: 2, red: 3 };

/**
 * An obstacle's progress from its actions: the weighted mean of their progress (cancelled ones
 * left out), and the worst RAG among them: red when any is red (late), amber when any is amber
 * (at risk), green when all are green (done or on track), none when it has no actions that count.
 */
export function rollUp(actions: readonly RollUpInput[]): ObstacleProgress {
  const counts = { total: actions.length, planned: 0, inProgress: 0, done: 0, cancelled: 0, overdue: 0, stale: 0 };
  let weighted = 0;
  let weights = 0;
  let rag: Rag = 'none';
  for (const action of actions) {
    if (action.status === 'planned') counts.planned += 1;
    else if (action.status === 'in_progress') counts.inProgress += 1;
    else if (action.status === 'done') counts.done += 1;
    else counts.cancelled += 1;
    if (action.overdue) counts.overdue += 1;
    if (action.stale) counts.stale += 1;
    if (action.status === 'cancelled') continue;
    weighted += action.weight * action.progress;
    weights += action.weight;
    if (SEVERITY[action.rag] > SEVERITY[rag]) rag = action.rag;
  }
  return { percent: weights === 0 ? null : Math.round(weighted / weights), rag, actions: counts };
}

/** Monday to Friday: the calendar used when a government has none of its own. */
export const WEEKDAYS: WorkingDayCalendar = {
  workingDaysBetween(from, to) {
    const days = daysBetween(from, to);
    if (days <= 0) return 0;
    // Whole weeks have five; then the days of the last part week, from the day after `from`.
    const startDay = new Date(Date.parse(`${from}T00:00:00Z`)).getUTCDay();
    let count = Math.floor(days / 7) * 5;
    for (let i = 1; i <= days % 7; i += 1) {
      const weekday = (startDay + i) % 7;
      if (weekday !== 0 && weekday !== 6) count += 1;
    }
    return count;
  },
};
