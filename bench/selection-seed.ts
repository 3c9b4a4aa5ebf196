/**
 * A SQLite register with a selection round ready to solve, for the selection HTTP benchmark
 * (bench/selection-http.bench.ts): `count` obstacles seeded as the register bench seeds them
 * (bench/seed.ts), every one of them moved to `proposed` and made a candidate of one round in
 * `scoring`, with the themes, side, lead department, sub-region and effort of the optimiser bench's
 * generated round (bench/selection-round.ts: 8 themes, 2 sides, 12 departments, 10 sub-regions, the
 * places and every balance rule binding) and three partners' scores (1–5 on the five criteria) —
 * written in one transaction of prepared statements, not through the API.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_CRITERIA, type SelectionRound } from '../src/core/selection-rounds/round.js';
import { createDatabase, type DatabaseLocation } from '../src/db/create-database.js';
import { type OrganisationsFile, readReferenceFile } from '../src/db/reference-data.js';
import { rebuildFacetCounts } from '../src/db/repositories/facet-counts.js';
import { KyselySelectionRoundRepository } from '../src/db/repositories/selection-round-repository.js';
import { seedRegister } from './seed.js';
import { generateRound, seeded } from './selection-round.js';

/** The border segment of the round and its two sides (the generator's sides a and b). */
export const ROUND_SEGMENT = 'nl-vl';
const SIDES = { a: 'NL', b: 'BE' } as const;
/** Three partners of the segment score every candidate. */
export const ROUND_PARTNERS = ['nl-li', 'nl-ze', 'be-vli'] as const;

export interface SelectionSeedReport {
  roundId: string;
  candidates: number;
  scores: number;
  places: number;
  /** Obstacle references, for the get case. */
  references: string[];
  /** The 8 theme keys the candidates carry, for the list case. */
  themes: string[];
  seconds: { register: number; round: number };
}

export async function seedSelectionRegister(
  location: DatabaseLocation & { dialect: 'sqlite' },
  options: { count: number; seed: number; log: (line: string) => void },
): Promise<SelectionSeedReport> {
  const { count, seed, log } = options;
  const database = createDatabase(location);
  try {
    const started = performance.now();
    await seedRegister(database, { count, seed, batch: 1000, lanes: 1, now: new Date(), log });
    const register = (performance.now() - started) / 1000;
    const roundStarted = performance.now();
    const handle = database.sqlite;
    if (!handle) throw new Error('the selection HTTP bench builds SQLite databases only');

    const themes = (handle.prepare('SELECT key FROM themes ORDER BY key').all() as { key: string }[])
      .map((r) => r.key)
      .slice(0, 8);
    const departments = (
      handle.prepare("SELECT key FROM organisations WHERE kind = 'department' ORDER BY key").all() as { key: string }[]
    )
      .map((r) => r.key)
      .slice(0, 12);
    const organisations = readReferenceFile<OrganisationsFile>('organisations.json');
    const regions = [...new Set(organisations.segments.flatMap((s) => s.sides.flatMap((side) => side.regions)))].slice(0, 10);
    if (themes.length < 8 || departments.length < 12 || regions.length < 10) {
      throw new Error(`the catalogue has too few themes (${themes.length}), departments or regions for the bench`);
    }
    const obstacles = handle.prepare('SELECT id, seq, reference FROM obstacles ORDER BY seq').all() as {
      id: string;
      seq: number;
      reference: string;
    }[];
    const generated = generateRound(obstacles.length, seed);
    const index = (key: string) => Number(key.slice(key.lastIndexOf('_') + 1));
    const places = generated.rules.capacity && 'max' in generated.rules.capacity ? (generated.rules.capacity.max ?? 0) : 0;
    const now = new Date();
    const round: SelectionRound = {
      id: randomUUID(),
      name: `Bench round of ${obstacles.length} candidates`,
      segment: ROUND_SEGMENT,
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      capacity: places,
      effortBudget: generated.rules.effortBudget ?? null,
      criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
      aggregation: 'mean',
      partners: [...ROUND_PARTNERS],
      scoringDeadline: '2099-12-31',
      status: 'scoring',
      rules: {
        sideShare: (generated.rules.sideShare ?? []).map((s) => ({ ...s, side: SIDES[s.side as 'a' | 'b'] })),
        maxPerTheme: generated.rules.maxPerTheme as number,
        maxPerDepartment: generated.rules.maxPerDepartment as number,
        minPerSubRegion: generated.rules.minPerSubRegion as number,
      },
      approvedSolutionId: null,
      version: 1,
      createdAt: now,
      createdBy: 'bench',
      updatedAt: now,
      updatedBy: 'bench',
    };
    await new KyselySelectionRoundRepository(database.db).insertRound(round);

    const random = seeded(seed + 1);
    const draw = (lift: number) => Math.min(5, 1 + Math.floor(random() * 5) + (random() < lift ? 1 : 0));
    const setObstacle = handle.prepare("UPDATE obstacles SET status = 'proposed', themes = ? WHERE seq = ?");
    const dropThemes = handle.prepare('DELETE FROM obstacle_themes WHERE obstacle_seq = ?');
    const addTheme = handle.prepare('INSERT INTO obstacle_themes (obstacle_seq, theme_key) VALUES (?, ?)');
    const addCandidate = handle.prepare(
      'INSERT INTO selection_candidates (round_id, obstacle_id, effort, side, sub_region, lead_department, must, position, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
    );
    const addScore = handle.prepare(
      'INSERT INTO selection_scores (round_id, organisation_key, obstacle_id, criterion, score, comment, scored_by, scored_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)',
    );
    const at = now.toISOString();
    let scores = 0;
    handle.transaction(() => {
      obstacles.forEach((obstacle, i) => {
        const c = generated.candidates[i];
        if (!c) throw new Error('the generated round is shorter than the register');
        const own = c.themes.map((t) => themes[index(t)] as string);
        setObstacle.run(JSON.stringify(own), obstacle.seq);
        dropThemes.run(obstacle.seq);
        for (const theme of own) addTheme.run(obstacle.seq, theme);
        addCandidate.run(
          round.id,
          obstacle.id,
          c.effort,
          SIDES[c.side as 'a' | 'b'],
          regions[index(c.subRegion)],
          departments[index(c.leadDepartment)],
          i,
          at,
          'bench',
        );
        // As the generator: partners score side a and the two popular themes higher.
        const lift = (c.side === 'a' ? 0.6 : 0) + (c.themes.includes('theme_0') || c.themes.includes('theme_1') ? 0.4 : 0);
        for (const partner of ROUND_PARTNERS) {
          for (const criterion of DEFAULT_CRITERIA) {
            addScore.run(round.id, partner, obstacle.id, criterion.key, draw(lift), 'bench', at);
            scores += 1;
          }
        }
      });
    })();
    await rebuildFacetCounts(database.db);
    handle.pragma('wal_checkpoint(TRUNCATE)');
    return {
      roundId: round.id,
      candidates: obstacles.length,
      scores,
      places,
      references: obstacles.map((o) => o.reference),
      themes,
      seconds: { register, round: (performance.now() - roundStarted) / 1000 },
    };
  } finally {
    await database.close();
  }
}
