import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMS, dueDate } from './norms.js';
import {
  addCalendarMonths,
  addWorkingDays,
  addWorkingDaysExplained,
  type CalendarKey,
  calendarOf,
  holidays,
  isWorkingDay,
  workingDaysBetween,
} from './working-days.js';

// A second, independent set of cases (written apart from working-days.test.ts, against the same
// functions), so that a date both sets agree on was checked twice.
// Dates checked by hand against the official lists: rijksoverheid.nl (erkende feestdagen), belgium.be
// (wettelijke feestdagen), vlaanderen.be (Feestdag van de Vlaamse Gemeenschap, 11 juli), and the
// Feiertagsgesetze of Nordrhein-Westfalen (§ 2 FTG NW: Fronleichnam) and Niedersachsen (§ 2 NFeiertagsG:
// no Fronleichnam; Reformationstag 31 October since 2018).
// 2027: Easter Sunday 28 March, Ascension Thursday 6 May, Whit Monday 17 May, Corpus Christi Thursday 27 May.

const ALL: CalendarKey[] = ['nl', 'be', 'vl', 'de-nw', 'de-ni', 'de'];

function on(calendars: CalendarKey[], date: string): Record<string, boolean> {
  return Object.fromEntries(calendars.map((c) => [c, isWorkingDay(c, date)]));
}

describe('holidays of 2027 by calendar', () => {
  it('Ascension Day, Thursday 6 May 2027, is off everywhere', () => {
    expect(on(ALL, '2027-05-06')).toEqual({ nl: false, be: false, vl: false, 'de-nw': false, 'de-ni': false, de: false });
    expect(isWorkingDay('weekends', '2027-05-06')).toBe(true);
  });

  it('Whit Monday, 17 May 2027, is off everywhere', () => {
    expect(on(ALL, '2027-05-17')).toEqual({ nl: false, be: false, vl: false, 'de-nw': false, 'de-ni': false, de: false });
  });

  it('Corpus Christi, Thursday 27 May 2027: off in NRW only, not in Lower Saxony, Germany as a whole, NL or BE', () => {
    expect(on(ALL, '2027-05-27')).toEqual({ nl: true, be: true, vl: true, 'de-nw': false, 'de-ni': true, de: true });
  });

  it('Koningsdag, Tuesday 27 April 2027: the Netherlands only', () => {
    expect(on(ALL, '2027-04-27')).toEqual({ nl: false, be: true, vl: true, 'de-nw': true, 'de-ni': true, de: true });
  });

  it('Day of German Unity, 3 October (Tuesday in 2028): Germany', () => {
    expect(on(ALL, '2028-10-03')).toEqual({ nl: true, be: true, vl: true, 'de-nw': false, 'de-ni': false, de: false });
  });

  it('Belgian national day, 21 July (Wednesday in 2027), and Assumption, 15 August (Tuesday in 2028): Belgium, not NL', () => {
    expect(on(ALL, '2027-07-21')).toEqual({ nl: true, be: false, vl: false, 'de-nw': true, 'de-ni': true, de: true });
    expect(on(['nl', 'be', 'vl'], '2028-08-15')).toEqual({ nl: true, be: false, vl: false });
  });

  it('Flemish Community day, Tuesday 11 July 2028: Flanders only', () => {
    expect(on(ALL, '2028-07-11')).toEqual({ nl: true, be: true, vl: false, 'de-nw': true, 'de-ni': true, de: true });
    expect(holidays('vl', 2028).find((h) => h.date === '2028-07-11')?.name.nl).toMatch(/Vlaamse Gemeenschap/);
    expect(holidays('be', 2028).some((h) => h.date === '2028-07-11')).toBe(false);
  });

  it('Boxing Day, Tuesday 26 December 2028: NL and DE off, Belgium works', () => {
    expect(on(ALL, '2028-12-26')).toEqual({ nl: false, be: true, vl: true, 'de-nw': false, 'de-ni': false, de: false });
    expect(on(ALL, '2028-12-25').nl).toBe(false);
    expect(on(ALL, '2028-12-25').be).toBe(false);
  });

  it('Reformation Day, Tuesday 31 October 2028: Lower Saxony, not NRW; All Saints, Wednesday 1 November 2028: NRW and BE, not Lower Saxony', () => {
    expect(isWorkingDay('de-ni', '2028-10-31')).toBe(false);
    expect(isWorkingDay('de-nw', '2028-10-31')).toBe(true);
    expect(on(['de-nw', 'de-ni', 'be', 'nl'], '2028-11-01')).toEqual({ 'de-nw': false, 'de-ni': true, be: false, nl: true });
  });

  it('weekends are off in every calendar, weekdays without a holiday work', () => {
    for (const c of [...ALL, 'weekends' as const]) {
      expect(isWorkingDay(c, '2027-06-05')).toBe(false); // Saturday
      expect(isWorkingDay(c, '2027-06-06')).toBe(false); // Sunday
      expect(isWorkingDay(c, '2027-06-07')).toBe(true); // Monday
    }
  });

  it('names holidays in the four languages', () => {
    const whitMonday = holidays('be', 2027).find((h) => h.date === '2027-05-17');
    expect(whitMonday?.name).toEqual({
      nl: 'Pinkstermaandag',
      fr: 'Lundi de Pentecôte',
      de: 'Pfingstmontag',
      en: 'Whit Monday',
    });
    expect(holidays('nl', 2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-28',
      '2027-03-29',
      '2027-04-27',
      '2027-05-06',
      '2027-05-16',
      '2027-05-17',
      '2027-12-25',
      '2027-12-26',
    ]);
    expect(holidays('weekends', 2027)).toEqual([]);
  });
});

