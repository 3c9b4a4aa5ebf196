import type { Actor } from '../access/actor.js';
import { type AuditAction, type AuditDetails, auditRecord, changedFields } from '../audit/audit-record.js';
import type { AuditLog } from '../audit/ports.js';
import type { Obstacle, Reporter } from './obstacle.js';

/**
 * An obstacle as the audit trail sees it: every field a person can change or a move sets, flat
 * (the analysis part by part), so an event names exactly what changed. Links to related obstacles
 * are their ids.
 */
export function auditSnapshot(o: Obstacle) {
  return {
    title: o.title,
    summary: o.summary,
    description: o.description,
    sourceLanguage: o.sourceLanguage,
    status: o.status,
    visibility: o.visibility,
    reporter: o.reporter,
    coReporters: o.coReporters,
    channel: o.channel,
    reportedOn: o.reportedOn,
    segment: o.segment,
    governments: o.governments,
    regions: o.regions,
    municipalities: o.municipalities,
    affectedGroups: o.affectedGroups,
    estimatedAffected: o.estimatedAffected,
    evidence: o.evidence,
    themes: o.themes,
    type: o.type,
    provisions: o.provisions,
    'analysis.description': o.analysis.description,
    'analysis.solutions': o.analysis.solutions,
    'analysis.derogation': o.analysis.derogation,
    'analysis.otherAspects': o.analysis.otherAspects,
    'analysis.references': o.analysis.references,
    referredTo: o.referredTo,
    mergedInto: o.mergedInto?.id ?? null,
    related: o.links
      .filter((l) => l.kind === 'related')
      .map((l) => l.id)
      .sort(),
  };
}
export type AuditSnapshot = ReturnType<typeof auditSnapshot>;
/** Every key of the snapshot: a key missing here is a compile error (the Record below). */
const AUDITED: Record<keyof AuditSnapshot, true> = {
  title: true,
  summary: true,
  description: true,
  sourceLanguage: true,
  status: true,
  visibility: true,
  reporter: true,
  coReporters: true,
  channel: true,
  reportedOn: true,
  segment: true,
  governments: true,
  regions: true,
  municipalities: true,
  affectedGroups: true,
  estimatedAffected: true,
  evidence: true,
  themes: true,
  type: true,
  provisions: true,
  'analysis.description': true,
  'analysis.solutions': true,
  'analysis.derogation': true,
  'analysis.otherAspects': true,
  'analysis.references': true,
  referredTo: true,
  mergedInto: true,
  related: true,
};
export const AUDITED_FIELDS = Object.keys(AUDITED) as (keyof AuditSnapshot)[];

/** Fields whose values carry reporters' personal data (shown only to those who may read it). */
export const REPORTER_FIELDS = ['reporter', 'coReporters'] as const;

/** What the trail stores in place of a reporter's name, e-mail address or telephone number. */
export const WITHHELD = '[withheld]';

/**
 * A reporter as the audit trail stores it: the kind of reporter and the organisation, and for each
 * piece of personal data only that it is there. The trail is append-only and hash-chained, so what
 * enters it can never be erased; reporters' contact details must stay erasable (GDPR art. 17), so
 * they never enter it. Whether they changed is still recorded: the change is found on the full
 * values, and the event names the field.
 */
export function withoutPersonalData(reporter: Reporter): Record<string, string> {
  return {
    type: reporter.type,
    ...(reporter.organisation !== undefined ? { organisation: reporter.organisation } : {}),
    ...(reporter.name !== undefined ? { name: WITHHELD } : {}),
    ...(reporter.email !== undefined ? { email: WITHHELD } : {}),
    ...(reporter.phone !== undefined ? { phone: WITHHELD } : {}),
  };
}

function withholdPersonalData(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (field === 'reporter') return withoutPersonalData(value as Reporter);
  if (field === 'coReporters' && Array.isArray(value)) return (value as Reporter[]).map(withoutPersonalData);
  return value;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * Appends the event of a change of an obstacle to the audit trail (in the caller's transaction):
 * the fields that differ between `before` and `after` (on a create, every field that has a value).
 */
export async function auditObstacle(options: {
  audit: AuditLog;
  actor: Actor;
  at: Date;
  action: AuditAction;
  before: Obstacle | undefined;
  after: Obstacle;
  details?: Omit<AuditDetails, 'fields'>;
}): Promise<void> {
  const before = options.before && auditSnapshot(options.before);
  const fields = changedFields(before, auditSnapshot(options.after), AUDITED_FIELDS);
  if (before === undefined) {
    for (const [name, change] of Object.entries(fields)) if (isEmpty(change.after)) delete fields[name];
  }
  for (const field of REPORTER_FIELDS) {
    const change = fields[field];
    if (change) {
      fields[field] = { before: withholdPersonalData(field, change.before), after: withholdPersonalData(field, change.after) };
    }
  }
  await options.audit.append(
    auditRecord({
      actor: options.actor,
      at: options.at,
      action: options.action,
      entityType: 'obstacle',
      entityId: options.after.id,
      details: { ...options.details, fields },
    }),
  );
}
