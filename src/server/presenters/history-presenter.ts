import type { HistoryEventResponse, HistoryResponse } from '../../contracts/obstacles.contract.js';
import { type Actor, can, type ObstacleResource } from '../../core/access/access.js';
import type { AuditDetails } from '../../core/audit/audit-record.js';
import type { HistoryEntry } from '../../core/audit/ports.js';
import type { ObstacleStatus, Reporter } from '../../core/obstacles/obstacle.js';

/** Who made a change, as the history names them. */
export interface HistoryActor {
  kind: 'user' | 'public' | 'system';
  name?: string;
  organisation?: string | null;
}

/** A reporter as the caller may see it: personal data only when core/access allows. */
function redactReporter(value: unknown, actor: Actor, access: ObstacleResource): unknown {
  if (value === null || typeof value !== 'object') return value;
  const r = value as Reporter;
  const visible = can(actor, 'read_reporter', { ...access, reporterOrganisation: r.organisation ?? null });
  return visible ? r : { type: r.type, ...(r.organisation !== undefined ? { organisation: r.organisation } : {}) };
}

function redact(field: string, value: unknown, actor: Actor, access: ObstacleResource): unknown {
  if (field === 'reporter') return redactReporter(value, actor, access);
  if (field === 'coReporters' && Array.isArray(value)) return value.map((r) => redactReporter(r, actor, access));
  return value;
}

/**
 * A page of the history of an obstacle for one caller: each event with its actor (names only for
 * signed-in callers), the move it made, and its changed fields; reporters' personal data stripped
 * for callers who may not read it (decided on the obstacle's `access`).
 */
export function presentHistory(
  access: ObstacleResource,
  events: readonly HistoryEntry[],
  actor: Actor,
  actors: ReadonlyMap<string, HistoryActor>,
  nextCursor: string | null,
): HistoryResponse {
  const items = events.map((event): HistoryEventResponse => {
    const details = JSON.parse(event.changes) as AuditDetails;
    const fields = details.fields ?? {};
    const status = fields.status as { before: ObstacleStatus | null; after: ObstacleStatus } | undefined;
    const who = actors.get(event.actor) ?? { kind: 'user' as const };
    return {
      seq: event.seq,
      at: event.at,
      action: event.action,
      actor:
        actor.kind === 'user'
          ? who
          : { kind: who.kind, ...(who.organisation !== undefined ? { organisation: who.organisation } : {}) },
      transition: details.transition ?? null,
      from: event.action === 'obstacle.transition' ? (status?.before ?? null) : null,
      to: event.action === 'obstacle.transition' || event.action === 'obstacle.create' ? (status?.after ?? null) : null,
      reason: details.reason ?? null,
      decision: typeof details.decision === 'string' ? details.decision : null,
      changes: Object.entries(fields).map(([field, change]) => ({
        field,
        before: redact(field, change.before, actor, access),
        after: redact(field, change.after, actor, access),
      })),
    };
  });
  return { items, nextCursor };
}
