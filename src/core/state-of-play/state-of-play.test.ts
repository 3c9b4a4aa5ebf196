import { describe, expect, it } from 'vitest';
import type { ActionStatus } from '../actions/action.js';
import { type ActionCandidate, horizonOf, overviewOf, type StateOfPlayItem, selectItems } from './state-of-play.js';

function candidate(id: string, dueOn: string, status: ActionStatus = 'in_progress', organisation = 'nl-szw'): ActionCandidate {
  return {
    id,
    organisation,
    obstacle: { id: `o-${id}`, reference: 'GB-2026-0001', title: { nl: 'Obstakel' }, sourceLanguage: 'nl' },
    title: { nl: `Actie ${id}` },
    sourceLanguage: 'nl',
    dueOn,
    status,
    progress: 10,
  };
}

describe('the items of a state-of-play round', () => {
  const reference = '2026-06-15';

  it('looks six calendar months ahead of the reference date (the month end when the day does not exist)', () => {
    expect(horizonOf(reference)).toBe('2026-12-15');
    expect(horizonOf('2026-08-31')).toBe('2027-02-28');
  });

  it('takes open actions that are overdue, and those due up to and including the horizon', () => {
    const items = selectItems(
      [
        candidate('overdue-long', '2025-01-10', 'planned'),
        candidate('overdue-yesterday', '2026-06-14'),
        candidate('due-today', '2026-06-15'),
        candidate('due-on-horizon', '2026-12-15', 'planned'),
      ],
      reference,
    );
    expect(items.map((i) => [i.id, i.overdue])).toEqual([
      ['overdue-long', true],
      ['overdue-yesterday', true],
      ['due-today', false],
      ['due-on-horizon', false],
    ]);
  });

  it('leaves out actions due after the horizon, and done or cancelled ones however late', () => {
    const items = selectItems(
      [
        candidate('beyond', '2026-12-16'),
        candidate('far-beyond', '2027-06-01', 'planned'),
        candidate('done-late', '2026-01-01', 'done'),
        candidate('cancelled-soon', '2026-07-01', 'cancelled'),
        candidate('kept', '2026-07-01'),
      ],
      reference,
    );
    expect(items.map((i) => i.id)).toEqual(['kept']);
  });

  it('orders by department, then due date', () => {
    const items = selectItems(
      [
        candidate('b2', '2026-07-02', 'planned', 'nl-bzk'),
        candidate('s1', '2026-06-01', 'planned', 'nl-szw'),
        candidate('b1', '2026-07-01', 'planned', 'nl-bzk'),
      ],
      reference,
    );
    expect(items.map((i) => i.id)).toEqual(['b1', 'b2', 's1']);
  });
});

describe('the overview of a round', () => {
  function item(id: string, organisation: string, answered: boolean, overdue = false): StateOfPlayItem {
    const c = candidate(id, '2026-07-01', 'planned', organisation);
    return {
      id,
      roundId: 'r',
      organisation,
      actionId: c.id,
      obstacle: c.obstacle,
      title: c.title,
      sourceLanguage: 'nl',
      dueOn: c.dueOn,
      status: c.status,
      progress: c.progress,
      overdue,
      answer: answered
        ? { status: 'in_progress', progress: 50, forecastOn: '2026-09-01', note: null, answeredAt: new Date(), answeredBy: 'u' }
        : null,
      version: answered ? 2 : 1,
    };
  }

  it('counts answered items per department and names the departments that did not answer every item', () => {
    const overview = overviewOf([
      item('a', 'nl-szw', true, true),
      item('b', 'nl-szw', true),
      item('c', 'nl-bzk', true),
      item('d', 'nl-bzk', false),
      item('e', 'nl-fin', false, true),
    ]);
    expect(overview.departments).toEqual([
      { organisation: 'nl-bzk', items: 2, answered: 1, overdue: 0, complete: false },
      { organisation: 'nl-fin', items: 1, answered: 0, overdue: 1, complete: false },
      { organisation: 'nl-szw', items: 2, answered: 2, overdue: 1, complete: true },
    ]);
    expect(overview.missed).toEqual(['nl-bzk', 'nl-fin']);
  });

  it('misses nobody when every item is answered, and has no departments without items', () => {
    expect(overviewOf([item('a', 'nl-szw', true)]).missed).toEqual([]);
    expect(overviewOf([])).toEqual({ departments: [], missed: [], items: [] });
  });
});
