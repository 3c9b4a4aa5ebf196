/**
 * The set-up the selection journeys share (selection-rounds, selection-setup, selection-decision):
 * proposed obstacles of segment nl-vl registered straight into the database (the lifecycle pages
 * are not these journeys' point), a round with its candidates opened for scoring through the API,
 * and the partners' scores put through the API as each partner.
 */
import { SYSTEM_ACTOR } from '../../src/core/access/access.js';
import { registerObstacle } from '../../src/core/obstacles/register-obstacle.js';
import { createPersistence } from '../../src/db/unit-of-work.js';
import { bearer } from '../../test-support/access.js';
import type { ApiCall, Journey } from './journey.js';

export const ROUNDS = '/api/v1/selection-rounds';
/** The criteria every new round scores on. */
export const CRITERIA = ['impact', 'people_affected', 'urgency', 'solvability', 'priority_theme_fit'] as const;

export interface Candidate {
  id: string;
  reference: string;
}

/** What differs between the proposed obstacles of a journey; the rest is the same for all. */
export interface ProposedObstacle {
  title: string;
  themes?: string[];
  governments?: string[];
  regions?: string[];
}

/**
 * Registers `obstacles` as proposed obstacles of segment nl-vl (theme taxation, government nl,
 * region NL-LI unless given), in order; returns their ids and references.
 */
export async function proposeObstacles(journey: Journey, obstacles: readonly ProposedObstacle[]): Promise<Candidate[]> {
  const persistence = createPersistence(journey.running.database, { searchWorkers: 0 });
  const proposed: Candidate[] = [];
  try {
    for (const { title, themes = ['taxation'], governments = ['nl'], regions = ['NL-LI'] } of obstacles) {
      const obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: {
          title: { nl: title },
          summary: { nl: 'Een voorgestelde grensbelemmering' },
          sourceLanguage: 'nl',
          segment: 'nl-vl',
          themes,
          governments,
          regions,
          type: 'legal',
          visibility: 'partners',
          reportedOn: '2026-01-05',
          reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
        },
        uow: persistence,
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
        importedStatus: 'proposed',
      });
      proposed.push({ id: obstacle.id, reference: obstacle.reference });
    }
  } finally {
    await persistence.close();
  }
  return proposed;
}

/**
 * Creates a round of segment nl-vl for 2027 (scoring deadline far ahead) through the API as the
 * secretariat (`api`), adds `candidates`, sets `rules` when given and opens it for scoring; returns its id.
 */
export async function openRoundForScoring(
  api: ApiCall,
  {
    name,
    capacity,
    partners,
    candidates,
    rules,
  }: { name: string; capacity: number; partners: readonly string[]; candidates: readonly Candidate[]; rules?: object },
): Promise<string> {
  const created = await api('POST', ROUNDS, {
    name,
    segment: 'nl-vl',
    periodStart: '2027-01-01',
    periodEnd: '2027-12-31',
    capacity,
    partners,
    scoringDeadline: '2099-12-31',
  });
  const roundId: string = created.id;
  await api('POST', `${ROUNDS}/${roundId}/candidates`, { candidates: candidates.map((c) => ({ obstacle: c.id })) });
  if (rules) await api('PUT', `${ROUNDS}/${roundId}/rules`, rules);
  await api('PATCH', `${ROUNDS}/${roundId}`, { status: 'scoring' });
  return roundId;
}

/**
 * Each partner in `partners` puts its scores on every candidate and criterion through the API, as a
 * partner user of its organisation: `score(candidateIndex, criterion, partnerIndex)`.
 */
export async function scoreAsPartners(
  journey: Journey,
  roundId: string,
  {
    partners,
    candidates,
    score,
  }: {
    partners: readonly string[];
    candidates: readonly Candidate[];
    score: (candidate: number, criterion: (typeof CRITERIA)[number], partner: number) => number;
  },
): Promise<void> {
  for (const [p, organisation] of partners.entries()) {
    const partner = await bearer(journey.running.database, 'partner', organisation);
    const scores = candidates.flatMap((c, i) =>
      CRITERIA.map((criterion) => ({ obstacleId: c.id, criterion, score: score(i, criterion, p) })),
    );
    await journey.api(() => partner)('PUT', `${ROUNDS}/${roundId}/scores`, { scores });
  }
}
