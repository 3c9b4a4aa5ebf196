import { describe, expect, it } from 'vitest';
import {
  type ActionFacts,
  assessAction,
  daysBetween,
  expectedProgress,
  type MonitoringRules,
  type RollUpInput,
  rollUp,
  WEEKDAYS,
  type WorkingDayCalendar,
  workingDaysAtMost,
} from './rag.js';
import { governmentCalendar } from './settings.js';

// Monday 2 November 2026 is "today" in these examples (docs/MONITORING.md uses the same).
const RULES: MonitoringRules = {
  today: '2026-11-02',
  atRiskWorkingDays: 10,
  staleAfter: { amount: 30, unit: 'calendar_days' },
};

function facts(overrides: Partial<ActionFacts>): ActionFacts {
  return {
    status: 'in_progress',
    progress: 0,
    dueOn: '2026-12-31',
    startedOn: '2026-10-01',
    updatedOn: '2026-11-01',
    ...overrides,
  };
}

describe('working days and expected progress', () => {
  it('counts Monday to Friday after the first day up to and including the last', () => {
    expect(WEEKDAYS.workingDaysBetween('2026-11-02', '2026-11-02')).toBe(0);
    expect(WEEKDAYS.workingDaysBetween('2026-11-02', '2026-11-03')).toBe(1);
    // Friday → Monday: one working day (the weekend does not count).
    expect(WEEKDAYS.workingDaysBetween('2026-11-06', '2026-11-09')).toBe(1);
    expect(WEEKDAYS.workingDaysBetween('2026-11-02', '2026-11-16')).toBe(10);
    expect(WEEKDAYS.workingDaysBetween('2026-11-02', '2027-11-01')).toBe(260);
    expect(WEEKDAYS.workingDaysBetween('2026-11-09', '2026-11-02')).toBe(0);
  });

  it('counts the same as a day-by-day walk over a year of start days and spans', () => {
    for (let start = 0; start < 14; start += 1) {
      const from = new Date(Date.UTC(2026, 10, 1 + start)).toISOString().slice(0, 10);
      for (let span = 0; span < 40; span += 1) {
        const to = new Date(Date.UTC(2026, 10, 1 + start + span)).toISOString().slice(0, 10);
        let walked = 0;
        for (let d = 1; d <= span; d += 1) {
          const day = new Date(Date.UTC(2026, 10, 1 + start + d)).getUTCDay();
          if (day !== 0 && day !== 6) walked += 1;
        }
        expect(WEEKDAYS.workingDaysBetween(from, to), `${from} → ${to}`).toBe(walked);
      }
    }
  });

  it('expects the share of the time elapsed between start and due date', () => {
    expect(daysBetween('2026-11-01', '2026-11-11')).toBe(10);
    expect(expectedProgress('2026-11-01', '2026-11-11', '2026-11-06')).toBe(50);
    expect(expectedProgress('2026-11-01', '2026-11-11', '2026-10-20')).toBe(0);
    expect(expectedProgress('2026-11-01', '2026-11-11', '2026-11-20')).toBe(100);
    // Added on its due date: nothing expected before, everything on the day.
    expect(expectedProgress('2026-11-02', '2026-11-02', '2026-11-02')).toBe(100);
    expect(expectedProgress('2026-11-02', '2026-11-02', '2026-11-01')).toBe(0);
  });
});

