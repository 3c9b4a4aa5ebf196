import { type Actor, can, denied, obstacleAccess, reportingOrganisation } from '../access/access.js';
import { dueDate } from '../calendar/norms.js';
import { validationError } from '../shared/errors.js';
import { checkObstacle, segmentGovernments } from './check-obstacle.js';
import { emptyAnalysis, formatReference, type NewObstacle, type Obstacle, type ObstacleStatus } from './obstacle.js';
import { auditObstacle } from './obstacle-audit.js';
import type { Clock, IdGenerator, UnitOfWork } from './ports.js';

/** The calendar year in the Low Countries, which names the reference (GB-<year>-<number>). */
export function referenceYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(at));
}

export function calendarDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(at);
}

/**
 * Registers a new obstacle: checks it against the reference data, gives it the next reference
 * of the year (without gaps, also under concurrent creates), and stores it as `reported`,
 * version 1, with its audit event — all in one transaction. A partner reports for its own organisation (filled in when
 * the report names none; another one is refused), the public for none.
 */
export async function registerObstacle(options: {
  /** Who reports: core/access decides whether they may, and for which organisation. */
  actor: Actor;
  input: NewObstacle;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  /**
   * The status of a dossier imported from an earlier register whose state is known
   * (see import-obstacles.ts); a new report is always `reported`.
   */
  importedStatus?: ObstacleStatus;
}): Promise<Obstacle> {
  const { actor, uow, clock, ids } = options;
  const organisation = reportingOrganisation(actor, options.input.reporter.organisation);
  const input: NewObstacle = { ...options.input, reporter: { ...options.input.reporter, organisation } };
  if (organisation === undefined) delete input.reporter.organisation;
  if (!can(actor, 'create_obstacle', obstacleAccess({ ...input, status: 'reported' }))) throw denied(actor);
  return uow.transaction(async ({ obstacles, reference, audit, norms }) => {
    const catalogue = await reference.catalogue();
    checkObstacle(input, catalogue, 'create');
    const related = await resolveRelated(input.related, obstacles.resolveIds.bind(obstacles));

    const now = clock.now();
    const year = referenceYear(now);
    const number = await obstacles.nextReferenceNumber(year);
    const reportedOn = input.reportedOn ?? calendarDate(now);
    // The intake clock: the norm of the day the report is registered (core/calendar).
    const clarification = dueDate({ norm: await norms.get('intake_clarification'), from: reportedOn });
    const obstacle: Obstacle = {
      id: ids.newId(),
      reference: formatReference(year, number),
      title: input.title,
      summary: input.summary,
      description: input.description ?? {},
      sourceLanguage: input.sourceLanguage,
      status: options.importedStatus ?? 'reported',
      visibility: input.visibility,
      version: 1,
      createdAt: now,
      updatedAt: now,
      reporter: input.reporter,
      channel: input.channel ?? 'web',
      reportedOn,
      clarificationDue: clarification.date,
      segment: input.segment,
      governments: input.governments ?? segmentGovernments(catalogue, input.segment),
      regions: input.regions ?? [],
      municipalities: input.municipalities ?? [],
      affectedGroups: input.affectedGroups ?? {},
      estimatedAffected: input.estimatedAffected ?? null,
      evidence: input.evidence ?? [],
      themes: input.themes,
      type: input.type,
      provisions: input.provisions ?? [],
      links: [],
      coReporters: [],
      analysis: emptyAnalysis(),
      statusReason: null,
      referredTo: null,
      mergedInto: null,
    };
    await obstacles.insert(obstacle, related);
    const stored = await obstacles.findById(obstacle.id);
    if (!stored) throw new Error(`obstacle ${obstacle.id} vanished inside its own transaction`);
    await auditObstacle({ audit, actor, at: now, action: 'obstacle.create', before: undefined, after: stored });
    return stored;
  });
}

/** Turns the ids or references of related obstacles into ids; unknown ones are a field error. */
export async function resolveRelated(
  related: string[] | undefined,
  resolve: (idsOrReferences: string[]) => Promise<Map<string, string>>,
  self?: string,
): Promise<string[]> {
  if (!related || related.length === 0) return [];
  const found = await resolve(related);
  const errors = related.flatMap((value, index) =>
    found.has(value) && found.get(value) !== self
      ? []
      : [{ name: `related.${index}`, code: 'unknown_key' as const, params: { value } }],
  );
  if (errors.length > 0) throw validationError(errors);
  return [...new Set(related.map((value) => found.get(value) as string))];
}
