import { describe, expect, it } from 'vitest';
import type { LifecycleMove } from '../../../lib/api-client';
import { missingParts, offeredMoves, readMoveForm, toTransitionBody } from './moves';

const move = (over: Partial<LifecycleMove>): LifecycleMove => ({
  name: 'start_intake',
  from: ['reported'],
  to: 'intake',
  roles: ['secretariat'],
  reason: 'optional',
  requires: [],
  effects: [],
  madeBy: null,
  ...over,
});

const MACHINE: LifecycleMove[] = [
  move({}),
  move({ name: 'refer', from: ['intake'], to: 'referred', reason: 'required', requires: ['referredTo'] }),
  move({ name: 'merge', from: ['intake'], to: 'merged', reason: 'required', requires: ['mergedInto'] }),
  move({ name: 'start_analysis', from: ['intake'], to: 'analysis' }),
  move({ name: 'route', from: ['selected'], to: 'routed', requires: ['routing'], madeBy: 'routing' }),
  move({ name: 'withdraw', from: ['reported', 'intake', 'selected'], to: 'withdrawn', reason: 'required' }),
];

describe('the moves the obstacle page offers', () => {
  it('are those of the abilities, from the current status, described by the machine', () => {
    const offered = offeredMoves(
      { status: 'intake', abilities: ['edit', 'transition:referred', 'transition:withdrawn', 'transition:analysis'] },
      MACHINE,
    );
    expect(offered.map((m) => m.name)).toEqual(['refer', 'start_analysis', 'withdraw']);
    expect(offered[0]).toEqual({
      name: 'refer',
      to: 'referred',
      reasonRequired: true,
      needsReferredTo: true,
      needsMergedInto: false,
      needsAnalysis: false,
    });
    expect(offered[1]?.reasonRequired).toBe(false);
  });

  it('offers nothing without abilities, and never a move another module makes', () => {
    expect(offeredMoves({ status: 'intake' }, MACHINE)).toEqual([]);
    expect(offeredMoves({ status: 'selected', abilities: ['transition:routed'] }, MACHINE)).toEqual([]);
    // An ability for a status no move from here reaches offers nothing either.
    expect(offeredMoves({ status: 'reported', abilities: ['transition:merged'] }, MACHINE)).toEqual([]);
  });
});

describe('a move form', () => {
  it('becomes a body with only what was filled in', () => {
    const form = new FormData();
    form.set('to', 'merged');
    form.set('reason', '  Dubbel  ');
    form.set('mergedInto', 'GB-2026-0001');
    form.set('referredTo', '');
    form.set('version', '3');
    const values = readMoveForm(form);
    expect(values).toEqual({ to: 'merged', reason: 'Dubbel', referredTo: '', mergedInto: 'GB-2026-0001', version: '3' });
    expect(values && toTransitionBody(values)).toEqual({ to: 'merged', reason: 'Dubbel', mergedInto: 'GB-2026-0001' });
  });

  it('is refused without a known status', () => {
    const form = new FormData();
    form.set('to', 'heaven');
    expect(readMoveForm(form)).toBeUndefined();
  });

  it('names the missing parts of an incomplete analysis', () => {
    expect(
      missingParts({
        type: 'x',
        title: 'x',
        status: 409,
        detail: 'x',
        code: 'analysis_incomplete',
        invalidParams: [
          { name: 'analysis.solutions', code: 'required', reason: 'r' },
          { name: 'provisions', code: 'required', reason: 'r' },
        ],
      }),
    ).toEqual(['solutions', 'provisions']);
    expect(missingParts(undefined)).toEqual([]);
  });
});
