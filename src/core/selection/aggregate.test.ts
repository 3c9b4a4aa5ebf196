import { describe, expect, it } from 'vitest';
import { aggregateScores, type PartnerScore } from './aggregate.js';

const criteria = [
  { id: 'impact', weight: 3 },
  { id: 'urgency', weight: 1 },
];
const score = (partnerId: string, criterionId: string, value: number, candidateId = 'o1'): PartnerScore => ({
  candidateId,
  partnerId,
  criterionId,
  score: value,
});

describe('aggregateScores', () => {
  it('takes the mean per criterion, then the weighted mean of the criteria, with the partners’ spread', () => {
    const scores = [score('p1', 'impact', 4), score('p2', 'impact', 2), score('p1', 'urgency', 5), score('p2', 'urgency', 1)];
    const [result] = aggregateScores({ candidateIds: ['o1'], criteria, scores, method: 'mean' });
    expect(result?.perCriterion).toEqual({ impact: 3, urgency: 3 });
    expect(result?.score).toBe(3);
    // p1: (3·4 + 5)/4 = 4.25; p2: (3·2 + 1)/4 = 1.75
    expect(result?.spread).toEqual({ partners: 2, min: 1.75, max: 4.25, stddev: 1.25 });
    expect(result?.unscored).toBe(false);
    expect(result?.partial).toBe(false);
  });

  it('dampens one partner’s outlier with the median', () => {
    const scores = [score('p1', 'impact', 4), score('p2', 'impact', 4), score('p3', 'impact', 1), score('p4', 'impact', 5)];
    const [mean] = aggregateScores({ candidateIds: ['o1'], criteria, scores, method: 'mean' });
    const [median] = aggregateScores({ candidateIds: ['o1'], criteria, scores, method: 'median' });
    expect(mean?.score).toBe(3.5);
    expect(median?.score).toBe(4);
    const [odd] = aggregateScores({ candidateIds: ['o1'], criteria, scores: scores.slice(0, 3), method: 'median' });
    expect(odd?.score).toBe(4);
  });

  it('flags candidates without scores, and those with a criterion missing (weights renormalised)', () => {
    const scores = [score('p1', 'urgency', 2, 'o2'), score('p1', 'unknown_criterion', 5, 'o2')];
    const results = aggregateScores({ candidateIds: ['o1', 'o2'], criteria, scores, method: 'mean' });
    expect(results[0]).toMatchObject({ candidateId: 'o1', score: null, unscored: true, partial: false, spread: null });
    expect(results[1]).toMatchObject({ candidateId: 'o2', score: 2, unscored: false, partial: true });
  });
});
