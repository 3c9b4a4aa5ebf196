import type { User } from '../core/identity/user.js';

/** A user as a history or a list shows who did something. */
export interface ActorName {
  name: string;
  organisation: string;
}

interface Entry {
  value: ActorName | null;
  until: number;
}

/**
 * The names and organisations of users, as histories show who made each change, kept briefly in
 * this process: a history names a handful of users, the same ones across many requests, and
 * looking them up was a tenth of a history's cost. A rename or move shows in histories within
 * `ttlMs` (30 s); nothing else reads these (access decisions never do). Unknown ids are kept as
 * unknown for as long. At most `max` users are kept; the oldest go first.
 */
export class ActorNames {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly findUsersByIds: (ids: readonly string[]) => Promise<Pick<User, 'id' | 'name' | 'organisation'>[]>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 30_000,
    private readonly max = 10_000,
  ) {}

  /** The users among `ids` that exist, by id (looking up only those not kept or expired). */
  async lookup(ids: Iterable<string>): Promise<Map<string, ActorName>> {
    const now = this.now();
    const found = new Map<string, ActorName>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const entry = this.entries.get(id);
      if (entry && entry.until > now) {
        if (entry.value) found.set(id, entry.value);
      } else {
        missing.push(id);
      }
    }
    if (missing.length === 0) return found;
    const users = await this.findUsersByIds(missing);
    const until = now + this.ttlMs;
    const byId = new Map(users.map((u) => [u.id, { name: u.name, organisation: u.organisation }]));
    for (const id of missing) {
      const value = byId.get(id) ?? null;
      this.entries.delete(id);
      this.entries.set(id, { value, until });
      if (value) found.set(id, value);
    }
    // Maps keep insertion order: the first keys are the oldest lookups.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(key);
    }
    return found;
  }
}
