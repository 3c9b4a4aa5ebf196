import pg from 'pg';
import { type ChangeTokens, TABLE_KINDS } from './change-tokens.js';
import { CHANGES_CHANNEL } from './migrations/20261128014500-change-notifications.js';

export interface ChangeFeedOptions {
  /** First wait before reconnecting after the connection is lost (doubles up to `maxRetryMs`). */
  retryMs?: number;
  maxRetryMs?: number;
  /** Told when the feed stops or starts listening (for logs). */
  onStateChange?: (listening: boolean, error?: unknown) => void;
  /**
   * The tokens per kind of data a notification naming a known table moves (TABLE_KINDS); without
   * them, or for another table or no name, every notification moves `token()`.
   */
  tokens?: ChangeTokens;
}

/**
 * The change token of a PostgreSQL database: a dedicated connection LISTENs on the channel the
 * watched tables' triggers notify at every commit (migration 20261128014500), and the token
 * counts the notifications. While the connection is down the token is undefined — nothing can be
 * known to be current, so nothing may be kept — and after a reconnect it moves on, since
 * notifications sent in between are lost.
 *
 * Another process's commit reaches this process a moment after the commit (the notification's
 * trip, typically well under a millisecond on one host): for that moment a kept answer can be older
 * than the newest commit, as a read that started just before it would be. This process's own
 * commits move the tokens of their kinds at once (the unit of work). Each trigger names its table
 * (migration 20261201110000): with `tokens`, a notification of a table of a known kind moves only
 * that kind's token; any other moves every token.
 */
export class PostgresChangeFeed {
  private client: pg.Client | undefined;
  private listening = false;
  private changes = 0;
  private closed = false;
  private retryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly options: ChangeFeedOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 500;
  }

  /** Connects and listens; resolves once listening (or once the first attempt failed and a retry is planned). */
  start(): Promise<void> {
    this.starting ??= this.connect();
    return this.starting;
  }

  /** The current token, or undefined while not listening. */
  token(): number | undefined {
    return this.listening ? this.changes : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.starting?.catch(() => {});
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'schakel-changes' });
    client.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL) return;
      const table = message.payload ?? '';
      const kind = this.options.tokens && Object.hasOwn(TABLE_KINDS, table) ? TABLE_KINDS[table] : undefined;
      if (kind) this.options.tokens?.bump([kind]);
      else this.changes += 1;
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      // Whatever was committed while nobody listened: everything kept before is suspect.
      this.changes += 1;
      this.listening = true;
      this.retryMs = this.options.retryMs ?? 500;
      this.options.onStateChange?.(true);
    } catch (error) {
      await client.end().catch(() => {});
      this.lost(undefined, error);
    }
  }

  private lost(client: pg.Client | undefined, error?: unknown): void {
    if (client !== undefined && client !== this.client) return;
    client?.end().catch(() => {});
    const wasListening = this.listening;
    this.listening = false;
    this.client = undefined;
    if (wasListening || error !== undefined) this.options.onStateChange?.(false, error);
    if (this.closed || this.timer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(wait * 2, this.options.maxRetryMs ?? 30_000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.starting = this.connect();
    }, wait);
    this.timer.unref();
  }
}
