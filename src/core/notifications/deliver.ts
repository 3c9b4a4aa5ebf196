import type { Clock, IdGenerator } from '../obstacles/ports.js';
import { digestMail, notificationMail } from './messages.js';
import type { Mailer, NotificationOutbox } from './ports.js';

/** Mails are sent for notifications at most this old (older ones stay in the inbox only). */
export const DELIVERY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A claim older than this was left by a process that stopped while sending: it is taken again. */
export const STALE_CLAIM_MS = 10 * 60 * 1000;
const BATCH = 100;

export interface DeliveryReport {
  sent: number;
  failed: number;
}

export interface DeliveryDeps {
  outbox: NotificationOutbox;
  mailer: Mailer;
  clock: Clock;
  ids: IdGenerator;
  /** The address mails link to (PUBLIC_URL). */
  publicUrl: string;
  /** Told of a mail that could not be sent (no address, no content: only the notification's id). */
  onError?: (error: unknown, notificationId: string) => void;
}

/**
 * Sends the mails of notifications not yet e-mailed, of users who want single mails, each once:
 * the rows are claimed first (an UPDATE of unclaimed rows that only one process wins), then sent,
 * then marked e-mailed. A mail that fails is given back and tried on a later run.
 */
export async function deliverNotifications(deps: DeliveryDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const failed = new Set<string>();
  for (;;) {
    const now = deps.clock.now();
    const claimed = await deps.outbox.claimForDelivery({
      token: deps.ids.newId(),
      at: now,
      since: new Date(now.getTime() - DELIVERY_WINDOW_MS),
      staleBefore: new Date(now.getTime() - STALE_CLAIM_MS),
      limit: BATCH,
    });
    const fresh = claimed.filter((c) => !failed.has(c.notification.id));
    if (fresh.length === 0) {
      if (claimed.length > 0) await deps.outbox.releaseClaim(claimed.map((c) => c.notification.id));
      return report;
    }
    for (const { notification, recipient } of claimed) {
      if (failed.has(notification.id)) {
        await deps.outbox.releaseClaim([notification.id]);
        continue;
      }
      const mail = notificationMail(notification, recipient.language, deps.publicUrl);
      try {
        await deps.mailer.send({ to: recipient.email, subject: mail.subject, text: mail.body, language: recipient.language });
      } catch (error) {
        failed.add(notification.id);
        report.failed++;
        await deps.outbox.releaseClaim([notification.id]);
        deps.onError?.(error, notification.id);
        continue;
      }
      await deps.outbox.markEmailed([notification.id], deps.clock.now());
      report.sent++;
    }
  }
}

/** The calendar day (YYYY-MM-DD) of a moment in a time zone. */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The daily digest: to every active user with unread notifications of the last day, one mail
 * listing them, in the user's language. Each user's digest of a day (in `timeZone`) is recorded
 * before it is sent, so another process or a second run sends it no second time; a digest that
 * fails is forgotten again so that a later run sends it.
 */
export async function sendDigests(deps: DeliveryDeps & { timeZone: string }): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const now = deps.clock.now();
  const day = dayIn(now, deps.timeZone);
  const candidates = await deps.outbox.digestCandidates(new Date(now.getTime() - DELIVERY_WINDOW_MS));
  for (const { recipient, notifications } of candidates) {
    if (!(await deps.outbox.claimDigest(recipient.id, day, now))) continue;
    const mail = digestMail(notifications, recipient.language, deps.publicUrl);
    try {
      await deps.mailer.send({ to: recipient.email, subject: mail.subject, text: mail.body, language: recipient.language });
      report.sent++;
    } catch (error) {
      report.failed++;
      await deps.outbox.releaseDigest(recipient.id, day);
      deps.onError?.(error, `digest:${recipient.id}:${day}`);
    }
  }
  return report;
}
