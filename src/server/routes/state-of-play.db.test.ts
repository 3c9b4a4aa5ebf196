/**
 * The half-yearly state of play through the HTTP API on both databases, with a real SMTP server:
 * every endpoint refuses the public (401), invalid input (400 naming the field, nothing written),
 * other roles and other departments (403), unknown ids (404), a second open round and writes on a
 * closed round (409), missing and stale versions (428, 412). The scenario of the issue: three
 * departments with items, two answer, the third does not; reminders reach only the third (read
 * from the SMTP server); closing names it as missed, on the page and in the .docx.
 */
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { type Person, person } from '../../../test-support/people.js';
import { startSmtp, type TestSmtp } from '../../../test-support/smtp.js';
import { SYSTEM_ACTOR } from '../../core/access/access.js';
import type { ActionStatus } from '../../core/actions/action.js';
import { createAction } from '../../core/actions/manage-actions.js';
import { addCalendarDays, addCalendarMonths } from '../../core/calendar/working-days.js';
import { defaultMonitoringSettings } from '../../core/monitoring/settings.js';
import type { NewObstacle } from '../../core/obstacles/obstacle.js';
import { calendarDate, registerObstacle } from '../../core/obstacles/register-obstacle.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';
import { STATE_OF_PLAY_REMINDERS } from '../monitoring-jobs.js';
import { DELIVER_NOTIFICATIONS } from '../notification-jobs.js';

const PUBLIC_URL = 'https://schakel.example.eu';
const today = calendarDate(new Date());
const DATES = {
  reported: addCalendarMonths(today, -12),
  overdue: addCalendarDays(today, -30),
  soon: addCalendarMonths(today, 2),
  beyond: addCalendarMonths(today, 7),
  forecast: addCalendarMonths(today, 3),
};

