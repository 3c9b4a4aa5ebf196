import type { AuditEventContent, StoredAuditEvent } from './audit-chain.js';

/** An event as a history shows it: its place, time, actor, action and details (no hashes). */
export type HistoryEntry = Pick<StoredAuditEvent, 'seq' | 'at' | 'actor' | 'action' | 'changes'>;

export interface HistoryPageRequest {
  after: number;
  limit: number;
}

export interface HistoryPage {
  events: HistoryEntry[];
  /** Whether events follow the last one of this page. */
  more: boolean;
}

/** What a use case records: the audit log gives it its place in the chain. */
export type AuditRecord = Omit<AuditEventContent, 'seq'>;

/**
 * The audit trail. Appending is the only write; a repository bound to a transaction appends in
 * that transaction, so the event commits or rolls back with the change it records.
 */
export interface AuditLog {
  append(record: AuditRecord): Promise<StoredAuditEvent>;
  /** A page of the events of one entity, oldest first: those after `after` (a seq; 0 from the start), at most `limit`. */
  history(entityType: string, entityId: string, page: HistoryPageRequest): Promise<HistoryPage>;
}
