/**
 * The reads a solve makes on both databases (docs/SELECTION.md, "Solving in the background"): the
 * request's one query for candidates without a score (`solveFacts`, as aggregation would find
 * them: only participating partners, only weighted criteria, excluded candidates never count) and
 * keep/exclude; the background's slices of candidates by position and their bare score values.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { proposedObstacle } from '../../../test-support/selection-round.js';
import { DEFAULT_CRITERIA, type RoundScore, type SelectionRound } from '../../core/selection-rounds/round.js';
import { createPersistence } from '../unit-of-work.js';
import { KyselySelectionRoundRepository } from './selection-round-repository.js';

describeEachDialect('selection round repository: the reads of a solve', (getDb) => {
  it('finds unscored candidates with one query, and reads candidates and scores in slices', async () => {
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    const repo = new KyselySelectionRoundRepository(getDb().db);
    try {
      const obstacles: { id: string; reference: string }[] = [];
      for (let i = 0; i < 5; i++) {
        const o = await proposedObstacle(persistence, { title: `Kandidaat ${i}`, theme: 'taxation', now: new Date() });
        obstacles.push({ id: o.id, reference: o.reference });
      }
      const now = new Date();
      const round: SelectionRound = {
        id: crypto.randomUUID(),
        name: 'Ronde',
        segment: 'nl-vl',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        capacity: 2,
        effortBudget: null,
        criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
        aggregation: 'mean',
        partners: ['nl-li', 'nl-ze'],
        scoringDeadline: '2099-12-31',
        status: 'scoring',
        rules: {},
        approvedSolutionId: null,
        version: 1,
        createdAt: now,
        createdBy: 'u',
        updatedAt: now,
        updatedBy: 'u',
      };
      await repo.insertRound(round);
      // Positions with gaps, not in the order of insertion.
      const positions = [10, 3, 7, 20, 15];
      const musts = [null, 'keep', null, 'exclude', null] as const;
      await repo.insertCandidates(
        round.id,
        obstacles.map((o, i) => ({
          obstacleId: o.id,
          effort: 1,
          side: 'NL',
          subRegion: 'NL-LI',
          leadDepartment: 'nl-szw',
          must: musts[i] ?? null,
          position: positions[i] as number,
          addedAt: now,
          addedBy: 'u',
        })),
      );
      const score = (organisation: string, i: number, criterion: RoundScore['criterion'], value: number): RoundScore => ({
        organisation,
        obstacleId: (obstacles[i] as { id: string }).id,
        criterion,
        score: value,
        comment: 'c',
        scoredBy: 'u',
        scoredAt: now,
      });
      await repo.saveScores(round.id, [
        score('nl-li', 0, 'impact', 4),
        score('nl-ze', 0, 'urgency', 2),
        score('nl-li', 1, 'urgency', 5),
        // 2: only by an organisation that is no partner of the round; 3: excluded, no score; 4: only solvability.
        score('be-vli', 2, 'impact', 5),
        score('nl-ze', 4, 'solvability', 3),
      ]);
      const ref = (i: number) => (obstacles[i] as { reference: string }).reference;

      const all = await repo.solveFacts(round.id, { partners: round.partners, criteria: DEFAULT_CRITERIA.map((c) => c.key) });
      expect(all.unscored).toEqual([ref(2)]);
      expect(all.keep).toEqual([obstacles[1]?.id]);
      expect(all.exclude).toEqual([obstacles[3]?.id]);
      // A what-if that weighs only impact and urgency: 4 has no score on them (in position order: 2 at 7, 4 at 15).
      const narrow = await repo.solveFacts(round.id, { partners: round.partners, criteria: ['impact', 'urgency'] });
      expect(narrow.unscored).toEqual([ref(2), ref(4)]);
      // No weighted criterion at all: nobody has a score.
      expect((await repo.solveFacts(round.id, { partners: round.partners, criteria: [] })).unscored).toEqual(
        [1, 2, 0, 4].map(ref),
      );

      const first = await repo.candidates(round.id, { limit: 2 });
      expect(first.map((c) => c.position)).toEqual([3, 7]);
      const next = await repo.candidates(round.id, { afterPosition: 7, limit: 2 });
      expect(next.map((c) => c.position)).toEqual([10, 15]);
      const last = await repo.candidates(round.id, { afterPosition: 15, limit: 2 });
      expect(last.map((c) => c.position)).toEqual([20]);
      expect((await repo.candidates(round.id)).map((c) => c.position)).toEqual([3, 7, 10, 15, 20]);

      const values = await repo.scoreValues(round.id, round.partners, [obstacles[0]?.id as string, obstacles[2]?.id as string]);
      expect(values.sort((a, b) => a.criterion.localeCompare(b.criterion))).toEqual([
        { organisation: 'nl-li', obstacleId: obstacles[0]?.id, criterion: 'impact', score: 4 },
        { organisation: 'nl-ze', obstacleId: obstacles[0]?.id, criterion: 'urgency', score: 2 },
      ]);
    } finally {
      await persistence.close();
    }
  });
});
