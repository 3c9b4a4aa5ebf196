/**
 * The intake clock as the queue shows it: clarification must be asked by `clarificationDue`
 * (two months after the report). Past due and due within 14 days are marked (in words, not only
 * in colour). Days are calendar days in Brussels, the time zone of the pages.
 */

/** How many days ahead a due date counts as "due soon". */
export const DUE_SOON_DAYS = 14;

export type ClockState = 'overdue' | 'due_soon' | 'on_time';

/** Today's date in Brussels, YYYY-MM-DD. */
export function todayInBrussels(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now);
}

/** A date `days` later (or earlier), YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `today` to `due` (negative: past due). */
export function daysUntil(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function clockState(due: string, today: string): ClockState {
  const days = daysUntil(due, today);
  if (days < 0) return 'overdue';
  if (days <= DUE_SOON_DAYS) return 'due_soon';
  return 'on_time';
}