describe('the RAG of one action', () => {
  it('cancelled → none; done → green, never late or stale', () => {
    expect(assessAction(facts({ status: 'cancelled', dueOn: '2026-01-01' }), RULES, WEEKDAYS)).toEqual({
      rag: 'none',
      overdue: false,
      stale: false,
    });
    expect(
      assessAction(facts({ status: 'done', progress: 100, dueOn: '2026-01-01', updatedOn: '2026-01-01' }), RULES, WEEKDAYS),
    ).toEqual({ rag: 'green', overdue: false, stale: false });
  });

  it('past its due date and not done → red and overdue; due today is not yet overdue', () => {
    expect(assessAction(facts({ dueOn: '2026-11-01', progress: 90 }), RULES, WEEKDAYS)).toEqual({
      rag: 'red',
      overdue: true,
      stale: false,
    });
    expect(assessAction(facts({ status: 'planned', dueOn: '2026-11-02', progress: 100 }), RULES, WEEKDAYS).overdue).toBe(false);
  });

  it('due within 10 working days and behind the expected share → amber; ahead → green', () => {
    // Started 1 October, due 13 November (9 working days away): 74 % of the time has passed.
    const near = facts({ startedOn: '2026-10-01', dueOn: '2026-11-13' });
    expect(expectedProgress('2026-10-01', '2026-11-13', RULES.today)).toBe(74);
    expect(assessAction({ ...near, progress: 60 }, RULES, WEEKDAYS).rag).toBe('amber');
    expect(assessAction({ ...near, progress: 80 }, RULES, WEEKDAYS).rag).toBe('green');
    // Due today and not finished: amber (late tomorrow).
    expect(assessAction(facts({ dueOn: '2026-11-02', progress: 99 }), RULES, WEEKDAYS).rag).toBe('amber');
  });

  it('far from its due date → green however little is done', () => {
    // 17 November is 11 working days after 2 November: outside the window.
    expect(WEEKDAYS.workingDaysBetween(RULES.today, '2026-11-17')).toBe(11);
    expect(assessAction(facts({ startedOn: '2026-09-01', dueOn: '2026-11-17', progress: 0 }), RULES, WEEKDAYS).rag).toBe('green');
    expect(assessAction(facts({ startedOn: '2026-09-01', dueOn: '2026-11-16', progress: 0 }), RULES, WEEKDAYS).rag).toBe('amber');
  });

  it('stale after a norm in working days of the owner’s calendar, or in months', () => {
    const inWorkingDays = { ...RULES, staleAfter: { amount: 20, unit: 'working_days' as const } };
    // 5 to 30 October 2026: 19 working days (Mon–Fri), then 2 November is the 20th.
    expect(assessAction(facts({ updatedOn: '2026-10-05' }), inWorkingDays, WEEKDAYS).stale).toBe(true);
    expect(assessAction(facts({ updatedOn: '2026-10-06' }), inWorkingDays, WEEKDAYS).stale).toBe(false);
    // Belgium's holidays in between (1 November, a Sunday) change nothing here; 11 November does below.
    expect(assessAction(facts({ updatedOn: '2026-10-05' }), inWorkingDays, governmentCalendar('be')).stale).toBe(true);
    expect(
      assessAction(
        facts({ updatedOn: '2026-10-13' }),
        { ...inWorkingDays, today: '2026-11-11', staleAfter: { amount: 21, unit: 'working_days' } },
        WEEKDAYS,
      ).stale,
    ).toBe(true);
    expect(
      assessAction(
        facts({ updatedOn: '2026-10-13' }),
        { ...inWorkingDays, today: '2026-11-11', staleAfter: { amount: 21, unit: 'working_days' } },
        governmentCalendar('be'),
      ).stale,
    ).toBe(false);
    const inMonths = { ...RULES, staleAfter: { amount: 1, unit: 'calendar_months' as const } };
    expect(assessAction(facts({ updatedOn: '2026-10-02' }), inMonths, WEEKDAYS).stale).toBe(true);
    expect(assessAction(facts({ updatedOn: '2026-10-03' }), inMonths, WEEKDAYS).stale).toBe(false);
  });

  it('the window counts the real holidays of the owner’s government (Belgium: 11 November, Armistice)', () => {
    // Today 2 November; due Tuesday 17 November: 11 weekdays, but 10 working days in Belgium.
    const action = facts({ startedOn: '2026-09-01', dueOn: '2026-11-17', progress: 10 });
    expect(governmentCalendar('be').workingDaysBetween(RULES.today, '2026-11-17')).toBe(10);
    expect(governmentCalendar('nl').workingDaysBetween(RULES.today, '2026-11-17')).toBe(11);
    expect(assessAction(action, RULES, governmentCalendar('nl')).rag).toBe('green');
    expect(assessAction(action, RULES, governmentCalendar('be')).rag).toBe('amber');
  });

  it('decides the window from the weekdays when it can, and asks the calendar only near the limit', () => {
    let asked = 0;
    const counting: WorkingDayCalendar = {
      workingDaysBetween: (from, to) => {
        asked += 1;
        return WEEKDAYS.workingDaysBetween(from, to);
      },
    };
    expect(workingDaysAtMost(counting, '2026-11-02', '2026-11-10', 10)).toBe(true);
    expect(workingDaysAtMost(counting, '2026-11-02', '2027-11-02', 10)).toBe(false);
    expect(asked).toBe(0);
    expect(workingDaysAtMost(counting, '2026-11-02', '2026-11-25', 10)).toBe(false);
    expect(asked).toBe(1);
  });

  it('the window is counted in the owner’s working days: a holiday widens it', () => {
    // A calendar with 11 November (Armistice, a Belgian holiday) off besides weekends.
    const belgian: WorkingDayCalendar = {
      workingDaysBetween: (from, to) =>
        WEEKDAYS.workingDaysBetween(from, to) - (from < '2026-11-11' && to >= '2026-11-11' ? 1 : 0),
    };
    const action = facts({ startedOn: '2026-09-01', dueOn: '2026-11-17', progress: 10 });
    expect(assessAction(action, RULES, WEEKDAYS).rag).toBe('green');
    expect(assessAction(action, RULES, belgian).rag).toBe('amber');
  });

  it('stale when open and not updated for 30 days or more, whatever its colour', () => {
    expect(assessAction(facts({ updatedOn: '2026-10-03' }), RULES, WEEKDAYS).stale).toBe(true);
    expect(assessAction(facts({ updatedOn: '2026-10-04' }), RULES, WEEKDAYS).stale).toBe(false);
    expect(
      assessAction(facts({ updatedOn: '2026-10-03' }), { ...RULES, staleAfter: { amount: 60, unit: 'calendar_days' } }, WEEKDAYS)
        .stale,
    ).toBe(false);
    expect(assessAction(facts({ updatedOn: '2026-01-01', dueOn: '2026-10-01' }), RULES, WEEKDAYS)).toEqual({
      rag: 'red',
      overdue: true,
      stale: true,
    });
  });
});