const REPORT: NewObstacle = {
  title: { nl: 'Pensioen van grensarbeiders', fr: 'Pension des travailleurs frontaliers' },
  summary: { nl: 'Wie doet wat, wanneer?' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  governments: ['nl', 'vl'],
  type: 'legal',
  visibility: 'partners',
  reportedOn: DATES.reported,
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
};

describeEachDialect('state of play API', (getDb) => {
  let smtp: TestSmtp;
  let app: FastifyInstance;
  let secretariat: Person;
  /** Three departments with items, in three languages; nl-ez has none. */
  let szw: Person;
  let bzk: Person;
  let fin: Person;
  let ez: Person;
  let partner: Person;
  let observer: Person;
  const actions = { szwOverdue: '', szwSoon: '', szwBeyond: '', szwDone: '', bzkSoon: '', finOverdue: '' };
  let roundId = '';

  async function addAction(obstacleId: string, organisation: string, dueOn: string, status: ActionStatus = 'planned') {
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    try {
      const { action } = await createAction({
        actor: SYSTEM_ACTOR,
        idOrReference: obstacleId,
        input: {
          title: { nl: `Actie ${organisation} ${dueOn}`, en: `Action ${organisation} ${dueOn}` },
          sourceLanguage: 'nl',
          owner: { organisation },
          dueOn,
          status,
        },
        uow: persistence,
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
        settings: defaultMonitoringSettings(),
      });
      return action.id;
    } finally {
      await persistence.close();
    }
  }

  async function count(table: 'state_of_play_rounds' | 'state_of_play_items'): Promise<number> {
    const row = await getDb()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function mailsTo(who: Person) {
    return smtp.mails.filter((m) => m.to.includes(who.email));
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await buildApp({ database: getDb(), searchWorkers: 0, smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
    secretariat = await person(getDb(), { role: 'secretariat' });
    szw = await person(getDb(), { organisation: 'nl-szw', language: 'fr' });
    bzk = await person(getDb(), { organisation: 'nl-bzk', language: 'de' });
    fin = await person(getDb(), { organisation: 'nl-fin', language: 'en' });
    ez = await person(getDb(), { organisation: 'nl-ez' });
    partner = await person(getDb(), { role: 'partner' });
    observer = await person(getDb(), { role: 'observer' });
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    let obstacle: { id: string; reference: string };
    try {
      obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: REPORT,
        uow: persistence,
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
        importedStatus: 'in_progress',
      });
    } finally {
      await persistence.close();
    }
    actions.szwOverdue = await addAction(obstacle.id, 'nl-szw', DATES.overdue, 'in_progress');
    actions.szwSoon = await addAction(obstacle.id, 'nl-szw', DATES.soon);
    actions.szwBeyond = await addAction(obstacle.id, 'nl-szw', DATES.beyond);
    actions.szwDone = await addAction(obstacle.id, 'nl-szw', DATES.overdue, 'done');
    actions.bzkSoon = await addAction(obstacle.id, 'nl-bzk', DATES.soon);
    actions.finOverdue = await addAction(obstacle.id, 'nl-fin', DATES.overdue);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });
  beforeEach(() => {
    smtp.mails.length = 0;
  });

  it('lists rounds for the secretariat and departments only', async () => {
    expect((await app.inject({ url: '/api/v1/state-of-play' })).statusCode).toBe(401);
    for (const who of [partner, observer]) {
      const refused = await app.inject({ url: '/api/v1/state-of-play', headers: who.headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const empty = await app.inject({ url: '/api/v1/state-of-play', headers: secretariat.headers });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ items: [], canOpen: true });
    const department = await app.inject({ url: '/api/v1/state-of-play', headers: szw.headers });
    expect(department.json()).toEqual({ items: [], canOpen: false });
  });

  it('refuses to open a round to the public, invalid input and other roles, writing nothing', async () => {
    const valid = { title: 'Stand van zaken 2026-II' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/state-of-play', payload: valid })).statusCode).toBe(401);
    for (const who of [szw, partner, observer]) {
      const refused = await app.inject({ method: 'POST', url: '/api/v1/state-of-play', payload: valid, headers: who.headers });
      expect(refused.statusCode).toBe(403);
    }
    const noTitle = await app.inject({
      method: 'POST',
      url: '/api/v1/state-of-play',
      payload: { title: '   ', answerDueOn: 'morgen' },
      headers: secretariat.headers,
    });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.headers['content-type']).toContain('application/problem+json');
    const names = noTitle.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['title', 'answerDueOn']));
    const badDates = await app.inject({
      method: 'POST',
      url: '/api/v1/state-of-play',
      payload: { ...valid, referenceDate: addCalendarDays(today, 1), answerDueOn: today },
      headers: secretariat.headers,
    });
    expect(badDates.statusCode).toBe(400);
    expect(badDates.json().invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'referenceDate', code: 'too_big' }),
        expect.objectContaining({ name: 'answerDueOn', code: 'too_small' }),
      ]),
    );
    expect(await count('state_of_play_rounds')).toBe(0);
    expect(await count('state_of_play_items')).toBe(0);
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails).toHaveLength(0);
  });

  it('opens a round with each department’s open items and asks each department in its users’ language', async () => {
    const answerDueOn = addCalendarDays(today, 21);
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/state-of-play',
      payload: { title: 'Stand van zaken 2026-II', answerDueOn },
      headers: secretariat.headers,
    });
    expect(opened.statusCode).toBe(201);
    const round = opened.json();
    roundId = round.id;
    expect(opened.headers.etag).toBe('"1"');
    expect(opened.headers.location).toBe(`/api/v1/state-of-play/${roundId}`);
    expect(round).toMatchObject({ status: 'open', referenceDate: today, horizon: addCalendarMonths(today, 6), answerDueOn });
    expect(round.abilities).toEqual(['remind', 'close']);
    // Overdue and due within six months: yes; beyond six months or done: no.
    expect(round.items.map((i: { actionId: string; overdue: boolean }) => [i.actionId, i.overdue])).toEqual([
      [actions.bzkSoon, false],
      [actions.finOverdue, true],
      [actions.szwOverdue, true],
      [actions.szwSoon, false],
    ]);
    expect(round.departments).toEqual([
      { organisation: 'nl-bzk', items: 1, answered: 0, overdue: 0, complete: false },
      { organisation: 'nl-fin', items: 1, answered: 0, overdue: 1, complete: false },
      { organisation: 'nl-szw', items: 2, answered: 0, overdue: 1, complete: false },
    ]);
    expect(round.missed).toEqual(['nl-bzk', 'nl-fin', 'nl-szw']);

    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    const [french] = await mailsTo(szw);
    expect(french?.subject).toMatch(/^Schakel : état d'avancement demandé pour GB-\d{4}-\d{4}$/);
    expect(french?.text).toContain('« Pension des travailleurs frontaliers »');
    expect(french?.text).toContain(`${PUBLIC_URL}/state-of-play/${roundId}`);
    expect((await mailsTo(bzk))[0]?.subject).toMatch(/^Schakel: Sachstand erbeten für GB-/);
    expect((await mailsTo(fin))[0]?.subject).toMatch(/^Schakel: state of play requested for GB-/);
    // One obstacle per department: one mail each; nobody in a department without items.
    for (const who of [szw, bzk, fin]) expect(await mailsTo(who)).toHaveLength(1);
    expect(await mailsTo(ez)).toHaveLength(0);
    expect(await mailsTo(secretariat)).toHaveLength(0);

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/state-of-play',
      payload: { title: 'Nog een' },
      headers: secretariat.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('state_of_play_round_open');
    expect(await count('state_of_play_rounds')).toBe(1);
  });

  it('shows the secretariat every department, and a department only its own items', async () => {
    const url = `/api/v1/state-of-play/${roundId}`;
    expect((await app.inject({ url })).statusCode).toBe(401);
    expect((await app.inject({ url, headers: partner.headers })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/state-of-play/nergens', headers: secretariat.headers })).statusCode).toBe(404);
    const all = await app.inject({ url, headers: secretariat.headers });
    expect(all.json().items).toHaveLength(4);
    const own = await app.inject({ url, headers: szw.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((i: { organisation: string }) => i.organisation)).toEqual(['nl-szw', 'nl-szw']);
    expect(own.json().departments).toEqual([{ organisation: 'nl-szw', items: 2, answered: 0, overdue: 1, complete: false }]);
    expect(own.json().abilities).toEqual(['answer']);
    const none = await app.inject({ url, headers: ez.headers });
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('state_of_play_round_not_found');
    const list = await app.inject({ url: '/api/v1/state-of-play', headers: bzk.headers });
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([roundId]);
    expect((await app.inject({ url: '/api/v1/state-of-play', headers: ez.headers })).json().items).toEqual([]);
  });

  async function itemOf(who: Person, actionId: string): Promise<{ id: string; version: number }> {
    const round = await app.inject({ url: `/api/v1/state-of-play/${roundId}`, headers: who.headers });
    const item = round.json().items.find((i: { actionId: string }) => i.actionId === actionId);
    if (!item) throw new Error(`no item of ${actionId}`);
    return item;
  }

  it('takes a department’s answer on its own items only, with If-Match, checking every field', async () => {
    const item = await itemOf(szw, actions.szwOverdue);
    const url = `/api/v1/state-of-play/${roundId}/items/${item.id}/answer`;
    const answer = {
      status: 'in_progress',
      progress: 60,
      forecastOn: DATES.forecast,
      note: 'Wetsvoorstel ligt bij de Raad van State.',
    };
    expect((await app.inject({ method: 'PUT', url, payload: answer })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url, payload: answer, headers: szw.headers })).statusCode).toBe(428);
    for (const who of [bzk, secretariat, partner]) {
      const refused = await app.inject({ method: 'PUT', url, payload: answer, headers: { ...who.headers, 'if-match': '"1"' } });
      expect(refused.statusCode).toBe(403);
    }
    const unknown = await app.inject({
      method: 'PUT',
      url: `/api/v1/state-of-play/${roundId}/items/nergens/answer`,
      payload: answer,
      headers: { ...szw.headers, 'if-match': '"1"' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('state_of_play_item_not_found');

    const invalid = [
      [{ ...answer, progress: 150 }, 'progress'],
      [{ ...answer, status: 'stuck' }, 'status'],
      [{ ...answer, forecastOn: null }, 'forecastOn'],
      [{ ...answer, forecastOn: addCalendarDays(today, -1) }, 'forecastOn'],
      [{ ...answer, status: 'done', progress: 80 }, 'progress'],
      [{ ...answer, note: 'x'.repeat(2_001) }, 'note'],
    ] as const;
    for (const [payload, field] of invalid) {
      const refused = await app.inject({ method: 'PUT', url, payload, headers: { ...szw.headers, 'if-match': '"1"' } });
      expect(refused.statusCode, field).toBe(400);
      expect(refused.json().invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: field })]));
    }
    const untouched = await itemOf(szw, actions.szwOverdue);
    expect(untouched).toMatchObject({ version: 1, answer: null });
    const action = await app.inject({ url: `/api/v1/actions/${actions.szwOverdue}`, headers: secretariat.headers });
    expect(action.json()).toMatchObject({ status: 'in_progress', progress: 0, version: 1 });

    const answered = await app.inject({ method: 'PUT', url, payload: answer, headers: { ...szw.headers, 'if-match': '"1"' } });
    expect(answered.statusCode).toBe(200);
    expect(answered.headers.etag).toBe('"2"');
    expect(answered.json()).toMatchObject({
      version: 2,
      answer: { status: 'in_progress', progress: 60, forecastOn: DATES.forecast, note: answer.note },
    });
    // The answer is the department's report on its action.
    const reported = await app.inject({ url: `/api/v1/actions/${actions.szwOverdue}`, headers: secretariat.headers });
    expect(reported.json()).toMatchObject({ status: 'in_progress', progress: 60, version: 2 });

    const stale = await app.inject({ method: 'PUT', url, payload: answer, headers: { ...szw.headers, 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);

    const events = await getDb()
      .db.selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['state_of_play.open', 'state_of_play.answer'])
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual(['state_of_play.answer', 'state_of_play.open']);
  });

  it('reminds only the department that has not answered (read from the SMTP server), once a day from the job', async () => {
    // nl-szw answers its second item (done) and nl-bzk its one; nl-fin answers nothing.
    const second = await itemOf(szw, actions.szwSoon);
    const done = await app.inject({
      method: 'PUT',
      url: `/api/v1/state-of-play/${roundId}/items/${second.id}/answer`,
      payload: { status: 'done', progress: 100 },
      headers: { ...szw.headers, 'if-match': '"1"' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().answer).toMatchObject({ status: 'done', forecastOn: null });
    const bzkItem = await itemOf(bzk, actions.bzkSoon);
    const bzkAnswer = await app.inject({
      method: 'PUT',
      url: `/api/v1/state-of-play/${roundId}/items/${bzkItem.id}/answer`,
      payload: { status: 'planned', progress: 0, forecastOn: DATES.forecast },
      headers: { ...bzk.headers, 'if-match': '"1"' },
    });
    expect(bzkAnswer.statusCode).toBe(200);
    const closedAction = await app.inject({ url: `/api/v1/actions/${actions.szwSoon}`, headers: secretariat.headers });
    expect(closedAction.json()).toMatchObject({ status: 'done', progress: 100 });

    const url = `/api/v1/state-of-play/${roundId}/reminders`;
    expect((await app.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url, headers: fin.headers })).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/state-of-play/nergens/reminders', headers: secretariat.headers }))
        .statusCode,
    ).toBe(404);
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    smtp.mails.length = 0;

    const reminded = await app.inject({ method: 'POST', url, headers: secretariat.headers });
    expect(reminded.statusCode).toBe(200);
    expect(reminded.json()).toEqual({ departments: ['nl-fin'], notifications: 1 });
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails.map((m) => m.to[0])).toEqual([fin.email]);
    expect(smtp.mails[0]?.subject).toMatch(/^Schakel: reminder, state of play of GB-\d{4}-\d{4}$/);
    expect(smtp.mails[0]?.text).toContain(`by ${addCalendarDays(today, 21)} at the latest`);

    // The weekly job on the same day: reminded today already, so nobody.
    await app.jobs.runOnce(STATE_OF_PLAY_REMINDERS);
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails).toHaveLength(1);
    const round = await app.inject({ url: `/api/v1/state-of-play/${roundId}`, headers: secretariat.headers });
    expect(round.json()).toMatchObject({ reminders: 1, version: 1 });
  });

  it('has no overview document before closing; closes with If-Match and names the department that missed it', async () => {
    const docx = `/api/v1/state-of-play/${roundId}/overview.docx`;
    const early = await app.inject({ url: docx, headers: secretariat.headers });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('state_of_play_round_not_closed');

    const url = `/api/v1/state-of-play/${roundId}/close`;
    expect((await app.inject({ method: 'POST', url })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url, headers: secretariat.headers })).statusCode).toBe(428);
    expect((await app.inject({ method: 'POST', url, headers: { ...szw.headers, 'if-match': '"1"' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, headers: { ...secretariat.headers, 'if-match': '"7"' } })).statusCode).toBe(
      412,
    );
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/state-of-play/nergens/close',
          headers: { ...secretariat.headers, 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(404);

    const closed = await app.inject({ method: 'POST', url, headers: { ...secretariat.headers, 'if-match': '"1"' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', version: 2, missed: ['nl-fin'], abilities: [] });
    expect(closed.json().departments).toEqual([
      { organisation: 'nl-bzk', items: 1, answered: 1, overdue: 0, complete: true },
      { organisation: 'nl-fin', items: 1, answered: 0, overdue: 1, complete: false },
      { organisation: 'nl-szw', items: 2, answered: 2, overdue: 1, complete: true },
    ]);
    const event = await getDb()
      .db.selectFrom('audit_events')
      .select('changes')
      .where('action', '=', 'state_of_play.close')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.changes)).toMatchObject({ missed: ['nl-fin'], answered: ['nl-bzk', 'nl-szw'] });

    // Frozen: no second close, no answers, no reminders.
    const twice = await app.inject({ method: 'POST', url, headers: { ...secretariat.headers, 'if-match': '"2"' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('state_of_play_round_closed');
    const finItem = await itemOf(fin, actions.finOverdue);
    const late = await app.inject({
      method: 'PUT',
      url: `/api/v1/state-of-play/${roundId}/items/${finItem.id}/answer`,
      payload: { status: 'in_progress', progress: 10, forecastOn: DATES.forecast },
      headers: { ...fin.headers, 'if-match': '"1"' },
    });
    expect(late.statusCode).toBe(409);
    expect((await itemOf(fin, actions.finOverdue)).version).toBe(1);
    const reminder = await app.inject({
      method: 'POST',
      url: `/api/v1/state-of-play/${roundId}/reminders`,
      headers: secretariat.headers,
    });
    expect(reminder.statusCode).toBe(409);
  });

  async function documentXml(body: Buffer): Promise<string> {
    const zip = await JSZip.loadAsync(body);
    const file = zip.file('word/document.xml');
    if (!file) throw new Error('no word/document.xml in the file');
    return file.async('string');
  }

  it('writes the overview as a .docx in the language asked, the missed department named', async () => {
    const url = `/api/v1/state-of-play/${roundId}/overview.docx`;
    expect((await app.inject({ url })).statusCode).toBe(401);
    expect((await app.inject({ url, headers: observer.headers })).statusCode).toBe(403);
    expect((await app.inject({ url: `${url}?lang=xx`, headers: secretariat.headers })).statusCode).toBe(400);

    const english = await app.inject({ url: `${url}?lang=en`, headers: secretariat.headers });
    expect(english.statusCode).toBe(200);
    expect(english.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(english.headers['content-disposition']).toBe(`attachment; filename="state-of-play-${today}.docx"`);
    const text = await documentXml(english.rawPayload);
    expect(text).toContain('State-of-play overview — Stand van zaken 2026-II');
    expect(text).toContain('Not (fully) answered');
    expect(text).toMatch(/Not \(fully\) answered.*Ministerie van Financiën/s);
    expect(text).toContain('Ministerie van Financiën (not fully answered)');
    expect(text).toContain('No answer');
    expect(text).toContain('Wetsvoorstel ligt bij de Raad van State.');
    expect(text).toContain(`Action nl-fin ${DATES.overdue}`);

    const french = await documentXml((await app.inject({ url: `${url}?lang=fr`, headers: secretariat.headers })).rawPayload);
    expect(french).toContain('Synthèse de l’état d’avancement');
    expect(french).toContain('Pas de réponse');

    // A department reads its own part only.
    const own = await app.inject({ url, headers: szw.headers });
    expect(own.statusCode).toBe(200);
    const ownText = await documentXml(own.rawPayload);
    expect(ownText).not.toContain('Financiën');
    expect(ownText).toContain('Wetsvoorstel ligt bij de Raad van State.');
  });

  it('opens the next round once the last is closed; an answer on an action the department cannot report on leaves the action', async () => {
    // An internal obstacle, routed to nobody, with an action of nl-ez: nl-ez does not read it.
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    let hidden: { id: string };
    try {
      hidden = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: { ...REPORT, visibility: 'internal' },
        uow: persistence,
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
        importedStatus: 'in_progress',
      });
    } finally {
      await persistence.close();
    }
    const ezAction = await addAction(hidden.id, 'nl-ez', DATES.soon);
    // Two openings at once: one round, the other is told one is open.
    const both = await Promise.all(
      ['Stand van zaken 2027-I', 'Stand van zaken 2027-I (bis)'].map((title) =>
        app.inject({ method: 'POST', url: '/api/v1/state-of-play', payload: { title }, headers: secretariat.headers }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const next = both.find((r) => r.statusCode === 201) ?? both[0];
    if (!next) throw new Error('no answer');
    expect(both.find((r) => r.statusCode === 409)?.json().code).toBe('state_of_play_round_open');
    // Done since: nl-szw's second action is no longer an item.
    expect(next.json().items.map((i: { actionId: string }) => i.actionId)).not.toContain(actions.szwSoon);
    const list = await app.inject({ url: '/api/v1/state-of-play', headers: secretariat.headers });
    expect(list.json().items.map((r: { status: string }) => r.status)).toEqual(['open', 'closed']);
    roundId = next.json().id;
    const ezItem = await itemOf(ez, ezAction);
    const answered = await app.inject({
      method: 'PUT',
      url: `/api/v1/state-of-play/${roundId}/items/${ezItem.id}/answer`,
      payload: { status: 'in_progress', progress: 30, forecastOn: DATES.forecast },
      headers: { ...ez.headers, 'if-match': '"1"' },
    });
    expect(answered.statusCode).toBe(200);
    const action = await app.inject({ url: `/api/v1/actions/${ezAction}`, headers: secretariat.headers });
    expect(action.json()).toMatchObject({ status: 'planned', progress: 0, version: 1 });
    const event = await getDb()
      .db.selectFrom('audit_events')
      .select('changes')
      .where('action', '=', 'state_of_play.answer')
      .where('entity_id', '=', ezItem.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.changes)).toMatchObject({ actionUpdated: false });

    // The weekly job on a round not yet reminded: every department with an item not answered, once.
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    smtp.mails.length = 0;
    await app.jobs.runOnce(STATE_OF_PLAY_REMINDERS);
    await app.jobs.runOnce(STATE_OF_PLAY_REMINDERS);
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([szw.email, bzk.email, fin.email].sort());
    expect((await mailsTo(bzk))[0]?.subject).toMatch(/^Schakel: Erinnerung, Sachstand von GB-/);
    expect(await mailsTo(ez)).toHaveLength(0);
    expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);
  });
});
