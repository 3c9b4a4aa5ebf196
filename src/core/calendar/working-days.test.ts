import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMS, dueDate } from './norms.js';
import {
  addCalendarMonths,
  addWorkingDays,
  addWorkingDaysExplained,
  calendarOf,
  holidays,
  isIsoDate,
  isWorkingDay,
  workingDaysBetween,
} from './working-days.js';

// Every expected date below was counted by hand on a wall calendar (weekdays checked with
// `date -d`), against the official lists: rijksoverheid.nl (NL), belgium.be (BE), the Flemish
// government's list of days off (11 July), and the Feiertagsgesetze of NRW and Lower Saxony.

describe('public holidays per government', () => {
  it('knows Ascension (Thu 6 May 2027) and Whit Monday (17 May 2027) in NL, BE, Flanders and Germany', () => {
    for (const calendar of ['nl', 'be', 'vl', 'de', 'de-nw', 'de-ni'] as const) {
      expect(isWorkingDay(calendar, '2027-05-06'), `${calendar} Ascension`).toBe(false);
      expect(isWorkingDay(calendar, '2027-05-17'), `${calendar} Whit Monday`).toBe(false);
    }
    expect(isWorkingDay('weekends', '2027-05-06')).toBe(true);
  });

  it('has Corpus Christi (Thu 27 May 2027) in North Rhine-Westphalia only', () => {
    expect(isWorkingDay('de-nw', '2027-05-27')).toBe(false);
    expect(isWorkingDay('de-ni', '2027-05-27')).toBe(true);
    expect(isWorkingDay('de', '2027-05-27')).toBe(true);
    expect(isWorkingDay('nl', '2027-05-27')).toBe(true);
    expect(isWorkingDay('be', '2027-05-27')).toBe(true);
  });

  it('has 11 July (Tue 11 July 2028) for Flemish administrations only', () => {
    expect(isWorkingDay('vl', '2028-07-11')).toBe(false);
    expect(isWorkingDay('be', '2028-07-11')).toBe(true);
    expect(isWorkingDay('nl', '2028-07-11')).toBe(true);
    expect(holidays('vl', 2028).find((h) => h.date === '2028-07-11')?.name.nl).toBe('Feestdag van de Vlaamse Gemeenschap');
  });

  it('keeps each country’s own days: Koningsdag, 15 August, 3 October, 21 July, Boxing Day', () => {
    expect(isWorkingDay('nl', '2027-04-27')).toBe(false); // Koningsdag, a Tuesday
    expect(isWorkingDay('be', '2027-04-27')).toBe(true);
    expect(isWorkingDay('be', '2025-08-15')).toBe(false); // Assumption, a Friday
    expect(isWorkingDay('nl', '2025-08-15')).toBe(true);
    expect(isWorkingDay('de', '2025-10-03')).toBe(false); // German Unity Day, a Friday
    expect(isWorkingDay('nl', '2025-10-03')).toBe(true);
    expect(isWorkingDay('be', '2027-07-21')).toBe(false); // Belgian national day, a Wednesday
    expect(isWorkingDay('vl', '2027-07-21')).toBe(false);
    expect(isWorkingDay('nl', '2025-12-26')).toBe(false); // Boxing Day, a Friday
    expect(isWorkingDay('de-nw', '2025-12-26')).toBe(false);
    expect(isWorkingDay('be', '2025-12-26')).toBe(true); // not a public holiday in Belgium
  });

  it('has weekends off everywhere and lists only public holidays, with names in four languages', () => {
    expect(isWorkingDay('nl', '2027-05-08')).toBe(false); // Saturday
    expect(isWorkingDay('weekends', '2027-05-09')).toBe(false); // Sunday
    const nrw = holidays('de-nw', 2027);
    expect(nrw.map((h) => h.date)).not.toContain('2027-02-11'); // Weiberfastnacht is no public holiday
    const ascension = nrw.find((h) => h.date === '2027-05-06');
    expect(ascension?.name.de).toBe('Christi Himmelfahrt');
    expect(ascension?.name.en).toBe('Ascension Day');
    expect(holidays('weekends', 2027)).toEqual([]);
  });
});

