/**
 * The escalation run's batches change nothing in what it writes, on both databases: the same
 * small register (built the same way, with the same ids and clock, in three databases) goes
 * through the same three nights — the monitoring run, then the escalation ladder and the
 * reminders — once in batches of 200 (the run's fixed batches before they were fitted), once one
 * candidate per transaction, and once in batches fitted to a slice by a clock that makes them
 * grow and shrink. The escalations, reminders, notifications, audit trail and actions they leave
 * are equal row for row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISATION_OF } from '../../test-support/access.js';
import { createTestDatabase, DIALECTS } from '../../test-support/databases.js';
import { routingRow } from '../../test-support/routings.js';
import { SYSTEM_ACTOR } from '../core/access/access.js';
import type { Role } from '../core/access/actor.js';
import { createAction } from '../core/actions/manage-actions.js';
import { planMeeting } from '../core/governance/manage-meetings.js';
import { recordDecision } from '../core/governance/record-decision.js';
import { addUser } from '../core/identity/add-user.js';
import { runEscalations } from '../core/monitoring/run-escalations.js';
import { runMonitoring } from '../core/monitoring/run-monitoring.js';
import { defaultMonitoringSettings } from '../core/monitoring/settings.js';
import type { NewObstacle } from '../core/obstacles/obstacle.js';
import { registerObstacle } from '../core/obstacles/register-obstacle.js';
import type { Database } from '../db/create-database.js';
import { loadEscalationSettings, loadMonitoringSettings } from '../db/monitoring-settings.js';
import { KyselyIdentityStore } from '../db/repositories/identity-store.js';
import { createPersistence } from '../db/unit-of-work.js';
import { argon2idHasher } from './password-hasher.js';

const OWNERS = ['nl-fin', 'nl-szw', 'nl-bzk'];
const BODY = 'grensoverleg-vl-nl';
const NIGHTS = ['2026-05-04', '2026-06-15', '2026-08-03'];

const REPORT: NewObstacle = {
  title: { nl: 'Grensarbeiders en pensioen', en: 'Cross-border workers and pensions' },
  summary: { nl: 'Samenvatting' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  governments: ['nl', 'vl'],
  type: 'legal',
  visibility: 'partners',
  reportedOn: '2026-01-05',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
};

type Variant = 'fixed 200' | 'one per transaction' | 'fitted to a slice';

/** Ids that are the same in every database: the n-th id asked for. */
function counterIds() {
  let n = 0;
  return { newId: () => `00000000-0000-4000-8000-${(++n).toString().padStart(12, '0')}` };
}

/** The same register in `database`: users, obstacles routed to a lead, decisions, a meeting, actions. */
async function build(database: Database, ids: { newId: () => string }, clock: { now: () => Date }): Promise<void> {
  const persistence = createPersistence(database, { searchWorkers: 0 });
  try {
    const store = new KyselyIdentityStore(database.db);
    const users: [Role, string][] = [
      ['secretariat', ORGANISATION_OF.secretariat],
      ['secretariat', ORGANISATION_OF.secretariat],
      ...OWNERS.flatMap((o): [Role, string][] => [
        ['department', o],
        ['department', o],
      ]),
    ];
    for (const [index, [role, organisation]] of users.entries()) {
      await addUser({
        actor: 'system',
        input: { email: `user-${index}@example.test`, name: `User ${index}`, role, organisation },
        store,
        hasher: argon2idHasher,
        commonPasswords: new Set(),
        clock,
        ids,
      });
    }
    const settings = defaultMonitoringSettings();
    for (let o = 0; o < 6; o++) {
      const obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: { ...REPORT, title: { nl: `Grensarbeiders ${o}` } },
        uow: persistence,
        clock,
        ids,
        importedStatus: 'routed',
      });
      const lead = OWNERS[o % OWNERS.length] as string;
      await persistence.transaction((r) =>
        r.routings.insert([routingRow(obstacle.id, lead, { id: ids.newId(), routedAt: clock.now() })]),
      );
      const decision =
        o % 2 === 0
          ? await recordDecision({
              actor: SYSTEM_ACTOR,
              input: {
                body: BODY,
                obstacle: obstacle.id,
                type: 'administrative_change',
                text: { nl: `Besluit ${o}` },
                sourceLanguage: 'nl',
              },
              expectedVersion: 'any',
              uow: persistence,
              clock,
              ids,
              settings,
            })
          : undefined;
      for (let a = 0; a < 4; a++) {
        // Due dates from mid-March to the end of June: some climb on the first night, some later,
        // some get a reminder first.
        const due = new Date(Date.UTC(2026, 2, 16 + o * 3 + a * 29)).toISOString().slice(0, 10);
        await createAction({
          actor: SYSTEM_ACTOR,
          idOrReference: obstacle.id,
          input: {
            title: { nl: `Actie ${o}.${a}`, en: `Action ${o}.${a}` },
            sourceLanguage: 'nl',
            owner: { organisation: OWNERS[(o + a) % OWNERS.length] as string },
            ...(decision && a % 2 === 0 ? { decisionId: decision.id } : {}),
            dueOn: due,
          },
          uow: persistence,
          clock,
          ids,
          settings,
        });
      }
    }
    await planMeeting({ actor: SYSTEM_ACTOR, input: { body: BODY, date: '2026-09-10' }, uow: persistence, clock, ids });
  } finally {
    await persistence.close();
  }
}

