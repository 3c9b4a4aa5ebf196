import { describe, expect, it } from 'vitest';
import type { RoundDetail, SolutionDetail } from './rounds-client';
import { nameFormRows, parseWhatIf, solvedWith, whatIfDefaults } from './what-if';

function round(overrides: Partial<RoundDetail> = {}): RoundDetail {
  return {
    id: 'r1',
    name: 'Ronde',
    segment: 'nl-vl',
    periodStart: '2027-01-01',
    periodEnd: '2027-12-31',
    capacity: 3,
    effortBudget: null,
    criteria: [
      { key: 'impact', weight: 30 },
      { key: 'urgency', weight: 20 },
    ],
    aggregation: 'mean',
    partners: ['nl-li'],
    scoringDeadline: '2027-02-01',
    status: 'solved',
    rules: { sideShare: [{ side: 'nl', minPercent: 40 }], maxPerTheme: 2, minPerSubRegion: { 'NL-LI': 1 } },
    approvedSolutionId: null,
    version: 4,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    abilities: ['manage', 'approve'],
    candidates: [
      {
        obstacleId: 'o1',
        reference: 'GB-1',
        title: null,
        status: 'proposed',
        themes: [],
        effort: 1,
        side: 'nl',
        subRegion: 'NL-LI',
        leadDepartment: 'd',
        must: null,
      },
      {
        obstacleId: 'o2',
        reference: 'GB-2',
        title: null,
        status: 'proposed',
        themes: [],
        effort: 1,
        side: 'be',
        subRegion: 'NL-LI',
        leadDepartment: 'd',
        must: null,
      },
    ],
    solutions: [],
    amendments: [],
    ...overrides,
  };
}

function solution(params: Partial<SolutionDetail['params']>): SolutionDetail {
  return {
    id: 's1',
    status: 'optimal',
    failure: null,
    objective: 1,
    gap: 0,
    createdAt: '2026-11-01T00:00:00.000Z',
    finishedAt: null,
    bound: null,
    ms: 1,
    selected: [],
    explanations: [],
    conflicts: null,
    comparison: null,
    params: {
      criteria: [
        { key: 'impact', weight: 30 },
        { key: 'urgency', weight: 20 },
      ],
      aggregation: 'mean',
      rules: {
        sideShare: [{ side: 'nl', minPercent: 40 }],
        maxPerTheme: 2,
        minPerSubRegion: { 'NL-LI': 1 },
        capacity: { max: 3 },
        keep: [],
        exclude: [],
      },
      timeLimitMs: 10_000,
      relativeGap: 0,
      scores: {},
      ...params,
    },
    amendments: [],
  };
}

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

describe('the what-if form', () => {
  it('is pre-filled from the round: its weights, aggregation, rules, and a share row for every side', () => {
    const values = whatIfDefaults(round());
    expect(values.weights).toEqual([
      { key: 'impact', weight: '30' },
      { key: 'urgency', weight: '20' },
    ]);
    expect(values.aggregation).toBe('mean');
    expect(values.sides).toEqual([
      { side: 'nl', minPercent: '40', maxPercent: '' },
      { side: 'be', minPercent: '', maxPercent: '' },
    ]);
    expect(values.limits.maxPerTheme).toEqual({ every: '2', perKey: [] });
    expect(values.limits.maxPerDepartment).toEqual({ every: '', perKey: [] });
    expect(values.limits.minPerSubRegion).toEqual({ every: '', perKey: [{ key: 'NL-LI', value: '1' }] });
    expect(values.exactCapacity).toBe(false);
  });

  it('is read back into the solve body; empty share rows and rules are not sent, and rows keep their form number', () => {
    const { body, sideIndex, values } = parseWhatIf(
      formOf([
        ['criteria.0.key', 'impact'],
        ['criteria.0.weight', '60'],
        ['criteria.1.key', 'urgency'],
        ['criteria.1.weight', '2,5'],
        ['aggregation', 'median'],
        ['rules.sideShare.0.side', 'nl'],
        ['rules.sideShare.0.minPercent', ''],
        ['rules.sideShare.0.maxPercent', ''],
        ['rules.sideShare.1.side', 'be'],
        ['rules.sideShare.1.minPercent', '30'],
        ['rules.sideShare.1.maxPercent', ''],
        ['rules.maxPerTheme', ''],
        ['rules.maxPerDepartment', '1'],
        ['rules.minPerSubRegion.NL-LI', '2'],
        ['rules.exactCapacity', 'true'],
      ]),
    );
    expect(body).toEqual({
      criteria: [
        { key: 'impact', weight: 60 },
        { key: 'urgency', weight: 2.5 },
      ],
      aggregation: 'median',
      rules: {
        sideShare: [{ side: 'be', minPercent: 30 }],
        maxPerDepartment: 1,
        minPerSubRegion: { 'NL-LI': 2 },
        exactCapacity: true,
      },
    });
    expect(sideIndex).toEqual([1]);
    expect(values.weights[1]).toEqual({ key: 'urgency', weight: '2,5' });
    expect(values.exactCapacity).toBe(true);
  });

  it('sends what is not a number as typed, for the API to refuse by its name', () => {
    const { body } = parseWhatIf(
      formOf([
        ['criteria.0.key', 'impact'],
        ['criteria.0.weight', 'veel'],
        ['rules.maxPerTheme', 'x'],
      ]),
    );
    expect(body).toMatchObject({ criteria: [{ key: 'impact', weight: 'veel' }], rules: { maxPerTheme: 'x' } });
  });

  it('names a refused share row as the form numbers it', () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'invalid',
      code: 'validation_failed',
      invalidParams: [
        { name: 'rules.sideShare.0.maxPercent', code: 'too_big', reason: 'too big' },
        { name: 'criteria.1.weight', code: 'too_small', reason: 'too small' },
      ],
    };
    expect(nameFormRows(problem, [1]).invalidParams?.map((p) => p.name)).toEqual([
      'rules.sideShare.1.maxPercent',
      'criteria.1.weight',
    ]);
  });
});

describe('what a solution was solved with', () => {
  it('is nothing when it used the round’s own set-up (key order and empty lists aside)', () => {
    const same = solution({
      rules: {
        minPerSubRegion: { 'NL-LI': 1 },
        maxPerTheme: 2,
        sideShare: [{ minPercent: 40, side: 'nl' }],
        capacity: { max: 3 },
      },
    });
    expect(solvedWith(round(), same)).toEqual({ weights: [], aggregation: null, rules: [] });
  });

  it('names the weights, the aggregation and the rule families that differ, with the solution’s values', () => {
    const other = solution({
      criteria: [
        { key: 'impact', weight: 60 },
        { key: 'urgency', weight: 20 },
      ],
      aggregation: 'median',
      rules: { maxPerTheme: 1, minPerSubRegion: { 'NL-LI': 1 }, capacity: { exact: 3 } },
    });
    expect(solvedWith(round(), other)).toEqual({
      weights: [{ key: 'impact', round: 30, solution: 60 }],
      aggregation: 'median',
      rules: [
        { family: 'sideShare', value: null },
        { family: 'maxPerTheme', value: 1 },
        { family: 'exactCapacity', value: true },
      ],
    });
  });
});
