import type { JobRunner } from '../core/jobs/ports.js';
import { deliverNotifications, sendDigests } from '../core/notifications/deliver.js';
import type { Mailer, NotificationOutbox } from '../core/notifications/ports.js';
import type { Clock, IdGenerator } from '../core/obstacles/ports.js';

export const DELIVER_NOTIFICATIONS = 'deliver-notifications';
export const DAILY_DIGEST = 'daily-digest';
/** The digest goes out at 07:00 in Brussels. */
export const DIGEST_CRON = '0 7 * * *';
export const DIGEST_TIME_ZONE = 'Europe/Brussels';

/**
 * The jobs of notifications: `deliver-notifications` every minute (and at once after a commit that
 * wrote notifications), `daily-digest` at 07:00 Europe/Brussels. Only when mail is configured.
 */
export async function scheduleNotificationJobs(
  jobs: JobRunner,
  deps: {
    outbox: NotificationOutbox;
    mailer: Mailer;
    clock: Clock;
    ids: IdGenerator;
    publicUrl: string;
    log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  },
): Promise<void> {
  const onError = (error: unknown, notification: string) =>
    deps.log.warn(
      { mailError: mailErrorFacts(error), notification },
      'a notification mail could not be sent; it is tried again later',
    );
  await jobs.schedule(DELIVER_NOTIFICATIONS, { everySeconds: 60 }, async () => {
    const report = await deliverNotifications({ ...deps, onError });
    if (report.sent + report.failed > 0) deps.log.info(report, 'notification mails sent');
  });
  await jobs.schedule(DAILY_DIGEST, { cron: DIGEST_CRON, tz: DIGEST_TIME_ZONE }, async () => {
    const report = await sendDigests({ ...deps, onError, timeZone: DIGEST_TIME_ZONE });
    if (report.sent + report.failed > 0) deps.log.info(report, 'daily digests sent');
  });
}

/**
 * What may be logged of a failed mail: the kind of error and the SMTP reply code. Never the
 * message, the envelope or the rejected recipients of nodemailer's error: they name addresses.
 */
export function mailErrorFacts(error: unknown): { name: string; code?: string; responseCode?: number } {
  if (typeof error !== 'object' || error === null) return { name: typeof error };
  const { name, code, responseCode } = error as { name?: unknown; code?: unknown; responseCode?: unknown };
  return {
    name: typeof name === 'string' ? name : 'Error',
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
  };
}
