/**
 * The dashboard's figures on generated data, on both databases: the dialect's reader (SQLite: in
 * memory, `SqliteDashboardReader`; PostgreSQL: SQL) and the SQL reader (`KyselyDashboardReader`)
 * give the same dashboard for random callers and filters, and both agree with a plain count of
 * the rows in this file. Also after writes: the nightly job's batches (committed one by one), a
 * write outside any transaction, and (SQLite) a write by another connection.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRandom, generateObstacles, pick } from '../../../bench/generate.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import type { Actor, Role } from '../../core/access/access.js';
import { type Dashboard, type DashboardFilter, getDashboard, staleBefore } from '../../core/dashboard/dashboard.js';
import { OPEN_STATUSES } from '../../core/lifecycle/lifecycle.js';
import { runMonitoring } from '../../core/monitoring/run-monitoring.js';
import { defaultMonitoringSettings } from '../../core/monitoring/settings.js';
import { INTAKE_STATUSES } from '../../core/obstacles/obstacle.js';
import { createDatabase } from '../create-database.js';
import { type OrganisationsFile, readReferenceFile } from '../reference-data.js';
import { KyselyDashboardReader } from '../repositories/dashboard-reader.js';
import type { DB } from '../schema.js';
import { createPersistence, type Persistence } from '../unit-of-work.js';

const OBSTACLES = 600;
const TODAY = new Date().toISOString().slice(0, 10);
const user = (role: Role, organisation: string): Actor => ({ kind: 'user', userId: 'u', role, organisation });

describeEachDialect('dashboard readers', (getDb, dialect) => {
  let persistence: Persistence;
  let departments: string[];
  const random = createRandom(11);

  beforeAll(async () => {
    const database = getDb();
    persistence = createPersistence(database, { searchWorkers: 0 });
    const organisations = readReferenceFile<OrganisationsFile>('organisations.json');
    const obstacles = [...generateObstacles({ count: OBSTACLES, seed: 5, now: new Date(), organisations })];
    await persistence.transaction(async ({ obstacles: repository }) => {
      for (const obstacle of obstacles) await repository.insert(obstacle, []);
    });
    departments = (
      await database.db.selectFrom('organisations').select('key').where('kind', '=', 'department').orderBy('key').execute()
    ).map((row) => row.key);
    const routings: Insertable<DB['obstacle_routings']>[] = [];
    const actions: Insertable<DB['actions']>[] = [];
    for (const obstacle of obstacles) {
      if (random() < 0.45) {
        const count = 1 + Math.floor(random() * 3);
        for (let k = 0; k < count; k++) {
          const due = random() < 0.2 ? null : `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
          routings.push({
            id: randomUUID(),
            obstacle_id: obstacle.id,
            // A few twice to the same organisation (lead and involved), as the SQL counts them.
            organisation_key: k > 0 && random() < 0.1 ? (routings.at(-1)?.organisation_key as string) : pick(random, departments),
            role: k === 0 ? 'lead' : 'involved',
            routed_at: new Date(Date.now() - Math.floor(random() * 90) * 86_400_000).toISOString(),
            routed_by: 'test',
            ended_at: random() < 0.2 ? new Date().toISOString() : null,
            acknowledgement: pick(random, ['pending', 'pending', 'accepted', 'declined']),
            due_on: due,
            due_calendar: due === null ? null : 'nl',
          });
        }
      }
      const count = Math.floor(random() * 5);
      for (let k = 0; k < count; k++) {
        const status = pick(random, ['planned', 'in_progress', 'in_progress', 'done', 'cancelled']);
        const at = new Date(Date.now() - Math.floor(random() * 300) * 86_400_000).toISOString();
        actions.push({
          id: randomUUID(),
          obstacle_id: obstacle.id,
          kind: random() < 0.2 ? 'milestone' : 'action',
          title: JSON.stringify({ nl: `Actie ${k}` }),
          source_language: 'nl',
          decision_id: null,
          owner_organisation_key: pick(random, departments.slice(0, 6)),
          owner_user_id: null,
          due_on: new Date(Date.now() + Math.floor((random() - 0.6) * 400) * 86_400_000).toISOString().slice(0, 10),
          status,
          progress: status === 'done' ? 100 : Math.floor(random() * 90),
          notes: null,
          version: 1,
          created_at: at,
          created_by: 'test',
          updated_at: at,
          updated_by: 'test',
          completed_on: status === 'done' ? at.slice(0, 10) : null,
          rag: pick(random, ['none', 'green', 'amber', 'red']),
          overdue: random() < 0.4 ? 1 : 0,
        });
      }
    }
    // Written outside the persistence's transactions: the readers must see them all the same.
    for (let i = 0; i < routings.length; i += 100) {
      await database.db
        .insertInto('obstacle_routings')
        .values(routings.slice(i, i + 100))
        .execute();
    }
    for (let i = 0; i < actions.length; i += 100) {
      await database.db
        .insertInto('actions')
        .values(actions.slice(i, i + 100))
        .execute();
    }
  });

  afterAll(async () => {
    await persistence?.close();
  });

  /** The dashboard counted the plain way: every row read, scoped and counted here. */
  async function expected(actor: Actor & { kind: 'user' }, filter: DashboardFilter) {
    const { db } = getDb();
    const [obstacles, themes, governments, routings, actions] = await Promise.all([
      db
        .selectFrom('obstacles')
        .select(['id', 'seq', 'status', 'segment_key', 'visibility', 'updated_at', 'clarification_due'])
        .execute(),
      db.selectFrom('obstacle_themes').selectAll().execute(),
      db.selectFrom('obstacle_governments').selectAll().execute(),
      db.selectFrom('obstacle_routings').selectAll().execute(),
      db
        .selectFrom('actions')
        .select(['id', 'obstacle_id', 'status', 'rag', 'owner_organisation_key', 'overdue', 'due_on'])
        .execute(),
    ]);
    const themesOf = new Map<number, string[]>();
    for (const row of themes)
      themesOf.set(Number(row.obstacle_seq), [...(themesOf.get(Number(row.obstacle_seq)) ?? []), row.theme_key]);
    const governmentsOf = new Map<number, string[]>();
    for (const row of governments) {
      governmentsOf.set(Number(row.obstacle_seq), [...(governmentsOf.get(Number(row.obstacle_seq)) ?? []), row.government_key]);
    }
    const held = routings.filter((r) => r.ended_at === null);
    const visibility = actor.role === 'secretariat' ? ['public', 'partners', 'internal'] : ['public', 'partners'];
    const department = actor.role === 'department' ? actor.organisation : undefined;
    const inScope = (o: (typeof obstacles)[number]) =>
      (visibility.includes(o.visibility) || held.some((r) => r.obstacle_id === o.id && r.organisation_key === department)) &&
      (!filter.segment?.length || filter.segment.includes(o.segment_key)) &&
      (!filter.theme?.length || (themesOf.get(Number(o.seq)) ?? []).some((t) => filter.theme?.includes(t))) &&
      (!filter.government?.length || (governmentsOf.get(Number(o.seq)) ?? []).some((g) => filter.government?.includes(g)));
    const scope = obstacles.filter(inScope);
    const byId = new Map(scope.map((o) => [o.id, o]));
    const tally = (keys: string[]) => {
      const counts: Record<string, number> = {};
      for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    };
    const departmentCounts = tally(
      [...new Set(held.filter((r) => byId.has(r.obstacle_id)).map((r) => `${r.organisation_key}\n${r.obstacle_id}`))].map(
        (key) => key.split('\n')[0] as string,
      ),
    );
    const open = actions.filter((a) => (a.status === 'planned' || a.status === 'in_progress') && byId.has(a.obstacle_id));
    const oldest = (a: (typeof obstacles)[number], b: (typeof obstacles)[number]) =>
      a.updated_at.localeCompare(b.updated_at) || Number(a.seq) - Number(b.seq);
    const before = staleBefore(await persistence.norms.get('stale_after'), TODAY);
    const lists = {
      overdue: scope
        .filter((o) => (INTAKE_STATUSES as readonly string[]).includes(o.status) && o.clarification_due < TODAY)
        .sort((a, b) => a.clarification_due.localeCompare(b.clarification_due) || Number(a.seq) - Number(b.seq)),
      stale: scope.filter((o) => (OPEN_STATUSES as readonly string[]).includes(o.status) && o.updated_at < before).sort(oldest),
    };
    return {
      total: scope.length,
      counts: {
        status: tally(scope.map((o) => o.status)),
        segment: tally(scope.map((o) => o.segment_key)),
        theme: tally(scope.flatMap((o) => themesOf.get(Number(o.seq)) ?? [])),
        government: tally(scope.flatMap((o) => governmentsOf.get(Number(o.seq)) ?? [])),
        department: departmentCounts,
      },
      rag: tally(open.map((a) => a.rag)),
      overdue: { total: lists.overdue.length, ids: lists.overdue.slice(0, 10).map((o) => o.id) },
      stale: { total: lists.stale.length, ids: lists.stale.slice(0, 10).map((o) => o.id) },
      owned:
        department === undefined
          ? null
          : open
              .filter((a) => a.owner_organisation_key === department)
              .sort(
                (a, b) => Number(b.overdue) - Number(a.overdue) || a.due_on.localeCompare(b.due_on) || a.id.localeCompare(b.id),
              )
              .map((a) => a.id),
      routed:
        department === undefined
          ? null
          : held.filter(
              (r) =>
                r.organisation_key === department &&
                (OPEN_STATUSES as readonly string[]).includes(byId.get(r.obstacle_id)?.status ?? 'none'),
            ).length,
      awaiting:
        department === undefined
          ? null
          : held.filter((r) => r.organisation_key === department && r.acknowledgement === 'pending' && byId.has(r.obstacle_id))
              .length,
    };
  }

  async function compute(reader: Persistence['dashboard'], actor: Actor, filter: DashboardFilter): Promise<Dashboard> {
    return getDashboard({
      actor,
      filter,
      catalogue: await persistence.catalogue.get(),
      reader,
      norms: persistence.norms,
      alertSources: persistence,
      today: TODAY,
    });
  }

  /** Random callers and filters: the two readers agree, and with the plain count. */
  async function checkAgreement(rounds: number) {
    const catalogue = await persistence.catalogue.get();
    const sql = new KyselyDashboardReader(getDb().db);
    let nonEmpty = 0;
    for (let round = 0; round < rounds; round++) {
      const role = pick(random, ['secretariat', 'partner', 'department'] as const);
      const actor = user(
        role,
        role === 'department' ? pick(random, departments.slice(0, 6)) : role === 'partner' ? 'nl-li' : 'secretariat',
      );
      const filter: DashboardFilter = {};
      if (random() < 0.6) filter.segment = [pick(random, catalogue.segments).key];
      if (random() < 0.6) filter.theme = [pick(random, catalogue.themes).key, pick(random, catalogue.themes).key];
      if (random() < 0.3) filter.government = [pick(random, catalogue.governments).key];
      const mine = await compute(persistence.dashboard, actor, filter);
      const theirs = await compute(sql, actor, filter);
      expect(mine, JSON.stringify({ role, filter })).toEqual(theirs);
      const plain = await expected(actor as Actor & { kind: 'user' }, filter);
      expect({ total: mine.total, counts: mine.counts, rag: mine.rag }).toEqual({
        total: plain.total,
        counts: plain.counts,
        rag: plain.rag,
      });
      expect({ total: mine.overdue.total, ids: mine.overdue.items.map((i) => i.id) }).toEqual(plain.overdue);
      expect({ total: mine.stale.total, ids: mine.stale.items.map((i) => i.id) }).toEqual(plain.stale);
      if (plain.owned !== null) {
        expect(mine.myWork.actions?.total).toBe(plain.owned.length);
        expect(mine.myWork.actions?.items.map((a) => a.id)).toEqual(plain.owned.slice(0, 10));
        expect(mine.myWork.total).toBe(plain.routed);
        expect(mine.myWork.acknowledgements?.total).toBe(plain.awaiting);
      }
      if (plain.total > 0 && Object.keys(plain.rag).length > 0) nonEmpty += 1;
    }
    // The generated data must make the comparison worth something.
    expect(nonEmpty).toBeGreaterThan(rounds / 3);
  }

  it('gives the same dashboard as the SQL and as a plain count, for random callers and filters', async () => {
    await checkAgreement(40);
  });

  it('still does after the nightly job’s batches, writes outside a transaction and from another connection', async () => {
    const database = getDb();
    // The nightly job: every open action judged, written in many small committed batches.
    const report = await runMonitoring({ today: TODAY, batchSize: 23, uow: persistence, settings: defaultMonitoringSettings() });
    expect(report.changed).toBeGreaterThan(0);
    await checkAgreement(10);

    // Outside any transaction: routings end and change hands, actions close and move.
    const someRoutings = await database.db
      .selectFrom('obstacle_routings')
      .select('id')
      .where('ended_at', 'is', null)
      .limit(30)
      .execute();
    await database.db
      .updateTable('obstacle_routings')
      .set({ ended_at: new Date().toISOString() })
      .where(
        'id',
        'in',
        someRoutings.slice(0, 15).map((r) => r.id),
      )
      .execute();
    await database.db
      .updateTable('obstacle_routings')
      .set({ organisation_key: departments[0] as string, acknowledgement: 'pending' })
      .where(
        'id',
        'in',
        someRoutings.slice(15).map((r) => r.id),
      )
      .execute();
    const someActions = await database.db.selectFrom('actions').select('id').where('status', '=', 'planned').limit(40).execute();
    await database.db
      .updateTable('actions')
      .set({ status: 'done' })
      .where(
        'id',
        'in',
        someActions.slice(0, 20).map((a) => a.id),
      )
      .execute();
    await database.db
      .updateTable('actions')
      .set({ owner_organisation_key: departments[1] as string, rag: 'red', overdue: 1 })
      .where(
        'id',
        'in',
        someActions.slice(20).map((a) => a.id),
      )
      .execute();
    await database.db.deleteFrom('actions').where('status', '=', 'cancelled').execute();
    await checkAgreement(10);

    if (dialect === 'sqlite' && database.location.dialect === 'sqlite') {
      // Another connection: this one's triggers do not see it, `data_version` does.
      const other = createDatabase(database.location);
      try {
        await other.db.updateTable('actions').set({ rag: 'amber' }).where('status', '=', 'in_progress').execute();
        await other.db.updateTable('obstacles').set({ visibility: 'internal' }).where('segment_key', '=', 'nl-vl').execute();
      } finally {
        await other.close();
      }
      await checkAgreement(10);
    }
  });
});
