import { z } from 'zod';
import { LANGUAGE_KEYS } from './common.contract.js';

/** The kinds of notification (core/notifications NOTIFICATION_KINDS; contracts.test.ts keeps them equal). */
export const NOTIFICATION_KIND_KEYS = [
  'routing_request',
  'reminder_before_due',
  'reminder_overdue',
  'escalation',
  'state_of_play_request',
  'state_of_play_reminder',
] as const;

export const InboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional().meta({ description: '`true`: only unread notifications (default: all).' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Notifications per page, 1–100 (default 20).' }),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page.' }),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const NotificationIdParams = z.object({
  id: z.string().min(1).max(64).meta({ description: 'The id of a notification of your inbox.' }),
});

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KIND_KEYS),
    subject: z.string().meta({ description: 'The subject, in the language of Accept-Language.' }),
    body: z.string().meta({ description: 'The message, in the language of Accept-Language.' }),
    params: z
      .object({
        reference: z.string().optional(),
        title: z.string().optional(),
        titles: z.record(z.string(), z.string()).optional(),
        dueDate: z.string().optional(),
        organisation: z.string().optional(),
        days: z.number().optional(),
        actionTitles: z.record(z.string(), z.string()).optional(),
        level: z.enum(['official', 'administrative', 'political']).optional(),
        body: z.string().optional(),
        bodyNames: z.record(z.string(), z.string()).optional(),
      })
      .meta({ description: 'The facts the message is written from.' }),
    link: z.string().meta({ description: 'A path of the web app to open.' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    emailedAt: z.string().nullable().meta({ description: 'When its mail was sent; null when none (yet).' }),
  })
  .meta({ id: 'Notification' });

export const InboxSchema = z
  .object({
    items: z.array(NotificationSchema).meta({ description: 'Newest first.' }),
    nextCursor: z.string().nullable(),
    unread: z.number().int().meta({ description: 'How many of your notifications are unread (all pages).' }),
  })
  .meta({ id: 'Inbox' });
export type InboxResponse = z.infer<typeof InboxSchema>;

export const NotificationReadSchema = z
  .object({ notification: NotificationSchema, unread: z.number().int() })
  .meta({ id: 'NotificationRead' });

export const ReadAllSchema = z
  .object({ marked: z.number().int().meta({ description: 'How many were unread and are read now.' }), unread: z.literal(0) })
  .meta({ id: 'ReadAll' });

export const PreferencesSchema = z
  .object({
    language: z.enum(LANGUAGE_KEYS).meta({ description: 'The language of your mails.' }),
    digestOnly: z.boolean().meta({ description: 'Only the daily digest (07:00, Brussels), no mail per notification.' }),
    version: z.number().int().meta({ description: 'The version of your account: send it as If-Match to change these.' }),
    mailEnabled: z.boolean().meta({ description: 'Whether this server sends mail at all (false: inbox only).' }),
  })
  .meta({ id: 'Preferences' });
export type PreferencesResponse = z.infer<typeof PreferencesSchema>;

export const PreferencesPatch = z
  .strictObject({
    language: z.enum(LANGUAGE_KEYS).optional(),
    digestOnly: z.boolean().optional(),
  })
  .meta({ id: 'PreferencesPatch' });
