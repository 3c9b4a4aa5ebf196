import type { Audience, Notification, Recipient } from './notification.js';

/** Where the next page of an inbox starts: after this notification (newest first). */
export interface InboxAfter {
  createdAt: string;
  id: string;
}

export interface InboxQuery {
  unreadOnly: boolean;
  limit: number;
  after?: InboxAfter;
}

export interface InboxPage {
  items: Notification[];
  /** Whether more follow the last item. */
  more: boolean;
}

/** A notification claimed for its e-mail, with where it goes. */
export interface ClaimedNotification {
  notification: Notification;
  recipient: Recipient;
}

export interface DigestCandidate {
  recipient: Recipient;
  notifications: Notification[];
}

/**
 * The transactional outbox of notifications. Bound to a transaction (UnitOfWork `notifications`),
 * `insert` writes in the caller's transaction: the notification commits with the change it tells
 * about, or not at all. Delivery (outside any transaction) claims rows so that one mail is sent
 * once, whatever the number of server processes.
 */
export interface NotificationOutbox {
  /** The ids of the active (not disabled) users of an audience, each once. */
  recipients(audience: Audience): Promise<string[]>;
  insert(notifications: readonly Notification[]): Promise<void>;
  /** A user's own notifications, newest first. */
  list(userId: string, query: InboxQuery): Promise<InboxPage>;
  unreadCount(userId: string): Promise<number>;
  /** One of the user's own notifications (another user's is undefined). */
  find(userId: string, id: string): Promise<Notification | undefined>;
  /** Marks unread notifications of the user read (`all`, or these ids); returns the ids it marked. */
  markRead(userId: string, which: readonly string[] | 'all', at: Date): Promise<string[]>;
  /**
   * Claims up to `limit` notifications not yet e-mailed, created after `since`, of active users who
   * want single mails, and not claimed by anyone since `staleBefore` (a claim older than that was
   * left by a process that died). Two processes never get the same row.
   */
  claimForDelivery(claim: {
    token: string;
    at: Date;
    since: Date;
    staleBefore: Date;
    limit: number;
  }): Promise<ClaimedNotification[]>;
  markEmailed(ids: readonly string[], at: Date): Promise<void>;
  /** Gives claimed rows back (their mail failed): a later run tries again. */
  releaseClaim(ids: readonly string[]): Promise<void>;
  /** Active users with unread notifications created after `since`, with those notifications (oldest first). */
  digestCandidates(since: Date): Promise<DigestCandidate[]>;
  /** Records the digest of a user for a day; false when it was recorded already (by this or another process). */
  claimDigest(userId: string, day: string, at: Date): Promise<boolean>;
  /** Forgets a digest that could not be sent, so a later run sends it. */
  releaseDigest(userId: string, day: string): Promise<void>;
}

/** One e-mail. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  language: string;
}

/** Sends e-mail (nodemailer over SMTP in production). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
