/**
 * The nightly run of the monitoring on both databases, over a few hundred actions in batches that
 * do not divide them evenly: every open action's flags as the rule says, only changed rows written,
 * done and cancelled ones left alone, every obstacle's roll-up stored, and a second run changing
 * nothing. Also `schakel monitor run`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/databases.js';
import { SYSTEM_ACTOR } from '../core/access/access.js';
import type { Action, ActionStatus } from '../core/actions/action.js';
import { runMonitoring } from '../core/monitoring/run-monitoring.js';
import { defaultMonitoringSettings } from '../core/monitoring/settings.js';
import { registerObstacle } from '../core/obstacles/register-obstacle.js';
import { KyselyActionRepository } from './repositories/action-repository.js';
import { createPersistence, type Persistence } from './unit-of-work.js';

const TODAY = '2026-11-02';
const STATUSES: ActionStatus[] = ['planned', 'in_progress', 'done', 'cancelled', 'in_progress'];
const ACTIONS = 311;
const OBSTACLES = 17;

describeEachDialect('runMonitoring', (getDb) => {
  let persistence: Persistence;
  const obstacleIds: string[] = [];
  const actions: Action[] = [];

  beforeAll(async () => {
    persistence = createPersistence(getDb(), { searchWorkers: 0 });
    for (let i = 0; i < OBSTACLES; i += 1) {
      const obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: {
          title: { nl: `Bewaakte belemmering ${i}` },
          summary: { nl: 'Met acties.' },
          sourceLanguage: 'nl',
          segment: 'nl-vl',
          themes: ['taxation'],
          type: 'legal',
          visibility: 'public',
          reporter: { type: 'citizen' },
        },
        uow: persistence,
        clock: { now: () => new Date('2026-09-01T10:00:00Z') },
        ids: { newId: () => crypto.randomUUID() },
      });
      obstacleIds.push(obstacle.id);
    }
    const repository = new KyselyActionRepository(getDb().db);
    for (let i = 0; i < ACTIONS; i += 1) {
      const status = STATUSES[i % STATUSES.length] ?? 'planned';
      // Due dates from 60 days before today to 90 days after; last updates 2 or 45 days ago.
      const due = new Date(Date.parse(`${TODAY}T00:00:00Z`) + (((i * 7) % 150) - 60) * 86_400_000);
      const action: Action = {
        id: `a-${String(i).padStart(4, '0')}`,
        obstacleId: obstacleIds[i % OBSTACLES] ?? '',
        kind: i % 3 === 0 ? 'milestone' : 'action',
        title: { nl: `Actie ${i}` },
        sourceLanguage: 'nl',
        decisionId: null,
        owner: { organisation: 'nl-szw', userId: null },
        dueOn: due.toISOString().slice(0, 10),
        status,
        progress: status === 'done' ? 100 : (i * 13) % 101,
        weight: 1 + (i % 5),
        evidence: [],
        notes: null,
        version: 1,
        createdAt: new Date('2026-09-01T10:00:00Z'),
        createdBy: 'system',
        updatedAt: new Date(i % 2 === 0 ? '2026-10-31T10:00:00Z' : '2026-09-18T10:00:00Z'),
        updatedBy: 'system',
        completedOn: status === 'done' ? '2026-10-01' : null,
        // As a write would have left them: done is green, cancelled none; open ones not yet judged.
        monitoring: { rag: status === 'done' ? 'green' : 'none', overdue: false, stale: false, computedAt: null },
        escalation: { level: 'official', escalatedOn: null },
      };
      actions.push(action);
      await repository.insert(action);
    }
  });
  afterAll(async () => {
    await persistence.close();
  });

  it('recomputes every open action and every obstacle in batches, and a second run changes nothing', async () => {
    const open = actions.filter((a) => a.status === 'planned' || a.status === 'in_progress');
    const expectedOverdue = open.filter((a) => a.dueOn < TODAY).length;
    const expectedStale = open.filter((a) => a.updatedAt.toISOString() < '2026-10-03').length;
    expect(expectedOverdue).toBeGreaterThan(20);
    expect(expectedStale).toBeGreaterThan(20);

    const settings = defaultMonitoringSettings({ staleAfter: { amount: 30, unit: 'calendar_days' } });
    const report = await runMonitoring({ today: TODAY, batchSize: 37, uow: persistence, settings });
    expect(report).toMatchObject({
      today: TODAY,
      actions: open.length,
      changed: open.length,
      overdue: expectedOverdue,
      stale: expectedStale,
      obstacles: OBSTACLES,
      obstaclesChanged: OBSTACLES,
    });
    // ceil(187 / 37) action batches (the last one short) and one obstacle batch.
    expect(report.batches).toBe(Math.ceil((open.length + 1) / 37) + 1);
    expect(report.timings.total).toBeGreaterThanOrEqual(0);

    const rows = await getDb().db.selectFrom('actions').selectAll().orderBy('id').execute();
    for (const [i, row] of rows.entries()) {
      const action = actions[i] as Action;
      const isOpen = action.status === 'planned' || action.status === 'in_progress';
      const late = isOpen && action.dueOn < TODAY;
      expect(Number(row.overdue), row.id).toBe(late ? 1 : 0);
      expect(Number(row.stale), row.id).toBe(isOpen && action.updatedAt.toISOString() < '2026-10-03' ? 1 : 0);
      if (late) expect(row.rag).toBe('red');
      if (!isOpen) {
        expect(row.rag).toBe(action.status === 'done' ? 'green' : 'none');
        expect(row.computed_at).toBeNull();
      } else {
        expect(['green', 'amber', 'red']).toContain(row.rag);
        expect(row.computed_at).not.toBeNull();
      }
    }
    expect(rows.filter((r) => r.rag === 'amber').length).toBeGreaterThan(0);

    const progress = await new KyselyActionRepository(getDb().db).progressOfMany(obstacleIds);
    expect(progress.size).toBe(OBSTACLES);
    for (const id of obstacleIds) {
      const own = actions.filter((a) => a.obstacleId === id);
      const counted = own.filter((a) => a.status !== 'cancelled');
      const percent = Math.round(
        counted.reduce((sum, a) => sum + a.weight * a.progress, 0) / counted.reduce((sum, a) => sum + a.weight, 0),
      );
      const ownRows = rows.filter((r) => r.obstacle_id === id);
      expect(progress.get(id)).toMatchObject({
        percent,
        rag: ownRows.some((r) => r.rag === 'red') ? 'red' : ownRows.some((r) => r.rag === 'amber') ? 'amber' : 'green',
        actions: {
          total: own.length,
          cancelled: own.filter((a) => a.status === 'cancelled').length,
          overdue: ownRows.filter((r) => Number(r.overdue) === 1).length,
        },
      });
    }

    const again = await runMonitoring({ today: TODAY, batchSize: 37, uow: persistence, settings });
    expect(again).toMatchObject({ actions: open.length, changed: 0, overdue: expectedOverdue, obstaclesChanged: 0 });

    // A week later more are late: only those change.
    const later = await runMonitoring({ today: '2026-11-09', batchSize: 500, uow: persistence, settings });
    const lateLater = open.filter((a) => a.dueOn < '2026-11-09').length;
    expect(later.overdue).toBe(lateLater);
    expect(later.changed).toBeGreaterThanOrEqual(lateLater - expectedOverdue);
    expect(later.changed).toBeLessThan(open.length);
  });
});
