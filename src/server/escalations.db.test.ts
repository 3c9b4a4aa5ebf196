/**
 * The escalation ladder and the due-date reminders end to end, on both databases, with the clock
 * injected: the nightly job (app.jobs `nightly-monitoring`) on simulated days climbs an overdue
 * action official → administrative → political in the working days of its owner's government
 * (NL: Ascension and Whit Monday do not count), once per level however often it runs; each climb
 * is a row, an audit event and notifications; the political level puts the obstacle first on the
 * agenda proposal of the next meeting of the body that decided it; reminders before and after the
 * due date are sent once per occasion; the mails are read from a real SMTP server. Then the read
 * API: GET /obstacles/{id}/escalations and GET /escalations (401, 400, 403, 404, 200).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../test-support/access.js';
import { describeEachDialect } from '../../test-support/databases.js';
import { type Person, person } from '../../test-support/people.js';
import { routingRow } from '../../test-support/routings.js';
import { startSmtp, type TestSmtp } from '../../test-support/smtp.js';
import { SYSTEM_ACTOR } from '../core/access/access.js';
import { createAction } from '../core/actions/manage-actions.js';
import { planMeeting } from '../core/governance/manage-meetings.js';
import { recordDecision } from '../core/governance/record-decision.js';
import { defaultMonitoringSettings } from '../core/monitoring/settings.js';
import type { NewObstacle } from '../core/obstacles/obstacle.js';
import { registerObstacle } from '../core/obstacles/register-obstacle.js';
import { verifyAuditTrail } from '../db/audit-verify.js';
import { KyselyRoutingRepository } from '../db/repositories/routing-repository.js';
import { createPersistence, type Persistence } from '../db/unit-of-work.js';
import { buildApp } from './build-app.js';
import { NIGHTLY_MONITORING } from './monitoring-jobs.js';
import { DELIVER_NOTIFICATIONS } from './notification-jobs.js';

const PUBLIC_URL = 'https://schakel.example.eu';
/** The department that owns the action: its own organisation in these tests (nl, as nl-szw). */
const OWNER = 'nl-fin';
const BODY = 'grensoverleg-vl-nl';

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

