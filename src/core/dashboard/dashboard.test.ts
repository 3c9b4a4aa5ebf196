import { describe, expect, it } from 'vitest';
import { type Actor, ANONYMOUS, type Role } from '../access/access.js';
import { dueDate, type NormValue } from '../calendar/norms.js';
import { addCalendarDays } from '../calendar/working-days.js';
import { dashboardScope, staleBefore, workStatuses } from './dashboard.js';

const user = (role: Role, organisation: string): Actor => ({ kind: 'user', userId: 'u', role, organisation });

describe('the dashboard’s rules', () => {
  it.each<[NormValue, string]>([
    [{ amount: 60, unit: 'calendar_days' }, '2026-11-29'],
    [{ amount: 2, unit: 'calendar_months' }, '2026-03-31'],
    [{ amount: 10, unit: 'working_days' }, '2026-12-28'],
    [{ amount: 1, unit: 'working_days' }, '2026-11-30'],
  ])('stale from %j: the last change before `before` is past the norm today, on that day it is not', (norm, today) => {
    const before = staleBefore(norm, today);
    expect(dueDate({ norm, from: addCalendarDays(before, -1) }).date < today).toBe(true);
    expect(dueDate({ norm, from: before }).date < today).toBe(false);
  });

  it('gives 60 calendar days as the day 61 days ago', () => {
    expect(staleBefore({ amount: 60, unit: 'calendar_days' }, '2026-11-29')).toBe('2026-09-30');
  });

  it('lists as work the open statuses where the role moves: the intake for the secretariat, nothing closed', () => {
    const secretariat = workStatuses('secretariat');
    expect(secretariat).toEqual(expect.arrayContaining(['reported', 'intake', 'analysis', 'selected']));
    expect(secretariat).not.toContain('solved');
    expect(workStatuses('admin')).toEqual([]);
  });

  it('scopes a caller to what it reads: a department also what is routed to it', () => {
    expect(dashboardScope(user('department', 'nl-szw'), { theme: ['taxation'] })).toEqual({
      theme: ['taxation'],
      visibility: ['public', 'partners'],
      routedTo: 'nl-szw',
    });
    expect(dashboardScope(user('partner', 'nl-li'), {})).toEqual({ visibility: ['public', 'partners'] });
    expect(dashboardScope(user('secretariat', 'secretariat'), {}).visibility).toEqual(['public', 'partners', 'internal']);
    expect(dashboardScope(ANONYMOUS, {})).toEqual({ visibility: ['public'] });
  });
});
