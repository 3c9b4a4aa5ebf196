import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../contracts/common.contract.js';
import { type MoveTexts, moveErrors } from './move-errors';

const TEXTS: MoveTexts = {
  labels: { reason: 'Reason (required)', referredTo: 'Information point', mergedInto: 'Merge into' },
  status: (s) => `«${s}»`,
  part: (p) => `part ${p}`,
  notAllowed: 'Not possible.',
  allowedNow: (statuses) => `Possible now: ${statuses}.`,
  chooseOne: 'Choose one.',
  problemText: undefined,
};

const problem = (over: Partial<Problem>): Problem => ({
  type: 'about:blank',
  title: 't',
  status: 400,
  detail: 'The detail.',
  code: 'validation_failed',
  ...over,
});

describe('a refused move as its form shows it', () => {
  it('names the fields beside them and in the summary, linking to this move’s fields', () => {
    const { errors, summary } = moveErrors(
      'referred',
      problem({
        invalidParams: [
          { name: 'reason', code: 'required', reason: 'Fill this in.' },
          { name: 'referredTo', code: 'unknown_key', reason: 'Unknown key xyz.' },
          { name: 'to', code: 'invalid_value', reason: 'Not a status.' },
        ],
      }),
      TEXTS,
    );
    expect([...errors]).toEqual([
      ['reason', 'Fill this in.'],
      ['referredTo', 'Choose one.'],
    ]);
    expect(summary).toEqual([
      { fieldId: 'move-referred-reason', text: 'Reason (required): Fill this in.' },
      { fieldId: 'move-referred-referredTo', text: 'Information point: Choose one.' },
      { fieldId: undefined, text: 'Not a status.' },
    ]);
  });

  it('lists the missing parts of the analysis, linking to them', () => {
    const { summary, missing } = moveErrors(
      'proposed',
      problem({
        status: 409,
        code: 'analysis_incomplete',
        invalidParams: [
          { name: 'provisions', code: 'required', reason: 'r' },
          { name: 'analysis.references', code: 'required', reason: 'r' },
        ],
      }),
      TEXTS,
    );
    expect(missing).toEqual(['provisions', 'references']);
    expect(summary).toEqual([
      { fieldId: 'analysis-provisions', text: 'part provisions' },
      { fieldId: 'analysis-references', text: 'part references' },
    ]);
  });

  it('says which statuses are possible now when the move is not', () => {
    const refused = problem({ status: 409, code: 'transition_not_allowed', allowed: ['analysis', 'withdrawn'] });
    expect(moveErrors('proposed', refused, TEXTS).summary).toEqual([
      { fieldId: undefined, text: 'Not possible. Possible now: «analysis», «withdrawn».' },
    ]);
    expect(moveErrors('proposed', { ...refused, allowed: [] }, TEXTS).summary[0]?.text).toBe('Not possible.');
  });

  it('shows a refusal that names no field by its text, and a stale version not as a form error', () => {
    expect(
      moveErrors('intake', problem({ status: 403, code: 'csrf_failed' }), { ...TEXTS, problemText: 'Reload.' }).summary,
    ).toEqual([{ fieldId: undefined, text: 'Reload.' }]);
    expect(moveErrors('intake', problem({ status: 412, code: 'version_conflict' }), TEXTS).summary).toEqual([]);
  });
});