describeEachDialect('escalation ladder and reminders', (getDb) => {
  let smtp: TestSmtp;
  let app: FastifyInstance;
  let persistence: Persistence;
  /** The simulated day (at 02:00 in Brussels: the nightly run's hour). */
  let now = new Date('2026-04-01T00:00:00Z');
  const clock = { now: () => now };
  const ids = { newId: () => randomUUID() };
  let owner: Person;
  let secretary: Person;
  let secretariat: Record<string, string>;
  let otherDepartment: Record<string, string>;
  let partner: Record<string, string>;
  let obstacle: { id: string; reference: string };
  let actionId = '';
  let meetingId = '';
  /** An action of another obstacle, only overdue a little: it never climbs here. */
  let calmId = '';

  function day(date: string): void {
    now = new Date(`${date}T00:00:00Z`);
  }

  async function night(date: string): Promise<void> {
    day(date);
    await app.jobs.runOnce(NIGHTLY_MONITORING);
  }

  async function mails(): Promise<TestSmtp['mails']> {
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    const sent = [...smtp.mails];
    smtp.mails.length = 0;
    return sent;
  }

  async function rows(table: 'escalations' | 'action_reminders' | 'notifications'): Promise<number> {
    const row = await getDb()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await buildApp({ database: getDb(), searchWorkers: 0, smtpUrl: smtp.url, publicUrl: PUBLIC_URL, clock, ids });
    persistence = createPersistence(getDb(), { searchWorkers: 0 });
    owner = await person(getDb(), { role: 'department', organisation: OWNER, language: 'fr' });
    secretary = await person(getDb(), { role: 'secretariat', language: 'de' });
    secretariat = await bearer(getDb(), 'secretariat');
    otherDepartment = await bearer(getDb(), 'department', 'nl-szw');
    partner = await bearer(getDb(), 'partner');
    const make = async () => {
      const registered = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: REPORT,
        uow: persistence,
        clock,
        ids,
        importedStatus: 'routed',
      });
      await new KyselyRoutingRepository(getDb().db).insert([
        routingRow(registered.id, OWNER, { id: ids.newId(), routedAt: now }),
      ]);
      return { id: registered.id, reference: registered.reference };
    };
    obstacle = await make();
    const decision = await recordDecision({
      actor: SYSTEM_ACTOR,
      input: {
        body: BODY,
        obstacle: obstacle.id,
        type: 'administrative_change',
        text: { nl: 'De regeling wordt aangepast.' },
        sourceLanguage: 'nl',
      },
      expectedVersion: 'any',
      uow: persistence,
      clock,
      ids,
      settings: defaultMonitoringSettings(),
    });
    const { action } = await createAction({
      actor: SYSTEM_ACTOR,
      idOrReference: obstacle.id,
      input: {
        title: { nl: 'Regeling aanpassen', fr: 'Modifier le règlement', en: 'Amend the regulation' },
        sourceLanguage: 'nl',
        owner: { organisation: OWNER },
        decisionId: decision.id,
        // The day before Ascension.
        dueOn: '2026-05-13',
      },
      uow: persistence,
      clock,
      ids,
      settings: defaultMonitoringSettings(),
    });
    actionId = action.id;
    const calmObstacle = await make();
    const calm = await createAction({
      actor: SYSTEM_ACTOR,
      idOrReference: calmObstacle.id,
      input: { title: { nl: 'Rustig aan' }, sourceLanguage: 'nl', owner: { organisation: OWNER }, dueOn: '2026-06-12' },
      uow: persistence,
      clock,
      ids,
      settings: defaultMonitoringSettings(),
    });
    calmId = calm.action.id;
    const meeting = await planMeeting({
      actor: SYSTEM_ACTOR,
      input: { body: BODY, date: '2026-07-02' },
      uow: persistence,
      clock,
      ids,
    });
    meetingId = meeting.id;
    smtp.mails.length = 0;
  });
  afterAll(async () => {
    await app.close();
    await persistence.close();
    await smtp.close();
  });

  it('reminds 5 working days before the due date and the first day after it, each once however often the night runs', async () => {
    await night('2026-05-05');
    expect(await mails()).toEqual([]);
    await night('2026-05-06');
    await night('2026-05-06');
    const before = await mails();
    expect(before.map((m) => m.to[0])).toEqual([owner.email]);
    expect(before[0]?.subject).toBe(`Schakel : rappel, ${obstacle.reference} arrive à échéance le 2026-05-13`);
    expect(before[0]?.text).toContain('(encore 5 jours). Action : « Modifier le règlement ».');
    expect(before[0]?.text).toContain(`${PUBLIC_URL}/obstacles/${obstacle.reference}`);
    await night('2026-05-07');
    expect(await mails()).toEqual([]);

    await night('2026-05-14');
    await night('2026-05-14');
    const overdue = await mails();
    expect(overdue.map((m) => [m.to[0], m.subject])).toEqual([
      [owner.email, `Schakel : ${obstacle.reference} a dépassé son échéance`],
    ]);
    // A week later (day 8 after the due date) the next one, then nothing until the week after.
    await night('2026-05-20');
    expect(await mails()).toEqual([]);
    await night('2026-05-21');
    expect((await mails()).map((m) => m.to[0])).toEqual([owner.email]);
    const reminders = await getDb()
      .db.selectFrom('action_reminders')
      .select(['occasion', 'kind', 'sent_on'])
      .where('action_id', '=', actionId)
      .orderBy('sent_on')
      .execute();
    expect(reminders).toEqual([
      { occasion: 'before:2026-05-13', kind: 'reminder_before_due', sent_on: '2026-05-06' },
      { occasion: 'overdue:2026-05-13:0', kind: 'reminder_overdue', sent_on: '2026-05-14' },
      { occasion: 'overdue:2026-05-13:1', kind: 'reminder_overdue', sent_on: '2026-05-21' },
    ]);
  });

  it('climbs official → administrative → political in Dutch working days, once per level, recorded, audited and mailed', async () => {
    // 29 May is the 10th working day overdue (14 and 25 May are holidays): no climb yet.
    await night('2026-05-29');
    expect(await rows('escalations')).toBe(0);
    await mails();

    await night('2026-06-01');
    await night('2026-06-01');
    expect(await rows('escalations')).toBe(1);
    const first = await mails();
    const escalationMails = first.filter((m) => m.subject.includes(obstacle.reference) && /escal|Eskal/.test(m.subject));
    expect(escalationMails.map((m) => m.to[0]).sort()).toEqual(expect.arrayContaining([owner.email, secretary.email].sort()));
    const fr = escalationMails.find((m) => m.to[0] === owner.email);
    expect(fr?.subject).toBe(`Schakel : escalade de ${obstacle.reference} au niveau administratif`);
    expect(fr?.text).toContain("L'action « Modifier le règlement » est maintenant au niveau administratif.");
    expect(fr?.text).toContain('11 jours ouvrables de retard');
    expect(fr?.text).not.toContain('ordre du jour');

    let action = (await app.inject({ url: `/api/v1/actions/${actionId}`, headers: secretariat })).json();
    expect(action.escalation).toEqual({ level: 'administrative', escalatedOn: '2026-06-01' });

    // Ten working days after 1 June is 15 June: no climb; 16 June is the 11th.
    await night('2026-06-15');
    expect(await rows('escalations')).toBe(1);
    await mails();
    await night('2026-06-16');
    await night('2026-06-16');
    const second = (await mails()).filter((m) => /escal|Eskal/.test(m.subject));
    await night('2026-06-17');
    expect(await rows('escalations')).toBe(2);
    expect((await mails()).filter((m) => /escal|Eskal/.test(m.subject))).toEqual([]);
    const de = second.find((m) => m.to[0] === secretary.email);
    expect(de?.subject).toBe(`Schakel: Eskalation von ${obstacle.reference} auf die politische Ebene`);
    expect(de?.text).toContain(
      'Das Hindernis wird für die Tagesordnung von Grenzkonsultation Flandern–Niederlande vorgeschlagen.',
    );
    expect(second.find((m) => m.to[0] === owner.email)?.text).toContain(
      "l'ordre du jour de Concertation frontalière Flandre–Pays-Bas",
    );

    // Never past political (the calm action, due 12 June, has climbed once by now).
    await night('2026-12-01');
    expect(await rows('escalations')).toBe(3);
    action = (await app.inject({ url: `/api/v1/actions/${actionId}`, headers: secretariat })).json();
    expect(action.escalation).toEqual({ level: 'political', escalatedOn: '2026-06-16' });

    const stored = await getDb()
      .db.selectFrom('escalations')
      .select(['from_level', 'to_level', 'escalated_on', 'since', 'working_days_overdue', 'calendar', 'body_key', 'meeting_id'])
      .where('action_id', '=', actionId)
      .orderBy('escalated_on')
      .execute();
    expect(stored).toEqual([
      {
        from_level: 'official',
        to_level: 'administrative',
        escalated_on: '2026-06-01',
        since: '2026-05-13',
        working_days_overdue: 11,
        calendar: 'nl',
        body_key: null,
        meeting_id: null,
      },
      {
        from_level: 'administrative',
        to_level: 'political',
        escalated_on: '2026-06-16',
        since: '2026-06-01',
        working_days_overdue: 22,
        calendar: 'nl',
        body_key: BODY,
        meeting_id: meetingId,
      },
    ]);
    const audit = await getDb()
      .db.selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity_id', '=', actionId)
      .where('action', '=', 'action.escalate')
      .execute();
    expect(audit).toEqual([
      { action: 'action.escalate', actor: 'system' },
      { action: 'action.escalate', actor: 'system' },
    ]);
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
    // The calm action (due 12 June) never got far enough overdue by 17 June… but by 1 December it climbed once.
    const calm = await getDb().db.selectFrom('escalations').select('to_level').where('action_id', '=', calmId).execute();
    expect(calm).toEqual([{ to_level: 'administrative' }]);
  });

  it('puts the obstacle first on the agenda proposal of the deciding body’s next meeting, with reason escalated', async () => {
    const proposal = await app.inject({ url: `/api/v1/meetings/${meetingId}/agenda-proposal`, headers: secretariat });
    expect(proposal.statusCode).toBe(200);
    const items = proposal.json().items as { obstacle: { id: string }; reason: string }[];
    expect(items[0]).toMatchObject({ obstacle: { id: obstacle.id }, reason: 'escalated' });
    expect(items.filter((i) => i.obstacle.id === obstacle.id)).toHaveLength(1);
  });

  it('GET /obstacles/{id}/escalations: 401, 403, 404, 400; the history for the secretariat and the owner, none for another department', async () => {
    const url = `/api/v1/obstacles/${obstacle.reference}/escalations`;
    expect((await app.inject({ url })).statusCode).toBe(401);
    const forbidden = await app.inject({ url, headers: partner });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ url: '/api/v1/obstacles/GB-1999-9999/escalations', headers: secretariat })).statusCode).toBe(404);
    const invalid = await app.inject({ url: `/api/v1/obstacles/${'x'.repeat(65)}/escalations`, headers: secretariat });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json())).toContain('id');

    const ok = await app.inject({ url, headers: secretariat, cookies: {} });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body.obstacle).toEqual({ id: obstacle.id, reference: obstacle.reference });
    expect(body.items.map((e: { from: string; to: string }) => [e.from, e.to])).toEqual([
      ['official', 'administrative'],
      ['administrative', 'political'],
    ]);
    expect(body.items[1]).toMatchObject({
      action: { id: actionId, level: 'political', title: { value: 'Regeling aanpassen' } },
      ownerOrganisation: OWNER,
      workingDaysOverdue: 22,
      calendar: 'nl',
      norm: { amount: 10, unit: 'working_days' },
      body: { key: BODY, name: { value: 'Grensoverleg Vlaanderen–Nederland' } },
      meetingId,
      reason: 'overdue',
    });
    expect((await app.inject({ url, headers: owner.headers })).json().items).toHaveLength(2);
    expect((await app.inject({ url, headers: otherDepartment })).json().items).toEqual([]);
  });

  it('GET /escalations: 401, 400 naming the field, 403 for other roles and other organisations, filters by level, pages', async () => {
    expect((await app.inject({ url: '/api/v1/escalations' })).statusCode).toBe(401);
    const invalid = await app.inject({ url: '/api/v1/escalations?level=official&limit=0', headers: secretariat });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(invalid.json())).toContain('level');
    expect((await app.inject({ url: '/api/v1/escalations?cursor=nonsense', headers: secretariat })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/escalations', headers: partner })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/v1/escalations?organisation=${OWNER}`, headers: otherDepartment })).statusCode).toBe(
      403,
    );

    const all = (await app.inject({ url: '/api/v1/escalations', headers: secretariat })).json();
    expect(all.items).toHaveLength(3);
    const political = (await app.inject({ url: '/api/v1/escalations?level=political', headers: secretariat })).json();
    expect(political.items.map((e: { action: { id: string } }) => e.action.id)).toEqual([actionId]);
    // Newest first, in pages.
    const first = (await app.inject({ url: '/api/v1/escalations?limit=2', headers: secretariat })).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const next = (
      await app.inject({ url: `/api/v1/escalations?limit=2&cursor=${first.nextCursor}`, headers: secretariat })
    ).json();
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
    const ids = [...first.items, ...next.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(3);
    // A department: its own only.
    expect((await app.inject({ url: '/api/v1/escalations', headers: owner.headers })).json().items).toHaveLength(3);
    expect((await app.inject({ url: '/api/v1/escalations', headers: otherDepartment })).json().items).toEqual([]);
  });

  it('writes nothing for a night with nothing to do, and the CLI-style rerun of a past day climbs nothing again', async () => {
    const before = {
      escalations: await rows('escalations'),
      reminders: await rows('action_reminders'),
      notifications: await rows('notifications'),
    };
    await night('2026-12-01');
    await night('2026-06-16');
    expect({
      escalations: await rows('escalations'),
      reminders: await rows('action_reminders'),
      notifications: await rows('notifications'),
    }).toEqual(before);
  });
});
