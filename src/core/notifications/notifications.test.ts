import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../shared/language.js';
import { dayIn, deliverNotifications } from './deliver.js';
import { absoluteLink, digestMail, MESSAGES, notificationMail, renderNotification } from './messages.js';
import { isAppPath, NOTIFICATION_KINDS, type Notification } from './notification.js';
import { notify } from './notify.js';
import type { ClaimedNotification, Mail, NotificationOutbox } from './ports.js';

const PLACEHOLDERS = new Set(['reference', 'title', 'dueDate', 'organisation', 'days', 'action', 'level', 'body']);

describe('messages', () => {
  it.each([...NOTIFICATION_KINDS, 'digest' as const])(
    '%s has a subject and a body in every language, with known placeholders only',
    (kind) => {
      for (const language of LANGUAGES) {
        const template = MESSAGES[kind][language];
        expect(template.subject.trim(), `${kind} ${language}`).not.toBe('');
        expect(template.body.trim(), `${kind} ${language}`).not.toBe('');
        for (const [, name] of `${template.subject} ${template.body}`.matchAll(/\{(\w+)\}/g)) {
          expect(PLACEHOLDERS.has(name ?? ''), `${kind} ${language}: {${name}}`).toBe(true);
        }
      }
      // Each language its own text: no copy left untranslated.
      expect(new Set(LANGUAGES.map((l) => MESSAGES[kind][l].subject)).size).toBe(LANGUAGES.length);
    },
  );

  it('leaves out a [[part]] whose param is missing: an escalation names its level, the action and at the political level the body', () => {
    const administrative = {
      kind: 'escalation' as const,
      params: {
        reference: 'GB-2026-0007',
        titles: { nl: 'Titel' },
        actionTitles: { en: 'Change the rule' },
        organisation: 'nl-szw',
        dueDate: '2026-05-13',
        days: 11,
        level: 'administrative' as const,
      },
    };
    expect(renderNotification(administrative, 'en')).toEqual({
      subject: 'Schakel: escalation of GB-2026-0007 to the administrative level',
      body: 'The obstacle GB-2026-0007 "Titel" has been escalated: nl-szw did not respond before 2026-05-13. The action "Change the rule" is now at the administrative level. It is 11 working days overdue.',
    });
    const political = {
      ...administrative,
      params: { ...administrative.params, level: 'political' as const, bodyNames: { fr: 'Sommet', nl: 'Top' } },
    };
    expect(renderNotification(political, 'nl').subject).toBe('Schakel: escalatie van GB-2026-0007 naar politiek niveau');
    expect(renderNotification(political, 'nl').body).toContain('voorgesteld voor de agenda van Top.');
    expect(renderNotification(political, 'fr').body).toContain("l'ordre du jour de Sommet.");
    expect(renderNotification(political, 'de').subject).toBe('Schakel: Eskalation von GB-2026-0007 auf die politische Ebene');
    // The body by its key when no name is given.
    expect(renderNotification({ kind: 'escalation', params: { body: 'nl-vl-top' } }, 'en').body).toContain(
      'agenda of nl-vl-top.',
    );
  });

  it('fills in the params, the title in the reader’s language or the first there is, and — for what is missing', () => {
    const notification = {
      kind: 'reminder_before_due' as const,
      params: { reference: 'GB-2026-0007', titles: { fr: 'Titre', nl: 'Titel' }, dueDate: '2026-12-01', days: 5 },
      link: '/obstacles/GB-2026-0007',
    };
    expect(renderNotification(notification, 'fr').body).toBe(
      "Votre réponse sur l'obstacle GB-2026-0007 « Titre » est attendue avant le 2026-12-01 (encore 5 jours).",
    );
    expect(renderNotification(notification, 'de').body).toContain('„Titel“');
    expect(renderNotification({ kind: 'escalation', params: {} }, 'en').subject).toBe('Schakel: escalation of —');
    const mail = notificationMail(notification, 'en', 'https://schakel.example.eu/');
    expect(mail.subject).toBe('Schakel: reminder, GB-2026-0007 is due on 2026-12-01');
    expect(mail.body).toContain('Open in Schakel: https://schakel.example.eu/obstacles/GB-2026-0007');
    expect(mail.body).toContain('https://schakel.example.eu/account');
    const digest = digestMail([notification, notification], 'nl', 'https://schakel.example.eu');
    expect(digest.subject).toBe('Schakel: uw overzicht van vandaag (2 ongelezen)');
    expect(digest.body.match(/GB-2026-0007 vervalt/g)).toHaveLength(2);
    expect(absoluteLink('https://a.example', '/inbox')).toBe('https://a.example/inbox');
  });

  it('accepts only paths of the app as links', () => {
    expect(isAppPath('/obstacles/GB-2026-0001')).toBe(true);
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil', 'obstacles', '/with space', '']) {
      expect(isAppPath(bad), bad).toBe(false);
    }
  });
});

