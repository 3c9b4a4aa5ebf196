import { describe, expect, it } from 'vitest';
import { addDays, clockState, daysUntil, todayInBrussels } from './intake-clock';

describe('the intake clock', () => {
  it('marks past due, due within 14 days and on time', () => {
    expect(clockState('2026-11-27', '2026-11-28')).toBe('overdue');
    expect(clockState('2026-11-28', '2026-11-28')).toBe('due_soon');
    expect(clockState('2026-12-12', '2026-11-28')).toBe('due_soon');
    expect(clockState('2026-12-13', '2026-11-28')).toBe('on_time');
  });

  it('counts calendar days, also over a change of year and of summer time', () => {
    expect(daysUntil('2027-01-02', '2026-12-30')).toBe(3);
    expect(daysUntil('2026-03-30', '2026-03-28')).toBe(2);
    expect(daysUntil('2026-11-01', '2026-11-28')).toBe(-27);
    expect(addDays('2026-12-30', 15)).toBe('2027-01-14');
  });

  it('takes today in Brussels, not in UTC', () => {
    expect(todayInBrussels(new Date('2026-11-28T23:30:00Z'))).toBe('2026-11-29');
    expect(todayInBrussels(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayInBrussels(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
