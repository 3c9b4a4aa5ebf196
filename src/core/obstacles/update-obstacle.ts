import { type Actor, can, denied, obstacleAccess, reportingOrganisation } from '../access/access.js';
import { dueDate } from '../calendar/norms.js';
import { AppError } from '../shared/errors.js';
import { checkObstacle, segmentGovernments } from './check-obstacle.js';
import { type Analysis, type AnalysisChanges, CHANGEABLE_FIELDS, type Obstacle, type ObstacleChanges } from './obstacle.js';
import { auditObstacle } from './obstacle-audit.js';
import type { Clock, UnitOfWork } from './ports.js';
import { resolveRelated } from './register-obstacle.js';

export interface UpdateResult {
  obstacle: Obstacle;
  /** The fields whose value changed (empty when the request changed nothing). */
  changed: string[];
}

/**
 * Applies a partial change to an obstacle, when the caller saw the current version. A stale
 * version is refused (412, naming the current one); a change that changes nothing keeps the
 * version (and writes no audit event). Checks, write, version bump and the audit event of the
 * changed fields happen in one transaction.
 */
export async function updateObstacle(options: {
  /** Who changes it: core/access decides, on the obstacle as it is and as it would be. */
  actor: Actor;
  idOrReference: string;
  /** The version the caller saw, or 'any' (If-Match: *) to change whatever is current. */
  expectedVersion: number | 'any';
  changes: ObstacleChanges;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<UpdateResult> {
  const { actor, idOrReference, expectedVersion, uow, clock } = options;
  // The public edits nothing (core/access), whatever the obstacle.
  if (actor.kind === 'anonymous') throw denied(actor);
  const changes: ObstacleChanges =
    options.changes.reporter === undefined
      ? options.changes
      : {
          ...options.changes,
          reporter: {
            ...options.changes.reporter,
            organisation: reportingOrganisation(actor, options.changes.reporter.organisation),
          },
        };
  if (changes.reporter && changes.reporter.organisation === undefined) delete changes.reporter.organisation;
  return uow.transaction(async ({ obstacles, reference, audit, norms }) => {
    const current = await findObstacle(obstacles, idOrReference);
    // What the caller may not read does not exist for it; what it reads but may not change is 403.
    if (!can(actor, 'read_obstacle', obstacleAccess(current))) {
      throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
    }
    if (!can(actor, 'edit_obstacle', obstacleAccess(current))) throw denied(actor);
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const catalogue = await reference.catalogue();
    checkObstacle(changes, catalogue, 'update');
    const related =
      changes.related === undefined
        ? undefined
        : await resolveRelated(changes.related, obstacles.resolveIds.bind(obstacles), current.id);

    const next: Obstacle = { ...current };
    const changed: string[] = [];
    for (const field of CHANGEABLE_FIELDS) {
      if (field === 'related' || changes[field] === undefined) continue;
      const value = field === 'analysis' ? mergeAnalysis(current.analysis, changes.analysis) : changes[field];
      if (JSON.stringify(value) !== JSON.stringify(current[field])) {
        (next as unknown as Record<string, unknown>)[field] = value;
        changed.push(field);
      }
    }
    // A new segment without explicit governments takes the segment's governments.
    if (changes.segment !== undefined && changes.governments === undefined && changed.includes('segment')) {
      next.governments = segmentGovernments(catalogue, changes.segment);
      if (JSON.stringify(next.governments) !== JSON.stringify(current.governments)) changed.push('governments');
    }
    // A new report date restarts the intake clock under the norm of today.
    if (changed.includes('reportedOn')) {
      next.clarificationDue = dueDate({ norm: await norms.get('intake_clarification'), from: next.reportedOn }).date;
    }
    if (related !== undefined) {
      const before = current.links
        .filter((l) => l.kind === 'related')
        .map((l) => l.id)
        .sort();
      if (JSON.stringify(before) !== JSON.stringify([...related].sort())) changed.push('related');
    }
    // The change may not take the obstacle out of the caller's reach (a partner making it internal,
    // or giving it to another organisation): the result must still be the caller's to edit.
    if (!can(actor, 'edit_obstacle', obstacleAccess(next))) throw denied(actor);
    if (changed.length === 0) return { obstacle: current, changed };

    next.version = current.version + 1;
    next.updatedAt = clock.now();
    const stored = await obstacles.update(next, current.version, changed.includes('related') ? related : undefined);
    if (!stored) {
      const version = await obstacles.currentVersion(current.id);
      throw new AppError('version_conflict', { params: { current: version ?? '?' } });
    }
    const after = await obstacles.findById(current.id);
    if (!after) throw new Error(`obstacle ${current.id} vanished inside its own transaction`);
    await auditObstacle({ audit, actor, at: next.updatedAt, action: 'obstacle.update', before: current, after });
    return { obstacle: after, changed };
  });
}

/** The analysis with the parts a change gives replacing the stored ones (a derogation's answer and explanation each). */
function mergeAnalysis(current: Analysis, changes: AnalysisChanges | undefined): Analysis {
  if (changes === undefined) return current;
  return {
    description: changes.description ?? current.description,
    solutions: changes.solutions ?? current.solutions,
    derogation: {
      possible: changes.derogation?.possible !== undefined ? changes.derogation.possible : current.derogation.possible,
      explanation: changes.derogation?.explanation ?? current.derogation.explanation,
    },
    otherAspects: changes.otherAspects ?? current.otherAspects,
    references: changes.references ?? current.references,
  };
}

export async function findObstacle(
  obstacles: { findById(id: string): Promise<Obstacle | undefined>; findByReference(r: string): Promise<Obstacle | undefined> },
  idOrReference: string,
): Promise<Obstacle> {
  const found = /^GB-/i.test(idOrReference)
    ? await obstacles.findByReference(idOrReference.toUpperCase())
    : await obstacles.findById(idOrReference);
  if (!found) throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
  return found;
}
