import { describe, expect, it } from 'vitest';
import { readRulesForm, readSetupForm, renameFields, rulesValues, shapeFromForm } from './setup-forms';

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

const RULES_FORM: [string, string][] = [
  ['sideShare.0.side', 'NL'],
  ['sideShare.0.minPercent', ''],
  ['sideShare.0.maxPercent', ''],
  ['sideShare.1.side', 'BE'],
  ['sideShare.1.minPercent', ' 40 '],
  ['sideShare.1.maxPercent', 'sixty'],
  ['maxPerTheme', '2'],
  ['maxPerTheme.taxation', ''],
  ['maxPerDepartment', ''],
  ['maxPerDepartment.nl-szw', '1'],
  ['minPerSubRegion', ''],
  ['minPerSubRegion.NL-ZE', ''],
  ['must.o1', 'keep'],
  ['must.o2', ''],
  ['must.o3', 'exclude'],
  ['effortBudget', ''],
];

describe('the rules form', () => {
  it('reads the shape of the form from its field names', () => {
    expect(shapeFromForm(formOf(RULES_FORM))).toEqual({
      sides: ['NL', 'BE'],
      themes: ['taxation'],
      departments: ['nl-szw'],
      regions: ['NL-ZE'],
      candidates: [
        { obstacleId: 'o1', reference: 'o1' },
        { obstacleId: 'o2', reference: 'o2' },
        { obstacleId: 'o3', reference: 'o3' },
      ],
    });
  });

  it('sends only the rules given, a limit for all or per key, keep, exclude and no budget as null', () => {
    const form = formOf(RULES_FORM);
    const request = readRulesForm(form, shapeFromForm(form));
    expect(request.body).toEqual({
      sideShare: [{ side: 'BE', minPercent: 40, maxPercent: 'sixty' }],
      maxPerTheme: 2,
      maxPerDepartment: { 'nl-szw': 1 },
      keep: ['o1'],
      exclude: ['o3'],
      effortBudget: null,
    });
    expect(request.both).toEqual([]);
    expect(request.values['sideShare.1.maxPercent']).toBe('sixty');
  });

  it('maps the API’s names back to the inputs: the index of a sent side, the nth kept or excluded candidate', () => {
    const form = formOf(RULES_FORM);
    const { fieldOf } = readRulesForm(form, shapeFromForm(form));
    expect(fieldOf('sideShare.0.maxPercent')).toBe('sideShare.1.maxPercent');
    expect(fieldOf('sideShare.0.side')).toBe('sideShare.1.minPercent');
    expect(fieldOf('keep.0')).toBe('must.o1');
    expect(fieldOf('exclude.0')).toBe('must.o3');
    expect(fieldOf('minPerSubRegion.DEA1')).toBe('minPerSubRegion.DEA1');
    const problem = renameFields(
      {
        type: 'about:blank',
        title: 'x',
        status: 400,
        detail: 'x',
        code: 'validation_failed',
        invalidParams: [{ name: 'sideShare.0.maxPercent', code: 'invalid_type', reason: 'r' }],
      },
      fieldOf,
    );
    expect(problem.invalidParams?.[0]?.name).toBe('sideShare.1.maxPercent');
  });

  it('refuses a limit given both for all and per key, and sends an exact capacity', () => {
    const form = formOf(
      [...RULES_FORM, ['exactCapacity', 'on']].map(([n, v]) => (n === 'maxPerTheme.taxation' ? [n, '1'] : [n, v])) as [
        string,
        string,
      ][],
    );
    const request = readRulesForm(form, shapeFromForm(form));
    expect(request.both).toEqual(['maxPerTheme']);
    expect(request.body.exactCapacity).toBe(true);
  });

  it('fills the form with the rules in force', () => {
    const values = rulesValues(
      { sideShare: [{ side: 'BE', maxPercent: 60 }], maxPerTheme: { taxation: 1 }, minPerSubRegion: 1, exactCapacity: true },
      {
        effortBudget: 12,
        candidates: [
          { obstacleId: 'o1', must: 'keep' },
          { obstacleId: 'o2', must: null },
        ],
      },
      { sides: ['NL', 'BE'] },
    );
    expect(values).toEqual({
      'sideShare.0.minPercent': '',
      'sideShare.0.maxPercent': '',
      'sideShare.1.minPercent': '',
      'sideShare.1.maxPercent': '60',
      'maxPerTheme.taxation': '1',
      minPerSubRegion: '1',
      exactCapacity: 'on',
      'must.o1': 'keep',
      'must.o2': '',
      effortBudget: '12',
    });
  });
});

describe('the set-up form', () => {
  it('sends capacity (empty: none), every weight, the aggregation and the deadline; names weights back by criterion', () => {
    const form = formOf([
      ['capacity', ''],
      ['weight.impact', '50'],
      ['weight.urgency', 'x'],
      ['aggregation', 'median'],
      ['scoringDeadline', '2099-01-31'],
    ]);
    const request = readSetupForm(form, ['impact', 'urgency']);
    expect(request.body).toEqual({
      capacity: null,
      criteria: [
        { key: 'impact', weight: 50 },
        { key: 'urgency', weight: 'x' },
      ],
      aggregation: 'median',
      scoringDeadline: '2099-01-31',
    });
    expect(request.fieldOf('criteria.1.weight')).toBe('weight.urgency');
    expect(request.fieldOf('capacity')).toBe('capacity');
  });
});
