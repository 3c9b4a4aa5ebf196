import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  InboxQuery,
  type InboxResponse,
  InboxSchema,
  NotificationIdParams,
  NotificationReadSchema,
  PreferencesPatch,
  type PreferencesResponse,
  PreferencesSchema,
  ReadAllSchema,
} from '../../contracts/inbox.contract.js';
import { setPreferences } from '../../core/identity/preferences.js';
import type { User } from '../../core/identity/user.js';
import { markAllNotificationsRead, markNotificationRead, readInbox } from '../../core/notifications/inbox.js';
import { renderNotification } from '../../core/notifications/messages.js';
import type { Notification } from '../../core/notifications/notification.js';
import { AppError } from '../../core/shared/errors.js';
import type { Language } from '../../core/shared/language.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';
import { decodeInboxCursor, encodeInboxCursor } from '../presenters/cursor.js';
import { parseIfMatch } from './obstacles.js';

const tags = ['inbox'];

function presentNotification(n: Notification, language: Language): InboxResponse['items'][number] {
  const { subject, body } = renderNotification(n, language);
  return {
    id: n.id,
    kind: n.kind,
    subject,
    body,
    params: n.params,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    emailedAt: n.emailedAt ? n.emailedAt.toISOString() : null,
  };
}

function presentPreferences(user: User, mailEnabled: boolean): PreferencesResponse {
  return { language: user.language, digestOnly: user.digestOnly, version: user.version, mailEnabled };
}

function private_(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

/** The signed-in user's inbox (notifications, newest first) and notification preferences. */
export function inboxRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { persistence, clock, identity } = context;

  api.get(
    '/api/v1/inbox',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'My notifications, newest first',
        description:
          'Only your own notifications, `unread=true` for the unread ones only; `limit` per page and `nextCursor`. `unread` counts all your unread notifications. Subjects and bodies are in the language of Accept-Language.',
        querystring: InboxQuery,
        response: { 200: InboxSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { limit, cursor, unread } = request.query;
      const after = cursor === undefined ? undefined : decodeInboxCursor(cursor);
      const page = await readInbox({
        actor: request.actor,
        outbox: persistence.notifications,
        query: { unreadOnly: unread === 'true', limit, after },
      });
      const last = page.items.at(-1);
      return private_(reply).send({
        items: page.items.map((n) => presentNotification(n, request.language)),
        nextCursor: page.more && last ? encodeInboxCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
        unread: page.unread,
      });
    },
  );

  api.post(
    '/api/v1/inbox/:id/read',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        description:
          'Marking a read notification again changes nothing. Another user’s notification is not found (404). With the session cookie, send X-CSRF-Token (403 without).',
        params: NotificationIdParams,
        response: { 200: NotificationReadSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { notification, unread } = await markNotificationRead({
        actor: request.actor,
        id: request.params.id,
        uow: persistence,
        clock,
      });
      return private_(reply).send({ notification: presentNotification(notification, request.language), unread });
    },
  );

  api.post(
    '/api/v1/inbox/read-all',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        description: 'With the session cookie, send X-CSRF-Token (403 without).',
        response: { 200: ReadAllSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { marked } = await markAllNotificationsRead({ actor: request.actor, uow: persistence, clock });
      return private_(reply).send({ marked, unread: 0 as const });
    },
  );

  api.get(
    '/api/v1/session/preferences',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'My notification preferences',
        description: 'The ETag is the version of your account: send it as If-Match to change them.',
        response: { 200: PreferencesSchema, 401: ProblemSchema },
      },
    },
    async (request, reply) => {
      const auth = request.authentication;
      if (auth.via === 'none') throw new AppError('unauthenticated');
      const user = (await identity.findUserById(auth.user.id)) ?? auth.user;
      return private_(reply).header('etag', `"${user.version}"`).send(presentPreferences(user, app.mailEnabled));
    },
  );

  api.patch(
    '/api/v1/session/preferences',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Change my notification preferences',
        description:
          'The language of my mails and whether I want only the daily digest. With `If-Match: "<version>"` of my account (428 without, 412 when stale); the version goes up. With the session cookie, send X-CSRF-Token (403 without).',
        body: PreferencesPatch,
        response: {
          200: PreferencesSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          412: ProblemSchema,
          428: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const expectedVersion = parseIfMatch(request.headers['if-match']);
      const user = await setPreferences({
        actor: request.actor,
        changes: request.body,
        expectedVersion,
        store: identity,
        clock,
      });
      return private_(reply).header('etag', `"${user.version}"`).send(presentPreferences(user, app.mailEnabled));
    },
  );
}
