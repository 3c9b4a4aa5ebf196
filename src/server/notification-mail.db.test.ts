/**
 * Notification mails through a real SMTP server (smtp-server on 127.0.0.1), on both databases:
 * the recipients an audience resolves to (active users only), each mail in its recipient's
 * language with absolute links, nothing sent twice, a failed mail tried again, digest-only users
 * getting one digest and no single mails; and on PostgreSQL two app instances (two pg-boss job
 * runners) delivering at the same time: each mail exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/databases.js';
import { type Person, person } from '../../test-support/people.js';
import { startSmtp, type TestSmtp } from '../../test-support/smtp.js';
import { disableUser } from '../core/identity/add-user.js';
import { type NotifyInput, notify } from '../core/notifications/notify.js';
import { KyselyIdentityStore } from '../db/repositories/identity-store.js';
import { createPersistence, type Persistence } from '../db/unit-of-work.js';
import { buildApp } from './build-app.js';
import { DAILY_DIGEST, DELIVER_NOTIFICATIONS } from './notification-jobs.js';

const PUBLIC_URL = 'https://schakel.example.eu';

const ROUTING: Omit<NotifyInput, 'recipients'> = {
  kind: 'routing_request',
  params: {
    reference: 'GB-2026-0042',
    titles: { nl: 'Pensioen van grensarbeiders', fr: 'Pension des travailleurs frontaliers' },
    dueDate: '2026-12-31',
    organisation: 'nl-szw',
  },
  link: '/obstacles/GB-2026-0042',
};

describeEachDialect('notification mails', (getDb, dialect) => {
  let smtp: TestSmtp;
  let app: FastifyInstance;
  let persistence: Persistence;
  const ids = { newId: () => randomUUID() };

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await buildApp({ database: getDb(), searchWorkers: 0, smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
    persistence = createPersistence(getDb(), { searchWorkers: 0 });
  });
  afterAll(async () => {
    await app.close();
    await persistence.close();
    await smtp.close();
  });
  beforeEach(async () => {
    // Every test starts with an empty outbox and mailbox (the people of earlier tests stay).
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    await getDb().db.updateTable('notifications').set({ read_at: new Date().toISOString() }).execute();
    smtp.mails.length = 0;
  });
  afterEach(() => {
    smtp.reject = () => false;
  });

  async function tell(recipients: NotifyInput['recipients'], input: Omit<NotifyInput, 'recipients'> = ROUTING) {
    return persistence.transaction((repositories) => notify(repositories, { ids, at: new Date() }, { ...input, recipients }));
  }

  it('sends each active recipient one mail in their language, with absolute links; a second run sends nothing', async () => {
    // A department of its own, so the audience is exactly these people.
    const organisation = 'be-fin';
    const french = await person(getDb(), { role: 'department', organisation, language: 'fr' });
    const dutch = await person(getDb(), { role: 'department', organisation });
    const german = await person(getDb(), { role: 'secretariat', language: 'de' });
    const digestOnly = await person(getDb(), { role: 'department', organisation, language: 'en', digestOnly: true });
    const gone = await person(getDb(), { role: 'department', organisation });
    const observer = await person(getDb(), { role: 'observer', organisation });
    await disableUser({
      email: gone.email,
      store: new KyselyIdentityStore(getDb().db),
      clock: { now: () => new Date() },
      actor: 'system',
    });

    const written = await tell({ organisation, role: 'department', users: [german.id, french.id] });
    expect(written.map((n) => n.userId).sort()).toEqual([french.id, dutch.id, german.id, digestOnly.id].sort());
    expect(written.some((n) => n.userId === gone.id || n.userId === observer.id)).toBe(false);

    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    const byRecipient = new Map(smtp.mails.map((m) => [m.to.join(','), m]));
    expect([...byRecipient.keys()].sort()).toEqual([french.email, dutch.email, german.email].sort());
    expect(smtp.mails).toHaveLength(3);

    const fr = byRecipient.get(french.email);
    expect(fr?.subject).toBe("Schakel : l'obstacle GB-2026-0042 a été transmis à votre département");
    expect(fr?.text).toContain('« Pension des travailleurs frontaliers » a été transmis à nl-szw');
    expect(fr?.text).toContain(`Ouvrir dans Schakel: ${PUBLIC_URL}/obstacles/GB-2026-0042`);
    expect(fr?.headers['content-language']).toBe('fr');
    expect(fr?.from).toBe('noreply@schakel.example.eu');
    const nl = byRecipient.get(dutch.email);
    expect(nl?.subject).toBe('Schakel: obstakel GB-2026-0042 is naar uw departement gerouteerd');
    expect(nl?.text).toContain('"Pensioen van grensarbeiders"');
    expect(nl?.text).toContain(`Openen in Schakel: ${PUBLIC_URL}/obstacles/GB-2026-0042`);
    const de = byRecipient.get(german.email);
    expect(de?.subject).toBe('Schakel: Hindernis GB-2026-0042 wurde an Ihr Ressort weitergeleitet');
    // No title in German: the Dutch one (the first given), never another person's data.
    expect(de?.text).toContain('„Pensioen van grensarbeiders“');
    for (const mail of smtp.mails) {
      expect(mail.to).toHaveLength(1);
      expect(mail.text).toContain(`${PUBLIC_URL}/account`);
      for (const other of [french, dutch, german, digestOnly])
        if (!mail.to.includes(other.email)) expect(mail.text).not.toContain(other.email);
    }

    const emailed = await getDb()
      .db.selectFrom('notifications')
      .select(['user_id', 'emailed_at'])
      .where(
        'id',
        'in',
        written.map((n) => n.id),
      )
      .execute();
    for (const row of emailed) {
      if (row.user_id === digestOnly.id) expect(row.emailed_at).toBeNull();
      else expect(row.emailed_at).not.toBeNull();
    }

    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails).toHaveLength(3);
  });

  it('asks for delivery after a commit that wrote notifications, not after a rollback or another commit', async () => {
    const someone = await person(getDb());
    let asked = 0;
    const watched = createPersistence(getDb(), { searchWorkers: 0, onNotificationsCommitted: () => asked++ });
    try {
      await watched.transaction((repositories) =>
        notify(repositories, { ids, at: new Date() }, { ...ROUTING, recipients: { users: [someone.id] } }),
      );
      expect(asked).toBe(1);
      await watched.transaction((repositories) =>
        notify(repositories, { ids, at: new Date() }, { ...ROUTING, recipients: { users: [] } }),
      );
      await watched.transaction(async (repositories) => repositories.notifications.unreadCount(someone.id));
      await expect(
        watched.transaction(async (repositories) => {
          await notify(repositories, { ids, at: new Date() }, { ...ROUTING, recipients: { users: [someone.id] } });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(asked).toBe(1);
    } finally {
      await watched.close();
    }
  });

  it('writes no notification when the caller’s transaction rolls back', async () => {
    const someone = await person(getDb());
    await expect(
      persistence.transaction(async (repositories) => {
        await notify(repositories, { ids, at: new Date() }, { ...ROUTING, recipients: { users: [someone.id] } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await getDb().db.selectFrom('notifications').select('id').where('user_id', '=', someone.id).execute();
    expect(rows).toHaveLength(0);
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails).toHaveLength(0);
  });

  it('gives a mail the SMTP server refused back, and sends it on a later run', async () => {
    const bouncing = await person(getDb(), { language: 'en' });
    const fine = await person(getDb(), { language: 'en' });
    await tell(
      { users: [bouncing.id, fine.id] },
      { ...ROUTING, kind: 'reminder_overdue', params: { ...ROUTING.params, days: 3 } },
    );
    smtp.reject = (address) => address === bouncing.email;
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails.map((m) => m.to[0])).toEqual([fine.email]);
    expect(smtp.mails[0]?.subject).toBe('Schakel: GB-2026-0042 is overdue');
    expect(smtp.mails[0]?.text).toContain('was due on 2026-12-31 and is 3 days late');
    smtp.reject = () => false;
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails.map((m) => m.to[0])).toEqual([fine.email, bouncing.email]);
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails).toHaveLength(2);
  });

  it('sends a digest-only user one digest of the day’s unread notifications and no single mails; a second run sends nothing', async () => {
    const reader = await person(getDb(), { role: 'partner', language: 'de', digestOnly: true });
    await tell({ users: [reader.id] });
    await tell(
      { users: [reader.id] },
      {
        ...ROUTING,
        kind: 'state_of_play_request',
        link: '/obstacles/GB-2026-0043',
        params: { reference: 'GB-2026-0043', dueDate: '2027-01-15' },
      },
    );
    const [read] = await tell({ users: [reader.id] }, { ...ROUTING, kind: 'escalation' });
    await getDb()
      .db.updateTable('notifications')
      .set({ read_at: new Date().toISOString() })
      .where('id', '=', read?.id ?? '')
      .execute();
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails.filter((m) => m.to.includes(reader.email))).toHaveLength(0);

    await app.jobs.runOnce(DAILY_DIGEST);
    const digests = smtp.mails.filter((m) => m.to.includes(reader.email));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toBe('Schakel: Ihre Tagesübersicht (2 ungelesen)');
    expect(digests[0]?.text).toContain('Schakel: Hindernis GB-2026-0042 wurde an Ihr Ressort weitergeleitet');
    expect(digests[0]?.text).toContain(`${PUBLIC_URL}/obstacles/GB-2026-0043`);
    expect(digests[0]?.text).toContain('Schakel: Sachstand erbeten für GB-2026-0043');
    expect(digests[0]?.text).not.toContain('Eskalation');

    const count = smtp.mails.length;
    await app.jobs.runOnce(DAILY_DIGEST);
    await app.jobs.runOnce(DELIVER_NOTIFICATIONS);
    expect(smtp.mails).toHaveLength(count);
  });

  it.runIf(dialect === 'postgres')(
    'two app instances with their own pg-boss job runners deliver at the same time: each mail exactly once',
    async () => {
      const second = await buildApp({
        database: getDb(),
        searchWorkers: 0,
        smtpUrl: smtp.url,
        publicUrl: PUBLIC_URL,
        responseCacheBytes: 0,
      });
      const first = await buildApp({
        database: getDb(),
        searchWorkers: 0,
        smtpUrl: smtp.url,
        publicUrl: PUBLIC_URL,
        responseCacheBytes: 0,
      });
      try {
        // Both runners start on the one database (pg-boss installs its schema once).
        await Promise.all([first.jobs.start(), second.jobs.start()]);
        const people: Person[] = [];
        for (let i = 0; i < 8; i++) people.push(await person(getDb(), { language: i % 2 ? 'fr' : 'nl' }));
        for (let i = 0; i < 5; i++) await tell({ users: people.map((p) => p.id) });
        const expected = people.length * 5;
        await Promise.all([
          first.jobs.runOnce(DELIVER_NOTIFICATIONS),
          second.jobs.runOnce(DELIVER_NOTIFICATIONS),
          first.jobs.runOnce(DELIVER_NOTIFICATIONS),
          second.jobs.runOnce(DELIVER_NOTIFICATIONS),
        ]);
        expect(smtp.mails).toHaveLength(expected);
        for (const p of people) expect(smtp.mails.filter((m) => m.to.includes(p.email))).toHaveLength(5);
        await Promise.all([first.jobs.runOnce(DAILY_DIGEST), second.jobs.runOnce(DAILY_DIGEST)]);
        expect(smtp.mails).toHaveLength(expected + people.length);
        for (const p of people) expect(smtp.mails.filter((m) => m.to.includes(p.email))).toHaveLength(6);
        // A job triggered on one server runs once, on one of the two (through pg-boss's queue).
        let probes = 0;
        const probe = async () => {
          probes++;
        };
        await Promise.all([
          first.jobs.schedule('probe', { everySeconds: 3600 }, probe),
          second.jobs.schedule('probe', { everySeconds: 3600 }, probe),
        ]);
        first.jobs.trigger('probe');
        const deadline = Date.now() + 20_000;
        while (probes === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(probes).toBe(1);
        const schema = await getDb()
          .db.selectFrom('information_schema.schemata' as never)
          .select('schema_name' as never)
          .where('schema_name' as never, '=', 'pgboss' as never)
          .execute();
        expect(schema).toHaveLength(1);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    },
  );
});
