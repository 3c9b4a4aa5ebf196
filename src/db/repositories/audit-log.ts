import { type CompiledQuery, type Kysely, SqliteAdapter, type Transaction } from 'kysely';
import type { StoredAuditEvent } from '../../core/audit/audit-chain.js';
import { sealEvent } from '../../core/audit/audit-chain.js';
import type { AuditLog, AuditRecord, HistoryEntry, HistoryPage, HistoryPageRequest } from '../../core/audit/ports.js';
import type { AuditEventTable, DB } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

function toEvent(row: AuditEventTable): StoredAuditEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: row.changes,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The audit trail on Kysely. `append` must run inside a transaction (the unit of work's): it
 * takes the head row's lock (`FOR UPDATE` on PostgreSQL; SQLite has one writer at a time), seals
 * the event after it and moves the head, so concurrent writers append one after the other and the
 * chain stays linear.
 */
export class KyselyAuditLog implements AuditLog {
  private historyQuery: CompiledQuery<HistoryEntry> | undefined;

  constructor(private readonly db: Executor) {}

  async append(record: AuditRecord): Promise<StoredAuditEvent> {
    if (!this.db.isTransaction) throw new Error('audit events are appended inside the transaction of the change');
    let head = this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (!(this.db.getExecutor().adapter instanceof SqliteAdapter)) head = head.forUpdate();
    const last = await head.executeTakeFirstOrThrow();
    const event = sealEvent(record, { seq: Number(last.seq), hash: last.hash });
    await this.db
      .insertInto('audit_events')
      .values({
        seq: event.seq,
        at: event.at,
        actor: event.actor,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        changes: event.changes,
        prev_hash: event.prevHash,
        hash: event.hash,
      })
      .execute();
    await this.db.updateTable('audit_head').set({ seq: event.seq, hash: event.hash }).where('id', '=', 1).execute();
    return event;
  }

  async history(entityType: string, entityId: string, page: HistoryPageRequest): Promise<HistoryPage> {
    // Compiled once per repository (building a Kysely query costs more than SQLite's answer);
    // only the columns a history shows, through the index on (entity_type, entity_id, seq).
    this.historyQuery ??= this.db
      .selectFrom('audit_events')
      .select(['seq', 'at', 'actor', 'action', 'changes'])
      .where('entity_type', '=', '')
      .where('entity_id', '=', '')
      .where('seq', '>', 0)
      .orderBy('seq')
      .limit(1)
      .compile();
    const query = this.historyQuery;
    const { rows } = await this.db.executeQuery<HistoryEntry>({
      ...query,
      parameters: [entityType, entityId, page.after, page.limit + 1],
    });
    const more = rows.length > page.limit;
    const events = (more ? rows.slice(0, page.limit) : rows).map((row) => ({ ...row, seq: Number(row.seq) }));
    return { events, more };
  }

  /** Every event in order, in pages (keyset on seq), for `schakel audit verify`. */
  async *all(pageSize = 10_000): AsyncGenerator<StoredAuditEvent[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_events')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      if (rows.length === 0) return;
      const events = rows.map(toEvent);
      yield events;
      after = (events.at(-1) as StoredAuditEvent).seq;
    }
  }

  /** The head as recorded (to compare with a head kept outside the database). */
  async head(): Promise<{ seq: number; hash: string }> {
    const row = await this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash };
  }
}
