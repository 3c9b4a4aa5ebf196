import type { IdGenerator } from '../obstacles/ports.js';
import type { Audience, Notification, NotificationKind, NotificationParams } from './notification.js';
import { isAppPath } from './notification.js';
import type { NotificationOutbox } from './ports.js';

export interface NotifyInput {
  recipients: Audience;
  kind: NotificationKind;
  params: NotificationParams;
  /** A path in the web app the notification opens (`/obstacles/GB-2026-0001`). */
  link: string;
}

/**
 * Tells users about something, inside the caller's transaction (the transactional outbox): the
 * notifications commit with the change they tell about, or roll back with it. The recipients are
 * resolved now: the users named, and the active users of `organisation` and/or `role`; disabled
 * users and repeats are left out. Mails follow after the commit (the `deliver-notifications` job,
 * in the recipient's language; digest-only users get them in the daily digest).
 *
 *   await uow.transaction(async (repositories) => {
 *     … the change …
 *     await notify(repositories, { ids, at: now }, {
 *       recipients: { organisation: 'nl-szw', role: 'department' },
 *       kind: 'routing_request',
 *       params: { reference: obstacle.reference, titles: obstacle.title, organisation: 'nl-szw', dueDate: '2026-12-31' },
 *       link: `/obstacles/${obstacle.reference}`,
 *     });
 *   });
 *
 * Params are shown to every recipient: put in only what each of them may read (no reporter's
 * name or address, no title of an obstacle they cannot read). Returns the notifications written.
 */
export async function notify(
  scope: { notifications: NotificationOutbox },
  context: { ids: IdGenerator; at: Date },
  input: NotifyInput,
): Promise<Notification[]> {
  if (!isAppPath(input.link)) throw new Error(`notify: the link must be a path of the app, not ${JSON.stringify(input.link)}`);
  const users = await scope.notifications.recipients(input.recipients);
  const rows: Notification[] = users.map((userId) => ({
    id: context.ids.newId(),
    userId,
    kind: input.kind,
    params: input.params,
    link: input.link,
    createdAt: context.at,
    readAt: null,
    emailedAt: null,
  }));
  await scope.notifications.insert(rows);
  return rows;
}