describe('addWorkingDays', () => {
  it('skips Corpus Christi in NRW but not in Lower Saxony (Tue 25 May 2027 + 3)', () => {
    // de-nw: Wed 26 (1), Thu 27 holiday, Fri 28 (2), Mon 31 (3). de-ni: Wed 26, Thu 27, Fri 28.
    expect(addWorkingDays('de-nw', '2027-05-25', 3)).toBe('2027-05-31');
    expect(addWorkingDays('de-ni', '2027-05-25', 3)).toBe('2027-05-28');
  });

  it('crosses Ascension Day and Whit Monday (Mon 3 May 2027 + 10)', () => {
    // NL: 4,5,(6 off),7,10,11,12,13,14,(17 off),18,19 → 10th working day is Wed 19 May.
    expect(addWorkingDays('nl', '2027-05-03', 10)).toBe('2027-05-19');
    // Without holidays: 4,5,6,7,10,11,12,13,14,17 → Mon 17 May.
    expect(addWorkingDays('weekends', '2027-05-03', 10)).toBe('2027-05-17');
    const explained = addWorkingDaysExplained('nl', '2027-05-03', 10);
    expect(explained.skippedHolidays.map((h) => h.date)).toEqual(['2027-05-06', '2027-05-17']);
  });

  it('crosses 11 July in Flanders only (Mon 10 July 2028 + 1)', () => {
    expect(addWorkingDays('vl', '2028-07-10', 1)).toBe('2028-07-12');
    expect(addWorkingDays('be', '2028-07-10', 1)).toBe('2028-07-11');
  });

  it('does not count the start day, and starts on a weekend or holiday alike', () => {
    expect(addWorkingDays('nl', '2027-06-04', 1)).toBe('2027-06-07'); // Fri → Mon
    expect(addWorkingDays('nl', '2027-06-05', 1)).toBe('2027-06-07'); // Sat → Mon
    expect(addWorkingDays('nl', '2027-05-06', 1)).toBe('2027-05-07'); // from Ascension → Fri
    expect(addWorkingDays('nl', '2027-06-04', 0)).toBe('2027-06-04');
  });

  it('crosses the year end (Fri 24 December 2027 + 3)', () => {
    // NL: Sat 25 (Christmas), Sun 26, Mon 27 (1), Tue 28 (2), Wed 29 (3). 2027-12-25/26 fall on a weekend.
    expect(addWorkingDays('nl', '2027-12-24', 3)).toBe('2027-12-29');
    // Thu 28 December 2028 + 3 in NL: Fri 29 (1), Mon 1 January 2029 off, Tue 2 (2), Wed 3 (3).
    expect(addWorkingDays('nl', '2028-12-28', 3)).toBe('2029-01-03');
    // BE: Fri 22 December 2028 + 2: Mon 25 off, Tue 26 works (1), Wed 27 (2). NL: 26 off → Thu 28.
    expect(addWorkingDays('be', '2028-12-22', 2)).toBe('2028-12-27');
    expect(addWorkingDays('nl', '2028-12-22', 2)).toBe('2028-12-28');
  });

  it('refuses a date that is not one', () => {
    expect(() => addWorkingDays('nl', '2027-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('nl', '2027-05-03', -1)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays', () => {
    for (const c of ALL) {
      for (const n of [1, 3, 10, 30]) {
        expect(workingDaysBetween(c, '2027-04-20', addWorkingDays(c, '2027-04-20', n))).toBe(n);
      }
    }
  });

  it('counts May 2027 per calendar, and 0 backwards (as documented: how far overdue)', () => {
    // 21 weekdays in May 2027 (3–7, 10–14, 17–21, 24–28, 31); NL: minus 6 and 17 → 19; NRW: minus 27 too → 18.
    expect(workingDaysBetween('nl', '2027-04-30', '2027-05-31')).toBe(19);
    expect(workingDaysBetween('de-nw', '2027-04-30', '2027-05-31')).toBe(18);
    expect(workingDaysBetween('weekends', '2027-04-30', '2027-05-31')).toBe(21);
    expect(workingDaysBetween('nl', '2027-05-31', '2027-04-30')).toBe(0);
    expect(workingDaysBetween('nl', '2027-05-31', '2027-05-31')).toBe(0);
  });
});

describe('addCalendarMonths', () => {
  it('clamps to the end of the month', () => {
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addCalendarMonths('2027-11-15', 2)).toBe('2028-01-15');
    expect(addCalendarMonths('2027-03-31', 1)).toBe('2027-04-30');
  });
});

describe('dueDate', () => {
  it('says which calendar made it', () => {
    const ack = { phase: 'routing_acknowledgement' as const, ...DEFAULT_NORMS.routing_acknowledgement };
    expect(dueDate({ norm: ack, from: '2027-05-03', government: 'nl' })).toMatchObject({
      date: '2027-05-19',
      calendar: 'nl',
      phase: 'routing_acknowledgement',
    });
    // Benelux has no calendar of its own: weekends only, and it says so.
    expect(dueDate({ norm: ack, from: '2027-05-03', government: 'benelux' })).toMatchObject({
      date: '2027-05-17',
      calendar: 'weekends',
    });
    expect(calendarOf('fr')).toBe('weekends');
    const intake = { phase: 'intake_clarification' as const, ...DEFAULT_NORMS.intake_clarification };
    expect(dueDate({ norm: intake, from: '2027-12-31', government: 'de-nw' })).toMatchObject({
      date: '2028-02-29',
      calendar: 'gregorian',
    });
    const stale = { phase: 'stale_after' as const, ...DEFAULT_NORMS.stale_after };
    expect(dueDate({ norm: stale, from: '2027-01-01', government: 'be' })).toMatchObject({
      date: '2027-03-02',
      calendar: 'gregorian',
    });
  });
});