describe('counting working days', () => {
  it('moves a deadline over Ascension Day', () => {
    expect(addWorkingDays('nl', '2027-05-05', 1)).toBe('2027-05-07'); // Wed → Fri, Thu off
    expect(addWorkingDays('weekends', '2027-05-05', 1)).toBe('2027-05-06');
  });

  it('moves a deadline over Whit Monday', () => {
    expect(addWorkingDays('be', '2027-05-14', 1)).toBe('2027-05-18'); // Fri → Tue
    expect(addWorkingDays('nl', '2027-05-14', 1)).toBe('2027-05-18');
    expect(addWorkingDays('weekends', '2027-05-14', 1)).toBe('2027-05-17');
  });

  it('moves a deadline over Corpus Christi in NRW and not in Lower Saxony', () => {
    // From Tue 25 May 2027, 3 working days: NRW Wed 26, (Thu 27 off), Fri 28, Mon 31.
    expect(addWorkingDays('de-nw', '2027-05-25', 3)).toBe('2027-05-31');
    expect(addWorkingDays('de-ni', '2027-05-25', 3)).toBe('2027-05-28');
    expect(addWorkingDays('de', '2027-05-25', 3)).toBe('2027-05-28');
  });

  it('moves a Flemish deadline over 11 July and a federal one not', () => {
    expect(addWorkingDays('vl', '2028-07-10', 1)).toBe('2028-07-12');
    expect(addWorkingDays('be', '2028-07-10', 1)).toBe('2028-07-11');
  });

  it('counts the default 10 working days of acknowledgement differently in NL and BE', () => {
    // From Mon 26 April 2027. NL: Tue 27 is Koningsdag, Thu 6 May Ascension → Wed 12 May.
    expect(addWorkingDays('nl', '2027-04-26', 10)).toBe('2027-05-12');
    // BE: only Ascension (1 May is a Saturday) → Tue 11 May.
    expect(addWorkingDays('be', '2027-04-26', 10)).toBe('2027-05-11');
    const explained = addWorkingDaysExplained('nl', '2027-04-26', 10);
    expect(explained.skippedHolidays.map((h) => h.date)).toEqual(['2027-04-27', '2027-05-06']);
  });

  it('crosses Christmas and the year end', () => {
    expect(addWorkingDays('nl', '2025-12-24', 1)).toBe('2025-12-29'); // Thu 25, Fri 26 off
    expect(addWorkingDays('be', '2025-12-24', 1)).toBe('2025-12-26'); // only 25 off
    expect(addWorkingDays('de', '2026-12-24', 1)).toBe('2026-12-28');
    expect(addWorkingDays('nl', '2026-12-31', 1)).toBe('2027-01-04'); // Fri 1 Jan off, weekend
  });

  it('counts from the day after: 0 days is the day itself; a negative count is refused', () => {
    expect(addWorkingDays('nl', '2027-05-08', 0)).toBe('2027-05-08');
    expect(addWorkingDays('nl', '2027-05-07', 1)).toBe('2027-05-10'); // Fri → Mon
    expect(() => addWorkingDays('nl', '2027-05-07', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('nl', '2027-02-30', 1)).toThrow(RangeError);
  });

  it('counts the working days between two days (how far overdue)', () => {
    expect(workingDaysBetween('nl', '2027-05-03', '2027-05-10')).toBe(4); // Tue, Wed, (Thu off), Fri, Mon
    expect(workingDaysBetween('weekends', '2027-05-03', '2027-05-10')).toBe(5);
    expect(workingDaysBetween('nl', '2027-05-10', '2027-05-03')).toBe(0);
  });
});

describe('calendar months and dates', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-03-15', 2)).toBe('2027-05-15');
  });

  it('recognises real dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-5-1')).toBe(false);
  });
});

describe('due dates from norms', () => {
  it('says which calendar made a due date', () => {
    const due = dueDate({
      norm: { ...DEFAULT_NORMS.routing_acknowledgement, phase: 'routing_acknowledgement' },
      from: '2027-05-25',
      government: 'de-nw',
    });
    // 10 working days from Tue 25 May 2027 in NRW: 26, (27 off), 28, 31 May, 1–4 June, 7, 8, 9 June.
    expect(due).toMatchObject({ date: '2027-06-09', calendar: 'de-nw', phase: 'routing_acknowledgement' });
    expect(due.skippedHolidays.map((h) => h.date)).toEqual(['2027-05-27']);
    // Lower Saxony works on 27 May: one day earlier.
    expect(dueDate({ norm: DEFAULT_NORMS.routing_acknowledgement, from: '2027-05-25', government: 'de-ni' }).date).toBe(
      '2027-06-08',
    );
  });

  it('counts calendar months and days in the plain calendar, and weekends only for governments without one', () => {
    expect(dueDate({ norm: DEFAULT_NORMS.intake_clarification, from: '2026-12-31' })).toMatchObject({
      date: '2027-02-28',
      calendar: 'gregorian',
    });
    expect(dueDate({ norm: { amount: 60, unit: 'calendar_days' }, from: '2027-01-01' }).date).toBe('2027-03-02');
    expect(calendarOf('eu')).toBe('weekends');
    expect(calendarOf('vl')).toBe('vl');
    expect(dueDate({ norm: { amount: 1, unit: 'working_days' }, from: '2027-05-05', government: 'eu' })).toMatchObject({
      date: '2027-05-06',
      calendar: 'weekends',
    });
  });
});
