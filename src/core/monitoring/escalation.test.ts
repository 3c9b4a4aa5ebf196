import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_RULES,
  type EscalationFacts,
  escalationStep,
  nextLevel,
  normExceeded,
  reminderDue,
} from './escalation.js';

const TEN_WORKING_DAYS = { amount: 10, unit: 'working_days' } as const;

/** Due Wednesday 13 May 2026: the day before Ascension (a holiday in NL, BE and DE); Whit Monday is 25 May. */
const DUE = '2026-05-13';

function action(overrides: Partial<EscalationFacts> = {}): EscalationFacts {
  return { status: 'in_progress', dueOn: DUE, escalation: { level: 'official', escalatedOn: null }, ...overrides };
}

describe('the escalation ladder (docs/MONITORING.md, worked examples)', () => {
  it('climbs official → administrative once the action is overdue by more than 10 working days, holidays not counted', () => {
    // Working days after 13 May in NL: 15 (14 is Ascension), 18–22, 26–29 (25 is Whit Monday): 29 May is the 10th.
    expect(escalationStep(action(), '2026-05-29', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    // Saturday and Sunday add nothing: still 10.
    expect(escalationStep(action(), '2026-05-31', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    // Monday 1 June is the 11th.
    expect(escalationStep(action(), '2026-06-01', TEN_WORKING_DAYS, 'nl')).toEqual({
      from: 'official',
      to: 'administrative',
      since: DUE,
      workingDaysOverdue: 11,
    });
    // Belgium and the Bund have the same two holidays in that stretch.
    expect(escalationStep(action(), '2026-06-01', TEN_WORKING_DAYS, 'be')?.to).toBe('administrative');
    expect(escalationStep(action(), '2026-05-29', TEN_WORKING_DAYS, 'de')).toBeUndefined();
  });

  it('counts Monday to Friday only for an owner of no government: it climbs three working days earlier', () => {
    // 14, 15, 18–22, 25, 26, 27 are ten; Thursday 28 May the 11th.
    expect(escalationStep(action(), '2026-05-27', TEN_WORKING_DAYS, 'weekends')).toBeUndefined();
    expect(escalationStep(action(), '2026-05-28', TEN_WORKING_DAYS, 'weekends')).toMatchObject({
      to: 'administrative',
      workingDaysOverdue: 11,
    });
  });

  it('climbs administrative → political counting from the last climb, and never past political', () => {
    const administrative = action({ escalation: { level: 'administrative', escalatedOn: '2026-06-01' } });
    // From Monday 1 June: 2–5, 8–12, 15 June are ten working days; Tuesday 16 June the 11th.
    expect(escalationStep(administrative, '2026-06-15', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    expect(escalationStep(administrative, '2026-06-16', TEN_WORKING_DAYS, 'nl')).toEqual({
      from: 'administrative',
      to: 'political',
      since: '2026-06-01',
      workingDaysOverdue: 22,
    });
    // North Rhine-Westphalia keeps Corpus Christi (Thursday 4 June): one day later.
    expect(escalationStep(administrative, '2026-06-16', TEN_WORKING_DAYS, 'de-nw')).toBeUndefined();
    expect(escalationStep(administrative, '2026-06-17', TEN_WORKING_DAYS, 'de-nw')?.to).toBe('political');
    const political = action({ escalation: { level: 'political', escalatedOn: '2026-06-16' } });
    expect(escalationStep(political, '2026-12-31', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    expect(nextLevel('political')).toBeUndefined();
  });

  it('does not climb an action that is done, cancelled or not overdue (a due date moved later counts from the new date)', () => {
    expect(escalationStep(action({ status: 'done' }), '2026-07-01', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    expect(escalationStep(action({ status: 'cancelled' }), '2026-07-01', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    expect(escalationStep(action({ dueOn: '2026-07-01' }), '2026-07-01', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    expect(escalationStep(action({ status: 'planned' }), '2026-06-01', TEN_WORKING_DAYS, 'nl')?.to).toBe('administrative');
    // Climbed on 1 June, then given until 10 June: the next climb counts from 10 June.
    const moved = action({ dueOn: '2026-06-10', escalation: { level: 'administrative', escalatedOn: '2026-06-01' } });
    expect(escalationStep(moved, '2026-06-24', TEN_WORKING_DAYS, 'nl')).toBeUndefined();
    expect(escalationStep(moved, '2026-06-25', TEN_WORKING_DAYS, 'nl')).toMatchObject({ to: 'political', since: '2026-06-10' });
  });

  it('reads a norm in calendar days or months too', () => {
    expect(normExceeded({ amount: 14, unit: 'calendar_days' }, DUE, '2026-05-27', 'nl')).toBe(false);
    expect(normExceeded({ amount: 14, unit: 'calendar_days' }, DUE, '2026-05-28', 'nl')).toBe(true);
    expect(normExceeded({ amount: 1, unit: 'calendar_months' }, DUE, '2026-06-13', 'nl')).toBe(false);
    expect(normExceeded({ amount: 1, unit: 'calendar_months' }, DUE, '2026-06-14', 'nl')).toBe(true);
  });
});

describe('the reminders of a due date', () => {
  it('reminds once the due date is 5 working days away or fewer, holidays not counted', () => {
    // Before 13 May in NL: 7, 8, 11, 12, 13 May are the last five working days (from 6 May).
    expect(reminderDue(action(), '2026-05-05', DEFAULT_REMINDER_RULES, 'nl')).toBeUndefined();
    expect(reminderDue(action(), '2026-05-06', DEFAULT_REMINDER_RULES, 'nl')).toEqual({
      kind: 'reminder_before_due',
      occasion: `before:${DUE}`,
      days: 5,
    });
    // Due Tuesday 26 May (after Whit Monday): 19–22 and 26 May; on Monday 18 May it is 6 away in a plain week, 5 in NL.
    const afterWhitsun = action({ dueOn: '2026-05-26' });
    expect(reminderDue(afterWhitsun, '2026-05-18', DEFAULT_REMINDER_RULES, 'weekends')).toBeUndefined();
    expect(reminderDue(afterWhitsun, '2026-05-18', DEFAULT_REMINDER_RULES, 'nl')).toMatchObject({ days: 5 });
    expect(reminderDue(action(), DUE, DEFAULT_REMINDER_RULES, 'nl')).toMatchObject({ kind: 'reminder_before_due', days: 0 });
  });

  it('reminds the first day after the due date, and then once a week (the occasion names the week)', () => {
    expect(reminderDue(action(), '2026-05-14', DEFAULT_REMINDER_RULES, 'nl')).toEqual({
      kind: 'reminder_overdue',
      occasion: `overdue:${DUE}:0`,
      days: 0,
    });
    expect(reminderDue(action(), '2026-05-20', DEFAULT_REMINDER_RULES, 'nl')?.occasion).toBe(`overdue:${DUE}:0`);
    expect(reminderDue(action(), '2026-05-21', DEFAULT_REMINDER_RULES, 'nl')).toEqual({
      kind: 'reminder_overdue',
      occasion: `overdue:${DUE}:1`,
      days: 5,
    });
    expect(reminderDue(action({ status: 'done' }), '2026-05-21', DEFAULT_REMINDER_RULES, 'nl')).toBeUndefined();
  });
});
