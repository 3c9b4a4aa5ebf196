import { describe, expect, it } from 'vitest';
import type { JobHandler, JobRunner } from '../core/jobs/ports.js';
import type { ClaimedNotification, NotificationOutbox } from '../core/notifications/ports.js';
import {
  DAILY_DIGEST,
  DELIVER_NOTIFICATIONS,
  DIGEST_CRON,
  mailErrorFacts,
  scheduleNotificationJobs,
} from './notification-jobs.js';

describe('notification jobs', () => {
  it('schedules delivery every minute and the digest at 07:00 Brussels, and logs a failed mail without any address', async () => {
    const scheduled = new Map<string, { when: unknown; handler: JobHandler }>();
    const jobs = {
      schedule: async (name: string, when: unknown, handler: JobHandler) => {
        scheduled.set(name, { when, handler });
      },
    } as unknown as JobRunner;
    const claimed: ClaimedNotification = {
      notification: {
        id: 'n1',
        userId: 'u1',
        kind: 'escalation',
        params: {},
        link: '/inbox',
        createdAt: new Date(),
        readAt: null,
        emailedAt: null,
      },
      recipient: { id: 'u1', email: 'private.person@example.test', language: 'nl', digestOnly: false },
    };
    let claims = 0;
    const outbox = {
      claimForDelivery: async () => (claims++ === 0 ? [claimed] : []),
      releaseClaim: async () => {},
    } as unknown as NotificationOutbox;
    const logged: object[] = [];
    await scheduleNotificationJobs(jobs, {
      outbox,
      mailer: {
        send: async () => {
          throw Object.assign(new Error("Can't send mail - all recipients were rejected: private.person@example.test"), {
            code: 'EENVELOPE',
            responseCode: 550,
            rejected: ['private.person@example.test'],
          });
        },
      },
      clock: { now: () => new Date() },
      ids: { newId: () => 'claim' },
      publicUrl: 'https://schakel.example.eu',
      log: { info: (obj) => logged.push(obj), warn: (obj) => logged.push(obj) },
    });
    expect(scheduled.get(DELIVER_NOTIFICATIONS)?.when).toEqual({ everySeconds: 60 });
    expect(scheduled.get(DAILY_DIGEST)?.when).toEqual({ cron: DIGEST_CRON, tz: 'Europe/Brussels' });
    await scheduled.get(DELIVER_NOTIFICATIONS)?.handler();
    expect(logged).toContainEqual({ mailError: { name: 'Error', code: 'EENVELOPE', responseCode: 550 }, notification: 'n1' });
    expect(JSON.stringify(logged)).not.toContain('@');
    expect(mailErrorFacts('boom')).toEqual({ name: 'string' });
  });
});
