import { type Actor, can, denied } from '../access/access.js';
import { auditRecord } from '../audit/audit-record.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { AppError } from '../shared/errors.js';
import type { Notification } from './notification.js';
import type { InboxPage, InboxQuery, NotificationOutbox } from './ports.js';

function signedIn(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user' || !can(actor, 'read_inbox')) throw denied(actor);
  return actor;
}

/** The caller's own notifications, newest first, and how many are unread. */
export async function readInbox(options: {
  actor: Actor;
  outbox: NotificationOutbox;
  query: InboxQuery;
}): Promise<InboxPage & { unread: number }> {
  const user = signedIn(options.actor);
  const [page, unread] = await Promise.all([
    options.outbox.list(user.userId, options.query),
    options.outbox.unreadCount(user.userId),
  ]);
  return { ...page, unread };
}

/**
 * Marks one of the caller's notifications read (again: nothing changes). Another user's
 * notification is not found (404): an inbox is private. One transaction with its audit event.
 */
export async function markNotificationRead(options: {
  actor: Actor;
  id: string;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<{ notification: Notification; unread: number }> {
  const user = signedIn(options.actor);
  return options.uow.transaction(async ({ notifications, audit }) => {
    const found = await notifications.find(user.userId, options.id);
    if (!found) throw new AppError('notification_not_found', { params: { id: options.id } });
    const now = options.clock.now();
    const marked = await notifications.markRead(user.userId, [found.id], now);
    if (marked.length > 0) {
      await audit.append(
        auditRecord({
          actor: options.actor,
          at: now,
          action: 'notification.read',
          entityType: 'user',
          entityId: user.userId,
          details: { notifications: marked },
        }),
      );
    }
    const after = await notifications.find(user.userId, found.id);
    if (!after) throw new Error(`notification ${found.id} vanished inside its own transaction`);
    return { notification: after, unread: await notifications.unreadCount(user.userId) };
  });
}

/** Marks every unread notification of the caller read; returns how many it marked. */
export async function markAllNotificationsRead(options: {
  actor: Actor;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<{ marked: number }> {
  const user = signedIn(options.actor);
  return options.uow.transaction(async ({ notifications, audit }) => {
    const now = options.clock.now();
    const marked = await notifications.markRead(user.userId, 'all', now);
    if (marked.length > 0) {
      await audit.append(
        auditRecord({
          actor: options.actor,
          at: now,
          action: 'notification.read',
          entityType: 'user',
          entityId: user.userId,
          details: { notifications: marked },
        }),
      );
    }
    return { marked: marked.length };
  });
}
