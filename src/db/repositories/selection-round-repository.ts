import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AggregationMethod } from '../../core/selection/aggregate.js';
import type { CandidateRow, ScoreValue, SelectionRoundRepository } from '../../core/selection-rounds/ports.js';
import {
  type AmendmentChange,
  type BalanceRules,
  type CriterionKey,
  type FinishedSolution,
  finishedSolution,
  type Must,
  type RoundCandidate,
  type RoundCriterion,
  type RoundScore,
  type RoundStatus,
  type SelectionAmendment,
  type SelectionRound,
  type SelectionSolution,
  type SolutionFailure,
  type SolutionStatus,
} from '../../core/selection-rounds/round.js';
import type { Language, LocalizedText } from '../../core/shared/language.js';
import type { DB, SelectionRoundTable, SelectionSolutionTable } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Rows per statement when many are written (well under both databases' limits). */
const CHUNK = 200;

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function toRound(row: Selectable<SelectionRoundTable>): SelectionRound {
  return {
    id: row.id,
    name: row.name,
    segment: row.segment_key,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    capacity: numberOrNull(row.capacity),
    effortBudget: numberOrNull(row.effort_budget),
    criteria: JSON.parse(row.criteria) as RoundCriterion[],
    aggregation: row.aggregation as AggregationMethod,
    partners: JSON.parse(row.partners) as string[],
    scoringDeadline: row.scoring_deadline,
    status: row.status as RoundStatus,
    rules: JSON.parse(row.rules) as BalanceRules,
    approvedSolutionId: row.approved_solution_id,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
  };
}

function roundRow(round: SelectionRound) {
  return {
    id: round.id,
    name: round.name,
    segment_key: round.segment,
    period_start: round.periodStart,
    period_end: round.periodEnd,
    capacity: round.capacity,
    effort_budget: round.effortBudget,
    criteria: JSON.stringify(round.criteria),
    aggregation: round.aggregation,
    partners: JSON.stringify(round.partners),
    scoring_deadline: round.scoringDeadline,
    status: round.status,
    rules: JSON.stringify(round.rules),
    approved_solution_id: round.approvedSolutionId,
    version: round.version,
    created_at: round.createdAt.toISOString(),
    created_by: round.createdBy,
    updated_at: round.updatedAt.toISOString(),
    updated_by: round.updatedBy,
  };
}

function toSolution(row: Selectable<SelectionSolutionTable>): SelectionSolution {
  return {
    id: row.id,
    roundId: row.round_id,
    status: row.status as SolutionStatus,
    failure: row.failure as SolutionFailure | null,
    objective: numberOrNull(row.objective),
    gap: numberOrNull(row.gap),
    bound: numberOrNull(row.bound),
    selected: JSON.parse(row.selected) as string[],
    explanations: JSON.parse(row.explanations) as SelectionSolution['explanations'],
    conflicts: row.conflicts === null ? null : (JSON.parse(row.conflicts) as SelectionSolution['conflicts']),
    comparison: row.comparison === null ? null : (JSON.parse(row.comparison) as SelectionSolution['comparison']),
    params: JSON.parse(row.params) as SelectionSolution['params'],
    ms: numberOrNull(row.ms),
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

/** The row of a solution; its explanations and parameters are JSON text already (finishedSolution). */
function solutionRow(solution: FinishedSolution) {
  return {
    id: solution.id,
    round_id: solution.roundId,
    status: solution.status,
    failure: solution.failure,
    objective: solution.objective,
    gap: solution.gap,
    bound: solution.bound,
    selected: JSON.stringify(solution.selected),
    explanations: solution.explanations as string,
    conflicts: solution.conflicts === null ? null : JSON.stringify(solution.conflicts),
    comparison: solution.comparison === null ? null : JSON.stringify(solution.comparison),
    params: solution.params as string,
    ms: solution.ms === null ? null : Math.round(solution.ms),
    created_at: solution.createdAt.toISOString(),
    created_by: solution.createdBy,
    finished_at: solution.finishedAt === null ? null : solution.finishedAt.toISOString(),
  };
}

/** Selection rounds, their candidates, scores, solutions and amendments (docs/SELECTION.md). */
export class KyselySelectionRoundRepository implements SelectionRoundRepository {
  constructor(private readonly db: Executor) {}

  async insertRound(round: SelectionRound): Promise<void> {
    await this.db.insertInto('selection_rounds').values(roundRow(round)).execute();
  }

  async updateRound(round: SelectionRound, expectedVersion: number): Promise<boolean> {
    const { id: _id, created_at: _at, created_by: _by, ...values } = roundRow(round);
    const result = await this.db
      .updateTable('selection_rounds')
      .set(values)
      .where('id', '=', round.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findRound(id: string): Promise<SelectionRound | undefined> {
    const row = await this.db.selectFrom('selection_rounds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRound(row);
  }

  async listRounds(filter: { partner?: string }): Promise<SelectionRound[]> {
    const rows = await this.db.selectFrom('selection_rounds').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
    const rounds = rows.map(toRound);
    const { partner } = filter;
    return partner === undefined ? rounds : rounds.filter((r) => r.partners.includes(partner));
  }

  async candidates(roundId: string, page?: { afterPosition?: number; limit: number }): Promise<RoundCandidate[]> {
    let query = this.db
      .selectFrom('selection_candidates as c')
      .innerJoin('obstacles as o', 'o.id', 'c.obstacle_id')
      .select([
        'c.obstacle_id',
        'c.effort',
        'c.side',
        'c.sub_region',
        'c.lead_department',
        'c.must',
        'c.position',
        'c.added_at',
        'c.added_by',
        'o.reference',
        'o.title',
        'o.source_language',
        'o.status',
        'o.themes',
      ])
      .where('c.round_id', '=', roundId)
      .orderBy('c.position');
    if (page?.afterPosition !== undefined) query = query.where('c.position', '>', page.afterPosition);
    if (page) query = query.limit(page.limit);
    const rows = await query.execute();
    return rows.map((row) => ({
      obstacleId: row.obstacle_id,
      reference: row.reference,
      title: JSON.parse(row.title) as LocalizedText,
      sourceLanguage: row.source_language as Language,
      status: row.status,
      themes: JSON.parse(row.themes) as string[],
      effort: Number(row.effort),
      side: row.side,
      subRegion: row.sub_region,
      leadDepartment: row.lead_department,
      must: row.must as Must | null,
      position: Number(row.position),
      addedAt: new Date(row.added_at),
      addedBy: row.added_by,
    }));
  }

  async solveFacts(
    roundId: string,
    filter: { partners: readonly string[]; criteria: readonly string[] },
  ): Promise<{ unscored: string[]; keep: string[]; exclude: string[] }> {
    // The candidates with no score at all: their ids first (the index of the scores alone, no
    // join), and the references of those few, if any, after — 20,000 joins to the obstacles for
    // nothing cost about half of this request at the size.
    let unscored = this.db
      .selectFrom('selection_candidates as c')
      .select('c.obstacle_id')
      .where('c.round_id', '=', roundId)
      .where((eb) => eb.or([eb('c.must', 'is', null), eb('c.must', '!=', 'exclude')]))
      .orderBy('c.position');
    if (filter.partners.length > 0 && filter.criteria.length > 0) {
      unscored = unscored.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('selection_scores as s')
              .select('s.obstacle_id')
              .whereRef('s.round_id', '=', 'c.round_id')
              .whereRef('s.obstacle_id', '=', 'c.obstacle_id')
              .where('s.organisation_key', 'in', filter.partners)
              .where('s.criterion', 'in', filter.criteria),
          ),
        ),
      );
    }
    const unscoredIds = (await unscored.execute()).map((r) => r.obstacle_id);
    const references = new Map<string, string>();
    for (let i = 0; i < unscoredIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('obstacles')
        .select(['id', 'reference'])
        .where('id', 'in', unscoredIds.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) references.set(row.id, row.reference);
    }
    const must = await this.db
      .selectFrom('selection_candidates')
      .select(['obstacle_id', 'must'])
      .where('round_id', '=', roundId)
      .where('must', 'is not', null)
      .orderBy('position')
      .execute();
    return {
      unscored: unscoredIds.map((id) => references.get(id) ?? id),
      keep: must.filter((r) => r.must === 'keep').map((r) => r.obstacle_id),
      exclude: must.filter((r) => r.must === 'exclude').map((r) => r.obstacle_id),
    };
  }

  async insertCandidates(roundId: string, rows: readonly CandidateRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('selection_candidates')
        .values(
          rows.slice(i, i + CHUNK).map((c) => ({
            round_id: roundId,
            obstacle_id: c.obstacleId,
            effort: c.effort,
            side: c.side,
            sub_region: c.subRegion,
            lead_department: c.leadDepartment,
            must: c.must,
            position: c.position,
            added_at: c.addedAt.toISOString(),
            added_by: c.addedBy,
          })),
        )
        .execute();
    }
  }

  async setMust(roundId: string, must: { keep: readonly string[]; exclude: readonly string[] }): Promise<void> {
    await this.db.updateTable('selection_candidates').set({ must: null }).where('round_id', '=', roundId).execute();
    for (const kind of ['keep', 'exclude'] as const) {
      const ids = must[kind];
      for (let i = 0; i < ids.length; i += CHUNK) {
        await this.db
          .updateTable('selection_candidates')
          .set({ must: kind })
          .where('round_id', '=', roundId)
          .where('obstacle_id', 'in', ids.slice(i, i + CHUNK))
          .execute();
      }
    }
  }

  async removeCandidate(roundId: string, obstacleId: string): Promise<boolean> {
    await this.db.deleteFrom('selection_scores').where('round_id', '=', roundId).where('obstacle_id', '=', obstacleId).execute();
    const result = await this.db
      .deleteFrom('selection_candidates')
      .where('round_id', '=', roundId)
      .where('obstacle_id', '=', obstacleId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async roundsOfObstacle(obstacleId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('selection_candidates as c')
      .innerJoin('selection_rounds as r', 'r.id', 'c.round_id')
      .select('r.id')
      .where('c.obstacle_id', '=', obstacleId)
      .where('r.status', '!=', 'approved')
      .execute();
    return rows.map((r) => r.id);
  }

  async scores(roundId: string, organisation?: string): Promise<RoundScore[]> {
    let query = this.db.selectFrom('selection_scores').selectAll().where('round_id', '=', roundId);
    if (organisation !== undefined) query = query.where('organisation_key', '=', organisation);
    const rows = await query.orderBy('organisation_key').orderBy('obstacle_id').orderBy('criterion').execute();
    return rows.map((row) => ({
      organisation: row.organisation_key,
      obstacleId: row.obstacle_id,
      criterion: row.criterion as CriterionKey,
      score: Number(row.score),
      comment: row.comment,
      scoredBy: row.scored_by,
      scoredAt: new Date(row.scored_at),
    }));
  }

  async scoreValues(roundId: string, partners: readonly string[], obstacleIds: readonly string[]): Promise<ScoreValue[]> {
    const values: ScoreValue[] = [];
    if (partners.length === 0) return values;
    for (let i = 0; i < obstacleIds.length; i += CHUNK * 5) {
      const rows = await this.db
        .selectFrom('selection_scores')
        .select(['organisation_key', 'obstacle_id', 'criterion', 'score'])
        .where('round_id', '=', roundId)
        // In the order of the primary key (round, organisation, obstacle, criterion): index seeks.
        .where('organisation_key', 'in', partners)
        .where('obstacle_id', 'in', obstacleIds.slice(i, i + CHUNK * 5))
        .execute();
      for (const row of rows) {
        values.push({
          organisation: row.organisation_key,
          obstacleId: row.obstacle_id,
          criterion: row.criterion as CriterionKey,
          score: Number(row.score),
        });
      }
    }
    return values;
  }

  async saveScores(roundId: string, scores: readonly RoundScore[]): Promise<void> {
    for (const score of scores) {
      await this.db
        .deleteFrom('selection_scores')
        .where('round_id', '=', roundId)
        .where('organisation_key', '=', score.organisation)
        .where('obstacle_id', '=', score.obstacleId)
        .where('criterion', '=', score.criterion)
        .execute();
    }
    for (let i = 0; i < scores.length; i += CHUNK) {
      await this.db
        .insertInto('selection_scores')
        .values(
          scores.slice(i, i + CHUNK).map((s) => ({
            round_id: roundId,
            organisation_key: s.organisation,
            obstacle_id: s.obstacleId,
            criterion: s.criterion,
            score: s.score,
            comment: s.comment,
            scored_by: s.scoredBy,
            scored_at: s.scoredAt.toISOString(),
          })),
        )
        .execute();
    }
  }

  async insertSolution(solution: SelectionSolution, runner: string): Promise<void> {
    await this.db
      .insertInto('selection_solutions')
      .values({ ...solutionRow(finishedSolution(solution)), runner, heartbeat_at: solution.createdAt.toISOString() })
      .execute();
  }

  async beatSolutions(runner: string, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('selection_solutions')
      .set({ heartbeat_at: at.toISOString() })
      .where('id', 'in', ids)
      .where('runner', '=', runner)
      .where('status', '=', 'running')
      .execute();
  }

  async hasStaleSolutions(before: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom('selection_solutions')
      .select('id')
      .where('status', '=', 'running')
      .where((eb) => eb(eb.fn.coalesce('heartbeat_at', 'created_at'), '<', before.toISOString()))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async interruptStaleSolutions(before: Date, at: Date): Promise<SelectionSolution[]> {
    const cutoff = before.toISOString();
    const stale = await this.db
      .selectFrom('selection_solutions')
      .selectAll()
      .where('status', '=', 'running')
      .where((eb) => eb(eb.fn.coalesce('heartbeat_at', 'created_at'), '<', cutoff))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const interrupted: SelectionSolution[] = [];
    for (const row of stale) {
      // Guarded as the row was read: a beat or a finish in between wins.
      const result = await this.db
        .updateTable('selection_solutions')
        .set({ status: 'failed', failure: 'interrupted', finished_at: at.toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'running')
        .where((eb) => eb(eb.fn.coalesce('heartbeat_at', 'created_at'), '<', cutoff))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        interrupted.push({ ...toSolution(row), status: 'failed', failure: 'interrupted', finishedAt: at });
      }
    }
    return interrupted;
  }

  async finishSolution(solution: FinishedSolution): Promise<boolean> {
    // The explanations and parameters are JSON text already (made where the solve ran): written as they are.
    const { id: _id, round_id: _round, created_at: _at, created_by: _by, ...values } = solutionRow(solution);
    const result = await this.db
      .updateTable('selection_solutions')
      .set(values)
      .where('id', '=', solution.id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findSolution(roundId: string, id: string): Promise<SelectionSolution | undefined> {
    const row = await this.db
      .selectFrom('selection_solutions')
      .selectAll()
      .where('id', '=', id)
      .where('round_id', '=', roundId)
      .executeTakeFirst();
    return row && toSolution(row);
  }

  async listSolutions(roundId: string): Promise<SelectionSolution[]> {
    const rows = await this.db
      .selectFrom('selection_solutions')
      .selectAll()
      .where('round_id', '=', roundId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toSolution);
  }

  async insertAmendment(amendment: SelectionAmendment): Promise<void> {
    await this.db
      .insertInto('selection_amendments')
      .values({
        id: amendment.id,
        round_id: amendment.roundId,
        solution_id: amendment.solutionId,
        obstacle_id: amendment.obstacleId,
        change: amendment.change,
        reason: amendment.reason,
        created_at: amendment.createdAt.toISOString(),
        created_by: amendment.createdBy,
      })
      .execute();
  }

  async amendments(roundId: string, solutionId?: string): Promise<SelectionAmendment[]> {
    let query = this.db.selectFrom('selection_amendments').selectAll().where('round_id', '=', roundId);
    if (solutionId !== undefined) query = query.where('solution_id', '=', solutionId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      roundId: row.round_id,
      solutionId: row.solution_id,
      obstacleId: row.obstacle_id,
      change: row.change as AmendmentChange,
      reason: row.reason,
      createdAt: new Date(row.created_at),
      createdBy: row.created_by,
    }));
  }
}
