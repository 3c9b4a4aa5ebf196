import type { AuditEventContent, StoredAuditEvent } from './audit-chain.js';

/** What a use case records: the audit log gives it its place in the chain. */
export type AuditRecord = Omit<AuditEventContent, 'seq'>;

/**
 * The audit trail. Appending is the only write; a repository bound to a transaction appends in
 * that transaction, so the event commits or rolls back with the change it records.
 */
export interface AuditLog {
  append(record: AuditRecord): Promise<StoredAuditEvent>;
  /** The events of one entity, oldest first. */
  history(entityType: string, entityId: string): Promise<StoredAuditEvent[]>;
}
