/**
 * Change tokens per kind of data (decision 0020), on both databases: a kept answer survives the
 * commits that cannot change it — the nightly job's flags, roll-ups, escalations, reminders, audit
 * events and notifications, for the list — and is dropped by every commit that can: the job's
 * roll-ups for the answer of one obstacle (its `progress`), a routing, an obstacle's change, for
 * both. And the persistence's tokens move for exactly the kinds a transaction wrote.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../test-support/access.js';
import { describeEachDialect } from '../../test-support/databases.js';
import { routingRow } from '../../test-support/routings.js';
import type { ObstacleListResponse, ObstacleResponse } from '../contracts/obstacles.contract.js';
import { SYSTEM_ACTOR } from '../core/access/access.js';
import { createAction } from '../core/actions/manage-actions.js';
import { runEscalations } from '../core/monitoring/run-escalations.js';
import { runMonitoring } from '../core/monitoring/run-monitoring.js';
import { defaultMonitoringSettings } from '../core/monitoring/settings.js';
import type { NewObstacle } from '../core/obstacles/obstacle.js';
import { registerObstacle } from '../core/obstacles/register-obstacle.js';
import type { DataKind } from '../db/change-tokens.js';
import { createDatabase } from '../db/create-database.js';
import { loadEscalationSettings } from '../db/monitoring-settings.js';
import { KyselyRoutingRepository } from '../db/repositories/routing-repository.js';
import { createPersistence, type Persistence } from '../db/unit-of-work.js';
import { buildApp } from './build-app.js';
import { NIGHTLY_MONITORING } from './monitoring-jobs.js';

const OWNER = 'nl-fin';
const REPORT: NewObstacle = {
  title: { nl: 'Bruggenbouwers en de grensgemeente' },
  summary: { nl: 'Samenvatting' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  governments: ['nl', 'vl'],
  type: 'legal',
  visibility: 'public',
  reportedOn: '2026-01-05',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
};
const LIST: DataKind[] = ['obstacles', 'routings', 'reference'];
const GET: DataKind[] = ['obstacles', 'routings', 'progress', 'reference'];

async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  const until = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('not within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeEachDialect('change tokens per kind of data', (getDb, dialect) => {
  let app: FastifyInstance;
  let persistence: Persistence;
  let now = new Date('2026-04-01T00:00:00Z');
  const clock = { now: () => now };
  const ids = { newId: () => randomUUID() };
  let secretariat: Record<string, string>;
  let obstacle: { id: string; reference: string };

  async function make(): Promise<{ id: string; reference: string }> {
    const registered = await registerObstacle({
      actor: SYSTEM_ACTOR,
      input: REPORT,
      uow: persistence,
      clock,
      ids,
      importedStatus: 'routed',
    });
    await persistence.transaction((r) => r.routings.insert([routingRow(registered.id, OWNER, { routedAt: now })]));
    return { id: registered.id, reference: registered.reference };
  }

  beforeAll(async () => {
    // Another persistence on the same database (as the CLI would be): its writes happen before the
    // app answers anything, so they cannot leave an answer stale.
    persistence = createPersistence(getDb(), { searchWorkers: 0, watchChanges: true });
    await persistence.ready();
    secretariat = await bearer(getDb(), 'secretariat');
    obstacle = await make();
    await createAction({
      actor: SYSTEM_ACTOR,
      idOrReference: obstacle.id,
      input: { title: { nl: 'Regeling aanpassen' }, sourceLanguage: 'nl', owner: { organisation: OWNER }, dueOn: '2026-04-20' },
      uow: persistence,
      clock,
      ids,
      settings: defaultMonitoringSettings(),
    });
    app = await buildApp({ database: getDb(), searchWorkers: 0, clock, ids });
  });
  afterAll(async () => {
    await app.close();
    await persistence.close();
  });

  async function read(url: string): Promise<{ body: string; hit: boolean }> {
    const before = app.responseCache.hits;
    const response = await app.inject({ method: 'GET', url, headers: secretariat });
    expect(response.statusCode).toBe(200);
    return { body: response.body, hit: app.responseCache.hits === before + 1 };
  }

  it('keeps the list across the nightly job and drops the answer of the obstacle whose roll-up it changed', async () => {
    const listUrl = '/api/v1/obstacles?q=bruggenbouwers';
    const getUrl = `/api/v1/obstacles/${obstacle.reference}`;
    const list = await read(listUrl);
    expect((JSON.parse(list.body) as ObstacleListResponse).total).toBe(1);
    const one = await read(getUrl);
    const before = JSON.parse(one.body) as ObstacleResponse;
    expect(before.progress?.actions.overdue).toBe(0);
    // Both kept (on PostgreSQL once the notifications of the set-up's writes are in).
    await eventually(async () => (await read(listUrl)).hit);
    await eventually(async () => (await read(getUrl)).hit);

    // Two months after the due date: the job flags the action overdue, rolls it up, climbs it a
    // level (an escalation row, the action's level, an audit event, notifications) and reminds.
    now = new Date('2026-06-30T00:00:00Z');
    await app.jobs.runOnce(NIGHTLY_MONITORING);
    const escalations = await getDb().db.selectFrom('escalations').select('id').execute();
    expect(escalations).toHaveLength(1);

    const listAfter = await read(listUrl);
    expect(listAfter.hit).toBe(true);
    expect(listAfter.body).toBe(list.body);
    const oneAfter = await read(getUrl);
    expect(oneAfter.hit).toBe(false);
    const after = JSON.parse(oneAfter.body) as ObstacleResponse;
    expect(after.progress?.actions.overdue).toBe(1);
    expect(after.progress?.rag).not.toBe(before.progress?.rag);
    expect((await read(getUrl)).hit).toBe(true);
  });

  it('drops the list and the obstacle when the app routes or changes it', async () => {
    const listUrl = '/api/v1/obstacles?q=bruggenbouwers&sort=-updatedAt';
    const getUrl = `/api/v1/obstacles/${obstacle.reference}`;
    await read(listUrl);
    await read(getUrl);
    await eventually(async () => (await read(listUrl)).hit && (await read(getUrl)).hit);

    const current = JSON.parse((await read(getUrl)).body) as ObstacleResponse;
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/obstacles/${obstacle.id}`,
      headers: { 'if-match': `"${current.version}"`, ...secretariat },
      payload: { summary: { nl: 'Een nieuwe samenvatting' } },
    });
    expect(changed.statusCode).toBe(200);
    const list = await read(listUrl);
    expect(list.hit).toBe(false);
    expect((JSON.parse(list.body) as ObstacleListResponse).items[0]?.version).toBe(current.version + 1);
    const one = await read(getUrl);
    expect(one.hit).toBe(false);
    expect((JSON.parse(one.body) as ObstacleResponse).summary).toEqual({ nl: 'Een nieuwe samenvatting' });
  });

  it('sees another connection’s writes: every one on SQLite, by the table it names on PostgreSQL', async () => {
    const listUrl = '/api/v1/obstacles?q=bruggenbouwers&limit=5';
    const getUrl = `/api/v1/obstacles/${obstacle.reference}`;
    const warm = async () => {
      await read(listUrl);
      await read(getUrl);
      await eventually(async () => (await read(listUrl)).hit && (await read(getUrl)).hit);
    };
    await warm();
    const other = createDatabase(getDb().location);
    try {
      // An action's flag written by another process (a second server, the CLI's `monitor run`).
      await other.db.updateTable('actions').set({ stale: 1 }).where('obstacle_id', '=', obstacle.id).execute();
      if (dialect === 'postgres') {
        // Its notification names `actions`: the list and the obstacle are kept. A roll-up written
        // after it drops the obstacle (once its notification is in, after the first's), not the list.
        await other.db.updateTable('obstacle_progress').set({ percent: 42 }).where('obstacle_id', '=', obstacle.id).execute();
        await eventually(async () => !(await read(getUrl)).hit);
        expect((JSON.parse((await read(getUrl)).body) as ObstacleResponse).progress?.percent).toBe(42);
        expect((await read(listUrl)).hit).toBe(true);
        // A routing drops both.
        await new KyselyRoutingRepository(other.db).insert([
          routingRow(obstacle.id, 'nl-bzk', { role: 'involved', routedAt: now }),
        ]);
        await eventually(async () => !(await read(listUrl)).hit);
      } else {
        // SQLite cannot tell what another connection wrote: everything is dropped.
        expect((await read(listUrl)).hit).toBe(false);
        expect((await read(getUrl)).hit).toBe(false);
      }
    } finally {
      await other.close();
    }
  });

  it('moves the tokens of exactly the kinds a transaction wrote', async () => {
    const settle = async () => {
      // PostgreSQL: the notifications of earlier writes come after their commit; wait until the
      // token has not moved for 150 ms.
      if (dialect === 'postgres') {
        let last = persistence.changeToken();
        let quiet = 0;
        await eventually(async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const token = persistence.changeToken();
          quiet = token === last ? quiet + 1 : 0;
          last = token;
          return quiet >= 3;
        });
      }
    };
    const tokens = () => ({
      list: persistence.changeToken(LIST),
      get: persistence.changeToken(GET),
      any: persistence.changeToken(),
    });
    // An action of its own, due after the nights of the other tests.
    now = new Date('2026-07-01T00:00:00Z');
    const own = await make();
    await createAction({
      actor: SYSTEM_ACTOR,
      idOrReference: own.id,
      input: { title: { nl: 'Nog een actie' }, sourceLanguage: 'nl', owner: { organisation: OWNER }, dueOn: '2026-08-03' },
      uow: persistence,
      clock,
      ids,
      settings: defaultMonitoringSettings(),
    });
    await settle();

    // The nightly job's writes on a new day: flags and roll-ups, then escalations and reminders.
    let before = tokens();
    now = new Date('2026-09-30T00:00:00Z');
    const monitoring = await runMonitoring({
      today: '2026-09-30',
      batchSize: 100,
      uow: persistence,
      settings: defaultMonitoringSettings(),
      at: now,
    });
    expect(monitoring.changed + monitoring.obstaclesChanged).toBeGreaterThan(0);
    let after = tokens();
    expect(after.list).toBe(before.list);
    expect(after.any).not.toBe(before.any);

    await settle();
    before = tokens();
    const climbed = await runEscalations({
      today: '2026-09-30',
      batchSize: 100,
      uow: persistence,
      ids,
      settings: await loadEscalationSettings(persistence),
      at: now,
    });
    expect(climbed.escalated.administrative + climbed.escalated.political).toBeGreaterThan(0);
    after = tokens();
    expect(after.any).not.toBe(before.any);
    expect(after.list).toBe(before.list);
    expect(after.get).toBe(before.get);

    // A routing: the list (what a department reads) and the obstacle (its abilities).
    before = tokens();
    await persistence.transaction((r) =>
      r.routings.insert([routingRow(obstacle.id, 'nl-szw', { role: 'involved', routedAt: now })]),
    );
    after = tokens();
    expect(after.list).not.toBe(before.list);
    expect(after.get).not.toBe(before.get);

    // A read-only transaction moves nothing.
    await settle();
    before = tokens();
    await persistence.transaction(async (r) => {
      await r.obstacles.findById(obstacle.id);
      await r.routings.ofObstacle(obstacle.id);
      await r.actions.ofObstacle(obstacle.id);
      await r.reference.catalogue();
    });
    expect(tokens()).toEqual(before);

    // A new obstacle.
    await settle();
    before = tokens();
    await make();
    after = tokens();
    expect(after.list).not.toBe(before.list);
    expect(after.get).not.toBe(before.get);
  });
});