describe('the roll-up of an obstacle', () => {
  const action = (overrides: Partial<RollUpInput>): RollUpInput => ({
    status: 'in_progress',
    progress: 0,
    weight: 1,
    rag: 'green',
    overdue: false,
    stale: false,
    ...overrides,
  });

  it('no actions (or only cancelled ones) → no percent, none', () => {
    expect(rollUp([])).toMatchObject({ percent: null, rag: 'none', actions: { total: 0 } });
    expect(rollUp([action({ status: 'cancelled', rag: 'none', progress: 40 })])).toMatchObject({
      percent: null,
      rag: 'none',
      actions: { total: 1, cancelled: 1 },
    });
  });

  it('weights the progress and leaves cancelled actions out', () => {
    const progress = rollUp([
      action({ progress: 100, weight: 3, status: 'done' }),
      action({ progress: 20, weight: 1 }),
      action({ progress: 0, weight: 50, status: 'cancelled', rag: 'none' }),
    ]);
    // (3 × 100 + 1 × 20) / 4 = 80.
    expect(progress).toEqual({
      percent: 80,
      rag: 'green',
      actions: { total: 3, planned: 0, inProgress: 1, done: 1, cancelled: 1, overdue: 0, stale: 0 },
    });
  });

  it('takes the worst colour: red over amber over green', () => {
    expect(rollUp([action({}), action({ rag: 'amber' })]).rag).toBe('amber');
    expect(rollUp([action({ rag: 'amber' }), action({ rag: 'red', overdue: true, stale: true })])).toMatchObject({
      rag: 'red',
      actions: { overdue: 1, stale: 1 },
    });
    expect(rollUp([action({ status: 'done', progress: 100 }), action({ status: 'planned' })])).toMatchObject({
      percent: 50,
      rag: 'green',
      actions: { planned: 1, done: 1 },
    });
  });
});
