import type { Role } from '../access/actor.js';
import type { EscalationLevel } from '../monitoring/escalation.js';
import type { Language } from '../shared/language.js';

/**
 * What a user is told about. Each kind has a subject and a body in every language (messages.ts);
 * `digest` is the daily mail that sums up the others and is never a notification of its own.
 */
export const NOTIFICATION_KINDS = [
  'routing_request',
  'reminder_before_due',
  'reminder_overdue',
  'escalation',
  'state_of_play_request',
  'state_of_play_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds of mail: one per notification kind, and the daily digest. */
export type MailKind = NotificationKind | 'digest';

/**
 * The facts a message is written from. Only what every recipient may read: an obstacle's reference
 * and title (in the caller's words), a due date, an organisation's key. Never a person's name or
 * address (a notification is shown to whoever it is addressed to, in the inbox and in a mail).
 */
export interface NotificationParams {
  /** An obstacle's reference (`GB-2026-0001`). */
  reference?: string;
  /** A title to show, already in the language the caller chose (or a localized one, see `titles`). */
  title?: string;
  /** The title per language: the recipient's language when present, else the first of nl, fr, de, en; else `title`. */
  titles?: Partial<Record<Language, string>>;
  /** A date (YYYY-MM-DD) something is due. */
  dueDate?: string;
  /** The key of an organisation (a department, a governing body's organisation). */
  organisation?: string;
  /** A number of days (overdue by, due in). */
  days?: number;
  /** An action's title per language (reminders and escalations of an action). */
  actionTitles?: Partial<Record<Language, string>>;
  /** The level an escalation reached. */
  level?: EscalationLevel;
  /** The key of a governing body (a political escalation: the body whose agenda it goes to). */
  body?: string;
  /** That body's name per language. */
  bodyNames?: Partial<Record<Language, string>>;
}

export interface Notification {
  id: string;
  userId: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** A path in the web app (`/obstacles/GB-2026-0001`); mails make it absolute with PUBLIC_URL. */
  link: string;
  createdAt: Date;
  readAt: Date | null;
  emailedAt: Date | null;
}

/** Who a notification goes to: these users, and/or the active users of an organisation and/or a role. */
export interface Audience {
  users?: readonly string[];
  /** Active users of this organisation (of `role` when given too). */
  organisation?: string;
  /** Active users of this role (in `organisation` when given too). */
  role?: Role;
}

/** A recipient as mails need them: where, in which language, and whether only the digest. */
export interface Recipient {
  id: string;
  email: string;
  language: Language;
  digestOnly: boolean;
}

/** A path in the app: starts with one `/`, no scheme, no host, no spaces. */
export function isAppPath(value: string): boolean {
  return value.length <= 500 && /^\/(?![/\\])[^\s]*$/.test(value);
}