/** The nights, as the server's job runs them, in batches of the variant. */
async function nights(database: Database, variant: Variant, ids: { newId: () => string }): Promise<number> {
  const persistence = createPersistence(database, { searchWorkers: 0 });
  let batches = 0;
  try {
    for (const today of NIGHTS) {
      const at = new Date(`${today}T00:00:00Z`);
      await runMonitoring({ today, batchSize: 1000, uow: persistence, settings: await loadMonitoringSettings(persistence), at });
      // A clock that says each batch took 1, 2, … 9 ms in turn: fitted to 4 ms they grow and shrink.
      let tick = 0;
      let ms = 0;
      const report = await runEscalations({
        today,
        uow: persistence,
        ids,
        settings: await loadEscalationSettings(persistence),
        at,
        ...(variant === 'fixed 200' ? { batchSize: 200 } : {}),
        ...(variant === 'one per transaction' ? { batchSize: 1 } : {}),
        ...(variant === 'fitted to a slice'
          ? {
              batchSize: 200,
              sliceMs: 4,
              now: () => {
                ms += (tick++ % 9) + 1;
                return ms;
              },
              pause: async () => {},
            }
          : {}),
      } as Parameters<typeof runEscalations>[0]);
      batches += report.batches;
    }
  } finally {
    await persistence.close();
  }
  return batches;
}

/** Every row the runs write, in a stable order and comparable across databases. */
async function left(database: Database) {
  const { db } = database;
  return {
    escalations: await db.selectFrom('escalations').selectAll().orderBy('id').execute(),
    reminders: await db.selectFrom('action_reminders').selectAll().orderBy('action_id').orderBy('occasion').execute(),
    notifications: await db
      .selectFrom('notifications')
      .select(['id', 'user_id', 'kind', 'params', 'link', 'created_at', 'read_at'])
      .orderBy('id')
      .execute(),
    audit: await db.selectFrom('audit_events').selectAll().orderBy('seq').execute(),
    actions: await db.selectFrom('actions').selectAll().orderBy('id').execute(),
    progress: await db.selectFrom('obstacle_progress').selectAll().orderBy('obstacle_id').execute(),
  };
}

describe.each(DIALECTS)('escalation run in batches [%s]', (dialect) => {
  const variants: Variant[] = ['fixed 200', 'one per transaction', 'fitted to a slice'];
  const databases = new Map<Variant, Database>();
  const batches = new Map<Variant, number>();
  beforeAll(async () => {
    for (const variant of variants) {
      const database = await createTestDatabase(dialect);
      databases.set(variant, database);
      const ids = counterIds();
      await build(database, ids, { now: () => new Date('2026-03-02T09:00:00Z') });
      batches.set(variant, await nights(database, variant, ids));
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...databases.values()].map((d) => d.close()));
  });

  it('leaves the same escalations, reminders, notifications, audit trail and actions, whatever the batches', async () => {
    const fixed = await left(databases.get('fixed 200') as Database);
    // The register did climb: administrative and political, with reminders and notifications.
    expect(new Set(fixed.escalations.map((e) => e.to_level))).toEqual(new Set(['administrative', 'political']));
    expect(fixed.reminders.length).toBeGreaterThan(0);
    expect(fixed.notifications.length).toBeGreaterThan(fixed.escalations.length);
    for (const variant of ['one per transaction', 'fitted to a slice'] as const) {
      expect(await left(databases.get(variant) as Database)).toEqual(fixed);
    }
    // And the batches did differ.
    expect(batches.get('fixed 200')).toBe(NIGHTS.length);
    expect(batches.get('one per transaction')).toBeGreaterThan(fixed.escalations.length);
    const fitted = batches.get('fitted to a slice') as number;
    expect(fitted).toBeGreaterThan(NIGHTS.length);
    expect(fitted).toBeLessThan(batches.get('one per transaction') as number);
  });
});
