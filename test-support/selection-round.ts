/**
 * A selection round in `scoring` with every candidate scored, written to a test database through
 * the use case that registers obstacles and the round repository (both dialects): `candidates`
 * obstacles in `proposed`, each a candidate with a side, sub-region, lead department and effort
 * drawn from `seed`, and a score of 1–5 from each of the two partners on every criterion.
 */
import { SYSTEM_ACTOR } from '../src/core/access/access.js';
import type { UnitOfWork } from '../src/core/obstacles/ports.js';
import { registerObstacle } from '../src/core/obstacles/register-obstacle.js';
import { DEFAULT_CRITERIA, type RoundScore, type SelectionRound } from '../src/core/selection-rounds/round.js';
import type { Database } from '../src/db/create-database.js';
import { KyselySelectionRoundRepository } from '../src/db/repositories/selection-round-repository.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { randomSource } from './selection-exhaustive.js';

const THEMES = ['taxation', 'social_security', 'cross_border_work', 'healthcare'];
const PLACES = [
  { side: 'NL', subRegion: 'NL-LI' },
  { side: 'NL', subRegion: 'NL-ZE' },
  { side: 'BE', subRegion: 'BE-VLI' },
];
const DEPARTMENTS = ['nl-szw', 'nl-fin', 'vl-wse', 'be-fin'];

/** An obstacle registered in `proposed` (a possible candidate of a round on the Dutch–Flemish border). */
export async function proposedObstacle(
  uow: UnitOfWork,
  options: { title: string; theme: string; now: Date },
): Promise<{ id: string; reference: string }> {
  return registerObstacle({
    actor: SYSTEM_ACTOR,
    input: {
      title: { nl: options.title },
      summary: { nl: 'Een voorgestelde grensbelemmering' },
      sourceLanguage: 'nl',
      segment: 'nl-vl',
      themes: [options.theme],
      governments: ['nl'],
      regions: ['NL-LI'],
      type: 'legal',
      visibility: 'partners',
      reportedOn: '2026-01-05',
      reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
    },
    uow,
    clock: { now: () => options.now },
    ids: { newId: () => crypto.randomUUID() },
    importedStatus: 'proposed',
  });
}

export async function seedScoredRound(
  database: Database,
  options: { candidates: number; seed: number; capacity: number; rules?: SelectionRound['rules'] },
): Promise<SelectionRound> {
  const random = randomSource(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const persistence = createPersistence(database, { searchWorkers: 0 });
  const now = new Date();
  try {
    const obstacles: string[] = [];
    for (let i = 0; i < options.candidates; i++) {
      const theme = pick(THEMES);
      const obstacle = await proposedObstacle(persistence, { title: `Kandidaat ${i} (${theme})`, theme, now });
      obstacles.push(obstacle.id);
    }
    const round: SelectionRound = {
      id: crypto.randomUUID(),
      name: `Ronde van ${options.candidates}`,
      segment: 'nl-vl',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      capacity: options.capacity,
      effortBudget: null,
      criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
      aggregation: 'mean',
      partners: ['nl-li', 'be-vli'],
      scoringDeadline: '2099-12-31',
      status: 'scoring',
      rules: options.rules ?? {},
      approvedSolutionId: null,
      version: 1,
      createdAt: now,
      createdBy: 'test',
      updatedAt: now,
      updatedBy: 'test',
    };
    const repo = new KyselySelectionRoundRepository(database.db);
    await repo.insertRound(round);
    await repo.insertCandidates(
      round.id,
      obstacles.map((obstacleId, position) => ({
        obstacleId,
        effort: 1 + Math.floor(random() * 3),
        ...pick(PLACES),
        leadDepartment: pick(DEPARTMENTS),
        must: null,
        position,
        addedAt: now,
        addedBy: 'test',
      })),
    );
    const scores: RoundScore[] = [];
    for (const obstacleId of obstacles) {
      for (const organisation of round.partners) {
        for (const { key } of DEFAULT_CRITERIA) {
          scores.push({
            organisation,
            obstacleId,
            criterion: key,
            score: 1 + Math.floor(random() * 5),
            comment: null,
            scoredBy: 'test',
            scoredAt: now,
          });
        }
      }
    }
    await repo.saveScores(round.id, scores);
    return round;
  } finally {
    await persistence.close();
  }
}
