/**
 * Recovery of solves whose process died (docs/SELECTION.md, "Solving in the background"), on both
 * databases: the runner of a process writes the heartbeat of the solves it runs; a running solution
 * without a heartbeat for the stated interval is swept to `failed` with failure `interrupted`,
 * audited — while a solve another process (WORKERS=2) runs and keeps beating stays `running`, a
 * beat of another runner or of a swept solve changes nothing, and a late finish does not overwrite
 * the sweep.
 */
import { afterAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import {
  DEFAULT_CRITERIA,
  finishedSolution,
  type SelectionRound,
  type SelectionSolution,
} from '../../core/selection-rounds/round.js';
import { SOLVE_STALE_MS, sweepInterruptedSolves } from '../../core/selection-rounds/sweep-interrupted-solves.js';
import { KyselySelectionRoundRepository } from '../../db/repositories/selection-round-repository.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { createSolveRunner, type InProcessSolveRunner } from './solve-runner.js';

const T0 = new Date('2027-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describeEachDialect('selection solve recovery', (getDb) => {
  let now = T0;
  const clock = { now: () => now };
  const runners: InProcessSolveRunner[] = [];
  afterAll(async () => {
    for (const runner of runners) await runner.close();
  });

  async function newRound(): Promise<string> {
    const id = crypto.randomUUID();
    const round: SelectionRound = {
      id,
      name: 'Ronde',
      segment: 'nl-vl',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      capacity: 2,
      effortBudget: null,
      criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
      aggregation: 'mean',
      partners: ['nl-li'],
      scoringDeadline: '2099-12-31',
      status: 'scoring',
      rules: {},
      approvedSolutionId: null,
      version: 1,
      createdAt: T0,
      createdBy: 'u',
      updatedAt: T0,
      updatedBy: 'u',
    };
    await new KyselySelectionRoundRepository(getDb().db).insertRound(round);
    return id;
  }

  function solution(roundId: string, createdAt: Date, status: SelectionSolution['status'] = 'running'): SelectionSolution {
    return {
      id: crypto.randomUUID(),
      roundId,
      status,
      failure: null,
      objective: null,
      gap: null,
      bound: null,
      selected: [],
      explanations: [],
      conflicts: null,
      comparison: null,
      params: { criteria: [], aggregation: 'mean', rules: {}, timeLimitMs: 1000, relativeGap: 0, scores: {} },
      ms: null,
      createdAt,
      createdBy: 'u',
      finishedAt: status === 'running' ? null : createdAt,
    };
  }

  async function read(roundId: string, id: string) {
    const found = await new KyselySelectionRoundRepository(getDb().db).findSolution(roundId, id);
    if (!found) throw new Error(`no solution ${id}`);
    return found;
  }

  async function auditOf(roundId: string) {
    const rows = await getDb()
      .db.selectFrom('audit_events')
      .select(['actor', 'action', 'changes', 'at'])
      .where('entity_id', '=', roundId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ actor: r.actor, action: r.action, at: r.at, details: JSON.parse(r.changes) }));
  }

  it('sweeps a solve whose process stopped beating to failed/interrupted, audited; another process’s solve stays', async () => {
    const repo = new KyselySelectionRoundRepository(getDb().db);
    const uow = createPersistence(getDb(), { searchWorkers: 0 });
    const sweep = () => sweepInterruptedSolves({ uow, rounds: repo, clock });
    try {
      const roundId = await newRound();
      const dead = solution(roundId, at(-120));
      const alive = solution(roundId, at(-120));
      const done = solution(roundId, at(-120), 'optimal');
      await repo.insertSolution(dead, 'runner-dead');
      await repo.insertSolution(alive, 'runner-alive');
      await repo.insertSolution(done, 'runner-dead');
      await repo.beatSolutions('runner-alive', [alive.id], at(-5));
      now = T0;

      expect(await sweep()).toBe(1);
      const swept = await read(roundId, dead.id);
      expect(swept).toMatchObject({ status: 'failed', failure: 'interrupted' });
      expect(swept.finishedAt?.toISOString()).toBe(T0.toISOString());
      expect(await read(roundId, alive.id)).toMatchObject({ status: 'running', failure: null });
      expect(await read(roundId, done.id)).toMatchObject({ status: 'optimal', failure: null });
      const audit = (await auditOf(roundId)).filter((e) => e.details?.solution === dead.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'system', action: 'selection_round.solve' });
      expect(audit[0]?.details).toMatchObject({ status: 'failed', failure: 'interrupted' });
      // Nothing else stale: no transaction, nothing swept twice.
      expect(await repo.hasStaleSolutions(new Date(T0.getTime() - SOLVE_STALE_MS))).toBe(false);
      expect(await sweep()).toBe(0);

      // The dead process's late answers change nothing: no finish over the sweep, no beat revives it.
      expect(await repo.finishSolution(finishedSolution({ ...dead, status: 'optimal', finishedAt: at(1) }))).toBe(false);
      await repo.beatSolutions('runner-dead', [dead.id], at(2));
      expect(await read(roundId, dead.id)).toMatchObject({ status: 'failed', failure: 'interrupted' });

      // The living process keeps its solve by beating; a beat of another runner does not count.
      const orphan = solution(roundId, at(50));
      await repo.insertSolution(orphan, 'runner-x');
      await repo.beatSolutions('runner-alive', [alive.id], at(50));
      await repo.beatSolutions('runner-y', [orphan.id], at(105));
      now = at(100);
      expect(await sweep()).toBe(0);
      now = at(111);
      expect(await sweep()).toBe(2);
      expect(await read(roundId, alive.id)).toMatchObject({ status: 'failed', failure: 'interrupted' });
      expect(await read(roundId, orphan.id)).toMatchObject({ status: 'failed', failure: 'interrupted' });
    } finally {
      await uow.close();
    }
  });

  it('the runner beats for the solves it runs; once its process stops, they are swept', async () => {
    const repo = new KyselySelectionRoundRepository(getDb().db);
    const uow = createPersistence(getDb(), { searchWorkers: 0 });
    try {
      now = at(1000);
      const errors: unknown[] = [];
      const runner = createSolveRunner((_id, error) => errors.push(error), {
        everyMs: 20,
        beat: (runnerId, ids) => repo.beatSolutions(runnerId, ids, clock.now()),
        sweep: async () => {
          await sweepInterruptedSolves({ uow, rounds: repo, clock });
        },
      });
      runners.push(runner);
      const roundId = await newRound();
      const running = solution(roundId, now);
      await repo.insertSolution(running, runner.id);
      runner.start(running.id, (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())));

      // Ten minutes on: the runner's beats keep it alive through its own sweeps.
      now = at(1600);
      const beaten = async () => {
        for (let i = 0; i < 200; i++) {
          const row = await getDb()
            .db.selectFrom('selection_solutions')
            .select(['heartbeat_at', 'runner'])
            .where('id', '=', running.id)
            .executeTakeFirstOrThrow();
          if (row.heartbeat_at === now.toISOString()) return row;
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error('no heartbeat');
      };
      expect((await beaten()).runner).toBe(runner.id);
      await new Promise((r) => setTimeout(r, 60));
      expect(await read(roundId, running.id)).toMatchObject({ status: 'running' });

      // The process stops (no cancel reaches the row): after the stated interval, swept.
      await runner.close();
      now = at(1600 + SOLVE_STALE_MS / 1000 - 1);
      expect(await sweepInterruptedSolves({ uow, rounds: repo, clock })).toBe(0);
      now = at(1600 + SOLVE_STALE_MS / 1000 + 1);
      expect(await sweepInterruptedSolves({ uow, rounds: repo, clock })).toBe(1);
      expect(await read(roundId, running.id)).toMatchObject({ status: 'failed', failure: 'interrupted' });
      expect(errors).toEqual([]);
    } finally {
      await uow.close();
    }
  });
});
