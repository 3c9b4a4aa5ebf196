import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Audience, Notification, NotificationKind, Recipient } from '../../core/notifications/notification.js';
import type {
  ClaimedNotification,
  DigestCandidate,
  InboxPage,
  InboxQuery,
  NotificationOutbox,
} from '../../core/notifications/ports.js';
import { DEFAULT_LANGUAGE, isLanguage } from '../../core/shared/language.js';
import type { DB, NotificationTable } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

const iso = (d: Date) => d.toISOString();

function toNotification(row: Selectable<NotificationTable>): Notification {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as NotificationKind,
    params: JSON.parse(row.params),
    link: row.link,
    createdAt: new Date(row.created_at),
    readAt: row.read_at === null ? null : new Date(row.read_at),
    emailedAt: row.emailed_at === null ? null : new Date(row.emailed_at),
  };
}

function toRecipient(row: { user_id: string; email: string; language: string; digest_only: number }): Recipient {
  return {
    id: row.user_id,
    email: row.email,
    language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
    digestOnly: Number(row.digest_only) === 1,
  };
}

/**
 * The outbox of notifications in Kysely, on SQLite and PostgreSQL alike. Claims are single
 * UPDATE statements whose WHERE names the unclaimed state: on PostgreSQL a second process that
 * waited for the row lock finds the row claimed when it re-reads it and leaves it; SQLite writes
 * one statement at a time.
 */
export class KyselyNotificationOutbox implements NotificationOutbox {
  constructor(private readonly db: Executor) {}

  async recipients(audience: Audience): Promise<string[]> {
    const found = new Set<string>();
    const users = [...new Set(audience.users ?? [])];
    if (users.length > 0) {
      const rows = await this.db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', users)
        .where('disabled_at', 'is', null)
        .execute();
      for (const row of rows) found.add(row.id);
    }
    if (audience.organisation !== undefined || audience.role !== undefined) {
      let query = this.db.selectFrom('users').select('id').where('disabled_at', 'is', null);
      if (audience.organisation !== undefined) query = query.where('organisation_key', '=', audience.organisation);
      if (audience.role !== undefined) query = query.where('role', '=', audience.role);
      for (const row of await query.execute()) found.add(row.id);
    }
    return [...found].sort();
  }

  async insert(notifications: readonly Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.db
      .insertInto('notifications')
      .values(
        notifications.map((n) => ({
          id: n.id,
          user_id: n.userId,
          kind: n.kind,
          params: JSON.stringify(n.params),
          link: n.link,
          created_at: iso(n.createdAt),
          read_at: n.readAt ? iso(n.readAt) : null,
          emailed_at: n.emailedAt ? iso(n.emailedAt) : null,
          claimed_at: null,
          claim_token: null,
        })),
      )
      .execute();
  }

  async list(userId: string, query: InboxQuery): Promise<InboxPage> {
    let select = this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (query.unreadOnly) select = select.where('read_at', 'is', null);
    const after = query.after;
    if (after) {
      select = select.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await select
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    return { items: rows.slice(0, query.limit).map(toNotification), more: rows.length > query.limit };
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async find(userId: string, id: string): Promise<Notification | undefined> {
    const row = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toNotification(row) : undefined;
  }

  async markRead(userId: string, which: readonly string[] | 'all', at: Date): Promise<string[]> {
    if (which !== 'all' && which.length === 0) return [];
    let update = this.db
      .updateTable('notifications')
      .set({ read_at: iso(at) })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (which !== 'all') update = update.where('id', 'in', [...which]);
    const rows = await update.returning('id').execute();
    return rows.map((r) => r.id).sort();
  }

  async claimForDelivery(claim: {
    token: string;
    at: Date;
    since: Date;
    staleBefore: Date;
    limit: number;
  }): Promise<ClaimedNotification[]> {
    const candidates = await this.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('n.id')
      .where('n.emailed_at', 'is', null)
      .where('n.created_at', '>', iso(claim.since))
      .where((eb) => eb.or([eb('n.claimed_at', 'is', null), eb('n.claimed_at', '<', iso(claim.staleBefore))]))
      .where('u.disabled_at', 'is', null)
      .where('u.digest_only', '=', 0)
      .orderBy('n.created_at')
      .orderBy('n.id')
      .limit(claim.limit)
      .execute();
    if (candidates.length === 0) return [];
    // The WHERE repeats the unclaimed state: the process that waited for another's claim of a row
    // re-reads the row and no longer matches it.
    await this.db
      .updateTable('notifications')
      .set({ claimed_at: iso(claim.at), claim_token: claim.token })
      .where(
        'id',
        'in',
        candidates.map((c) => c.id),
      )
      .where('emailed_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', iso(claim.staleBefore))]))
      .execute();
    const rows = await this.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .selectAll('n')
      .select(['u.email', 'u.language', 'u.digest_only'])
      .where('n.claim_token', '=', claim.token)
      .where('n.emailed_at', 'is', null)
      .orderBy('n.created_at')
      .orderBy('n.id')
      .execute();
    return rows.map((row) => ({ notification: toNotification(row), recipient: toRecipient(row) }));
  }

  async markEmailed(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('notifications')
      .set({ emailed_at: iso(at) })
      .where('id', 'in', [...ids])
      .execute();
  }

  async releaseClaim(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('notifications')
      .set({ claimed_at: null, claim_token: null })
      .where('id', 'in', [...ids])
      .where('emailed_at', 'is', null)
      .execute();
  }

  async digestCandidates(since: Date): Promise<DigestCandidate[]> {
    const rows = await this.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .selectAll('n')
      .select(['u.email', 'u.language', 'u.digest_only'])
      .where('n.read_at', 'is', null)
      .where('n.created_at', '>', iso(since))
      .where('u.disabled_at', 'is', null)
      .orderBy('n.user_id')
      .orderBy('n.created_at')
      .orderBy('n.id')
      .execute();
    const byUser = new Map<string, DigestCandidate>();
    for (const row of rows) {
      let candidate = byUser.get(row.user_id);
      if (!candidate) {
        candidate = { recipient: toRecipient(row), notifications: [] };
        byUser.set(row.user_id, candidate);
      }
      candidate.notifications.push(toNotification(row));
    }
    return [...byUser.values()];
  }

  async claimDigest(userId: string, day: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .insertInto('notification_digests')
      .values({ user_id: userId, day, sent_at: iso(at) })
      .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
      .returning('user_id')
      .execute();
    return rows.length === 1;
  }

  async releaseDigest(userId: string, day: string): Promise<void> {
    await this.db.deleteFrom('notification_digests').where('user_id', '=', userId).where('day', '=', day).execute();
  }
}