describe('notify', () => {
  it('writes one notification per resolved recipient, and refuses a link that is not a path of the app', async () => {
    const inserted: Notification[] = [];
    const outbox = {
      recipients: async () => ['u1', 'u2'],
      insert: async (rows: readonly Notification[]) => {
        inserted.push(...rows);
      },
    } as unknown as NotificationOutbox;
    let n = 0;
    const at = new Date('2026-11-29T08:00:00Z');
    const rows = await notify(
      { notifications: outbox },
      { ids: { newId: () => `id${++n}` }, at },
      { recipients: { organisation: 'nl-szw' }, kind: 'escalation', params: { reference: 'GB-1' }, link: '/obstacles/GB-1' },
    );
    expect(rows.map((r) => [r.id, r.userId, r.readAt, r.emailedAt])).toEqual([
      ['id1', 'u1', null, null],
      ['id2', 'u2', null, null],
    ]);
    expect(inserted).toEqual(rows);
    await expect(
      notify(
        { notifications: outbox },
        { ids: { newId: () => 'x' }, at },
        { recipients: {}, kind: 'escalation', params: {}, link: 'https://evil.example' },
      ),
    ).rejects.toThrow('link');
  });
});

describe('delivery', () => {
  it('sends each claimed mail once, marks it e-mailed, and gives failed ones back without looping', async () => {
    const claimed: ClaimedNotification[] = ['a', 'b'].map((id) => ({
      notification: {
        id,
        userId: `user-${id}`,
        kind: 'escalation',
        params: { reference: id },
        link: '/inbox',
        createdAt: new Date(),
        readAt: null,
        emailedAt: null,
      },
      recipient: { id: `user-${id}`, email: `${id}@example.test`, language: 'en', digestOnly: false },
    }));
    const pending = new Set(['a', 'b']);
    const emailed: string[] = [];
    const released: string[] = [];
    const outbox = {
      claimForDelivery: async () => claimed.filter((c) => pending.has(c.notification.id)),
      markEmailed: async (ids: readonly string[]) => {
        for (const id of ids) {
          emailed.push(id);
          pending.delete(id);
        }
      },
      releaseClaim: async (ids: readonly string[]) => {
        released.push(...ids);
      },
    } as unknown as NotificationOutbox;
    const sent: Mail[] = [];
    const errors: string[] = [];
    const report = await deliverNotifications({
      outbox,
      mailer: {
        send: async (mail) => {
          if (mail.to === 'b@example.test') throw new Error('550');
          sent.push(mail);
        },
      },
      clock: { now: () => new Date() },
      ids: { newId: () => crypto.randomUUID() },
      publicUrl: 'https://schakel.example.eu',
      onError: (_, id) => errors.push(id),
    });
    expect(report).toEqual({ sent: 1, failed: 1 });
    expect(sent.map((m) => [m.to, m.subject])).toEqual([['a@example.test', 'Schakel: escalation of a']]);
    expect(emailed).toEqual(['a']);
    expect(released).toContain('b');
    expect(errors).toEqual(['b']);
  });

  it('names the day of a moment in Brussels', () => {
    expect(dayIn(new Date('2026-11-28T23:30:00Z'), 'Europe/Brussels')).toBe('2026-11-29');
    expect(dayIn(new Date('2026-11-28T22:30:00Z'), 'Europe/Brussels')).toBe('2026-11-28');
  });
});
