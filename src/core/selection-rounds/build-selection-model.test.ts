import { describe, expect, it } from 'vitest';
import { buildSelectionModel } from './build-selection-model.js';
import { amendedPortfolio, type RoundCandidate, type SelectionRound, type SelectionSolution } from './round.js';

const round: SelectionRound = {
  id: 'r',
  name: 'R',
  segment: 'nl-vl',
  periodStart: '2027-01-01',
  periodEnd: '2027-12-31',
  capacity: 2,
  effortBudget: 10,
  criteria: [
    { key: 'impact', weight: 3 },
    { key: 'urgency', weight: 1 },
  ],
  aggregation: 'median',
  partners: ['a', 'b', 'c'],
  scoringDeadline: '2027-01-01',
  status: 'scoring',
  rules: { maxPerTheme: 1, exactCapacity: true },
  approvedSolutionId: null,
  version: 1,
  createdAt: new Date(),
  createdBy: 'u',
  updatedAt: new Date(),
  updatedBy: 'u',
};

function candidate(id: string, must: RoundCandidate['must'] = null): RoundCandidate {
  return {
    obstacleId: id,
    reference: `GB-${id}`,
    title: { nl: id },
    sourceLanguage: 'nl',
    status: 'proposed',
    themes: ['taxation'],
    effort: 2,
    side: 'NL',
    subRegion: 'NL-LI',
    leadDepartment: 'nl-szw',
    must,
    position: 1,
    addedAt: new Date(),
    addedBy: 'u',
  };
}

const score = (organisation: string, obstacleId: string, criterion: 'impact' | 'urgency', value: number) => ({
  organisation,
  obstacleId,
  criterion,
  score: value,
  comment: null,
  scoredBy: 'u',
  scoredAt: new Date(),
});

describe('buildSelectionModel', () => {
  it('aggregates the partners’ scores by the round’s method and weights, and maps the rules', () => {
    const built = buildSelectionModel(
      round,
      [candidate('x'), candidate('y', 'keep'), candidate('z', 'exclude')],
      [
        score('a', 'x', 'impact', 4),
        score('b', 'x', 'impact', 4),
        score('c', 'x', 'impact', 1),
        score('a', 'x', 'urgency', 2),
        score('a', 'y', 'impact', 5),
        score('outsider', 'y', 'impact', 1),
      ],
    );
    // median impact 4, urgency 2: (3·4 + 1·2) / 4
    expect(built.model.candidates[0]?.score).toBeCloseTo(3.5, 12);
    // the outsider is no partner: only a's 5 counts
    expect(built.model.candidates[1]?.score).toBe(5);
    expect(built.model.rules).toEqual({
      maxPerTheme: 1,
      capacity: { exact: 2 },
      effortBudget: 10,
      keep: ['y'],
      exclude: ['z'],
    });
    // z is excluded, so unscored does not matter; none else lacks a score
    expect(built.unscored).toEqual([]);
  });

  it('lists candidates without any score, and takes what-if weights over the round’s', () => {
    const built = buildSelectionModel(
      round,
      [candidate('x'), candidate('y')],
      [score('a', 'x', 'impact', 2), score('a', 'x', 'urgency', 4)],
      {
        criteria: [{ key: 'urgency', weight: 1 }],
        rules: {},
      },
    );
    expect(built.unscored.map((c) => c.obstacleId)).toEqual(['y']);
    expect(built.model.candidates[0]?.score).toBe(4);
    expect(built.model.rules.capacity).toEqual({ max: 2 });
  });
});

describe('amendedPortfolio', () => {
  it('adds the included and drops the excluded', () => {
    const solution = { selected: ['a', 'b'] } as SelectionSolution;
    const amend = (obstacleId: string, change: 'include' | 'exclude') => ({
      id: obstacleId,
      roundId: 'r',
      solutionId: 's',
      obstacleId,
      change,
      reason: 'why',
      createdAt: new Date(),
      createdBy: 'u',
    });
    expect([...amendedPortfolio(solution, [amend('b', 'exclude'), amend('c', 'include')])].sort()).toEqual(['a', 'c']);
  });
});
