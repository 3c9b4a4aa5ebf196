import { describe, expect, it } from 'vitest';
import { SolveCancelledError } from '../selection/model.js';
import { buildSelectionModel } from './build-selection-model.js';
import { loadSelectionModel } from './load-selection-model.js';
import type { ScoreValue, SelectionRoundRepository } from './ports.js';
import type { RoundCandidate, SelectionRound } from './round.js';

const round = {
  id: 'r',
  capacity: 3,
  effortBudget: null,
  criteria: [
    { key: 'impact', weight: 2 },
    { key: 'urgency', weight: 1 },
  ],
  aggregation: 'mean',
  partners: ['a', 'b'],
  rules: { maxPerTheme: 2 },
} as unknown as SelectionRound;

const candidates: RoundCandidate[] = Array.from({ length: 10 }, (_, i) => ({
  obstacleId: `o${i}`,
  reference: `GB-${i}`,
  title: { nl: `o${i}` },
  sourceLanguage: 'nl',
  status: 'proposed',
  themes: [i % 2 === 0 ? 'taxation' : 'healthcare'],
  effort: 1 + (i % 3),
  side: i % 2 === 0 ? 'NL' : 'BE',
  subRegion: 'NL-LI',
  leadDepartment: 'nl-szw',
  must: i === 4 ? 'keep' : i === 7 ? 'exclude' : null,
  // Gaps and an order that is not the ids' order, as positions are after removals.
  position: 100 - i * 7,
  addedAt: new Date(),
  addedBy: 'u',
}));
const byPosition = [...candidates].sort((x, y) => x.position - y.position);
const scores: ScoreValue[] = candidates.flatMap((c, i) => [
  { organisation: 'a', obstacleId: c.obstacleId, criterion: 'impact' as const, score: 1 + (i % 5) },
  { organisation: 'b', obstacleId: c.obstacleId, criterion: 'impact' as const, score: 5 - (i % 5) },
  { organisation: 'b', obstacleId: c.obstacleId, criterion: 'urgency' as const, score: 1 + ((i * 3) % 5) },
  { organisation: 'outsider', obstacleId: c.obstacleId, criterion: 'urgency' as const, score: 5 },
]);

/** The two reads loadSelectionModel makes, over the lists above, recording the slices asked for. */
function repository(calls: string[]): SelectionRoundRepository {
  return {
    async candidates(_roundId: string, page?: { afterPosition?: number; limit: number }) {
      calls.push(`candidates after ${page?.afterPosition ?? '-'} limit ${page?.limit}`);
      const after = page?.afterPosition;
      const rest = byPosition.filter((c) => after === undefined || c.position > after);
      return page ? rest.slice(0, page.limit) : rest;
    },
    async scoreValues(_roundId: string, partners: readonly string[], ids: readonly string[]) {
      calls.push(`scores of ${ids.length}`);
      return scores.filter((s) => partners.includes(s.organisation) && ids.includes(s.obstacleId));
    },
  } as unknown as SelectionRoundRepository;
}

describe('loadSelectionModel', () => {
  it('reads in slices by position and builds the model buildSelectionModel builds from everything at once', async () => {
    const calls: string[] = [];
    const built = await loadSelectionModel({ round, overrides: {}, rounds: repository(calls), slice: 3 });
    const whole = buildSelectionModel(round, byPosition, scores);
    expect(built.model).toEqual(whole.model);
    expect(built.scores).toEqual(whole.scores);
    expect(built.unscored).toEqual([]);
    expect(built.model.rules.keep).toEqual(['o4']);
    expect(built.model.rules.exclude).toEqual(['o7']);
    // 10 candidates in slices of 3: four reads of candidates, each followed by one of their scores.
    expect(calls).toEqual([
      'candidates after - limit 3',
      'scores of 3',
      `candidates after ${byPosition[2]?.position} limit 3`,
      'scores of 3',
      `candidates after ${byPosition[5]?.position} limit 3`,
      'scores of 3',
      `candidates after ${byPosition[8]?.position} limit 3`,
      'scores of 1',
    ]);
  });

  it('takes the what-if’s weights, and stops between slices when cancelled', async () => {
    const overrides = { criteria: [{ key: 'urgency' as const, weight: 1 }] };
    const built = await loadSelectionModel({ round, overrides, rounds: repository([]), slice: 4 });
    expect(built.model).toEqual(buildSelectionModel(round, byPosition, scores, overrides).model);

    const controller = new AbortController();
    const calls: string[] = [];
    const counting = repository(calls);
    const rounds = {
      ...counting,
      candidates: async (id: string, page?: { afterPosition?: number; limit: number }) => {
        const result = await counting.candidates(id, page);
        controller.abort();
        return result;
      },
    } as SelectionRoundRepository;
    await expect(loadSelectionModel({ round, overrides: {}, rounds, slice: 3, signal: controller.signal })).rejects.toThrow(
      SolveCancelledError,
    );
    expect(calls.filter((c) => c.startsWith('candidates'))).toHaveLength(1);
  });
});
