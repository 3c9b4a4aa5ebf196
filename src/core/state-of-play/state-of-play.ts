import type { ActionStatus } from '../actions/action.js';
import { addCalendarMonths } from '../calendar/working-days.js';
import type { Language, LocalizedText } from '../shared/language.js';

/**
 * The half-yearly state of play (docs/MONITORING.md): the secretariat opens a round, each
 * department answers on its open items (its actions overdue or due within six months of the
 * round's reference date), reminders go to the departments that have not answered, and closing
 * freezes the round and yields its overview.
 */
export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** How far ahead a round looks: actions due within this many calendar months of the reference date. */
export const HORIZON_MONTHS = 6;

export const STATE_OF_PLAY_LIMITS = { title: 200, note: 2_000 } as const;

export interface StateOfPlayRound {
  id: string;
  title: string;
  /** YYYY-MM-DD: the day the items were selected against (the opening day unless given). */
  referenceDate: string;
  /** YYYY-MM-DD: the last due date a selected item has (reference date + six calendar months). */
  horizon: string;
  /** YYYY-MM-DD: by when the departments answer. */
  answerDueOn: string;
  status: RoundStatus;
  openedAt: Date;
  openedBy: string;
  closedAt: Date | null;
  closedBy: string | null;
  /** The last reminder run and how many runs there were. */
  remindedAt: Date | null;
  reminders: number;
  version: number;
}

/** A department's answer on one item. */
export interface ItemAnswer {
  status: ActionStatus;
  /** 0–100. */
  progress: number;
  /** YYYY-MM-DD: when the department expects it done; null for done or cancelled items. */
  forecastOn: string | null;
  note: string | null;
  answeredAt: Date;
  answeredBy: string;
}

/** An open action of a department, as it stood when the round was opened, with the answer on it. */
export interface StateOfPlayItem {
  id: string;
  roundId: string;
  /** The department (the action's owner organisation). */
  organisation: string;
  actionId: string;
  obstacle: { id: string; reference: string; title: LocalizedText; sourceLanguage: Language };
  title: LocalizedText;
  sourceLanguage: Language;
  dueOn: string;
  status: ActionStatus;
  progress: number;
  /** Past its due date on the reference date (else: due within the horizon). */
  overdue: boolean;
  answer: ItemAnswer | null;
  version: number;
}

/** An open action as the opening of a round reads it. */
export interface ActionCandidate {
  id: string;
  organisation: string;
  obstacle: StateOfPlayItem['obstacle'];
  title: LocalizedText;
  sourceLanguage: Language;
  dueOn: string;
  status: ActionStatus;
  progress: number;
}

export function horizonOf(referenceDate: string): string {
  return addCalendarMonths(referenceDate, HORIZON_MONTHS);
}

/** Whether an action status is still open (planned, in progress) or closed (done, cancelled). */
export function isOpenActionStatus(status: ActionStatus): boolean {
  switch (status) {
    case 'planned':
    case 'in_progress':
      return true;
    case 'done':
    case 'cancelled':
      return false;
  }
}

/**
 * The items of a round: the open actions (not done, not cancelled) that are overdue on the
 * reference date or due on or before the horizon (six calendar months later), in order of
 * department, due date and id. Each is marked overdue when its due date is before the reference date.
 */
export function selectItems(
  candidates: readonly ActionCandidate[],
  referenceDate: string,
): (ActionCandidate & { overdue: boolean })[] {
  const horizon = horizonOf(referenceDate);
  return candidates
    .filter((c) => isOpenActionStatus(c.status) && c.dueOn <= horizon)
    .map((c) => ({ ...c, overdue: c.dueOn < referenceDate }))
    .sort((a, b) =>
      a.organisation !== b.organisation
        ? a.organisation < b.organisation
          ? -1
          : 1
        : a.dueOn !== b.dueOn
          ? a.dueOn < b.dueOn
            ? -1
            : 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
    );
}

/** One department's part of a round. */
export interface DepartmentProgress {
  organisation: string;
  items: number;
  answered: number;
  overdue: number;
  /** Every item answered. */
  complete: boolean;
}

/** Per department (in key order): how many items, how many answered. */
export function progressByDepartment(items: readonly StateOfPlayItem[]): DepartmentProgress[] {
  const byOrganisation = new Map<string, DepartmentProgress>();
  for (const item of items) {
    const entry = byOrganisation.get(item.organisation) ?? {
      organisation: item.organisation,
      items: 0,
      answered: 0,
      overdue: 0,
      complete: false,
    };
    entry.items += 1;
    if (item.answer) entry.answered += 1;
    if (item.overdue) entry.overdue += 1;
    byOrganisation.set(item.organisation, entry);
  }
  return [...byOrganisation.values()]
    .map((d) => ({ ...d, complete: d.answered === d.items }))
    .sort((a, b) => (a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0));
}

/** The overview of a round: each department's progress, the departments that did not answer every item, and the items. */
export interface StateOfPlayOverview {
  departments: DepartmentProgress[];
  /** The departments with at least one item not answered (a closed round: those that missed it). */
  missed: string[];
  items: StateOfPlayItem[];
}

export function overviewOf(items: readonly StateOfPlayItem[]): StateOfPlayOverview {
  const departments = progressByDepartment(items);
  return { departments, missed: departments.filter((d) => !d.complete).map((d) => d.organisation), items: [...items] };
}
