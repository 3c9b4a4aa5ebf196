import { type Actor, can, denied, obstacleAccess } from '../access/access.js';
import { missingAnalysisParts, type Obstacle, type ObstacleStatus } from '../obstacles/obstacle.js';
import { auditObstacle } from '../obstacles/obstacle-audit.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { availableTransitions, checkTransition, type Requirement, type TransitionRule } from './lifecycle.js';

/** What a caller sends to move an obstacle. */
export interface TransitionInput {
  to: ObstacleStatus;
  reason?: string;
  /** `referred`: the information point (organisation key) the question goes to. */
  referredTo?: string;
  /** `merged`: the id or reference of the obstacle the duplicate is merged into. */
  mergedInto?: string;
}

export interface TransitionResult {
  obstacle: Obstacle;
  transition: TransitionRule;
}

/** The organisation kind of a GrensInfoPunt in the reference data. */
const INFORMATION_POINT = 'information_point';

/**
 * Moves an obstacle to another status through the one state machine (core/lifecycle), when the
 * caller saw the current version and core/access lets its role make the move. Refusals, in the
 * order a caller can act on them: not readable (404), a role that makes no moves (403), a stale
 * version (412), no move for this caller from here (403), no such move from here (409, naming the
 * statuses the caller may move it to), a
 * move this role may not make (403), a move another module makes (409), a missing reason or
 * target (400, naming the field), an incomplete analysis before `proposed` (409, naming the parts).
 *
 * The move's effects happen in the same transaction, each with its audit event: a referral names
 * the information point; a merge links the duplicate to the survivor (read from both sides) and
 * gives the survivor the duplicate's reporters to follow it; a reopening clears what the closing
 * set (referral, merge); going back to analysis from `routed` ends the routing (its rows stay).
 */
export async function transitionObstacle(options: {
  actor: Actor;
  idOrReference: string;
  /** The version the caller saw, or 'any' (If-Match: *). */
  expectedVersion: number | 'any';
  input: TransitionInput;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<TransitionResult> {
  const { actor, idOrReference, expectedVersion, input, uow, clock } = options;
  if (actor.kind === 'anonymous') throw denied(actor);
  return uow.transaction(async ({ obstacles, reference, audit, routings }) => {
    const current = await findObstacle(obstacles, idOrReference);
    const access = obstacleAccess(current);
    if (!can(actor, 'read_obstacle', access)) throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
    if (!can(actor, 'transition_obstacle', access)) throw denied(actor);
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }

    const errors: FieldError[] = [];
    const present = new Set<Requirement>();
    if (missingAnalysisParts(current).length === 0) present.add('analysis');
    const reason = input.reason?.trim() ? input.reason.trim() : undefined;

    // The targets a move names: each only with its own move, each checked against what exists.
    if (input.referredTo !== undefined) {
      if (input.to !== 'referred') errors.push({ name: 'referredTo', code: 'unknown_field' });
      else {
        const catalogue = await reference.catalogue();
        const point = catalogue.organisations.find((o) => o.key === input.referredTo);
        if (point?.kind === INFORMATION_POINT) present.add('referredTo');
        else errors.push({ name: 'referredTo', code: 'unknown_key', params: { value: input.referredTo } });
      }
    }
    let survivor: Obstacle | undefined;
    if (input.mergedInto !== undefined) {
      if (input.to !== 'merged') errors.push({ name: 'mergedInto', code: 'unknown_field' });
      else {
        survivor = await findObstacle(obstacles, input.mergedInto).catch(() => undefined);
        if (!survivor || !can(actor, 'read_obstacle', obstacleAccess(survivor))) {
          errors.push({ name: 'mergedInto', code: 'unknown_key', params: { value: input.mergedInto } });
          survivor = undefined;
        } else if (survivor.id === current.id || survivor.status === 'merged') {
          errors.push({ name: 'mergedInto', code: 'invalid_target' });
          survivor = undefined;
        } else present.add('mergedInto');
      }
    }

    const check = checkTransition({ from: current.status, to: input.to, actor, reason, present });
    if (!check.ok) {
      switch (check.problem) {
        case 'illegal':
        case 'made_elsewhere': {
          const allowed = availableTransitions(actor, current.status)
            .filter((t) => can(actor, 'transition_obstacle', { ...access, to: t.to }))
            .map((t) => t.to);
          // A caller who may make no move from here at all is refused as such, not told the machine's ways.
          if (allowed.length === 0) throw denied(actor);
          throw new AppError('transition_not_allowed', {
            params: { from: current.status, to: input.to, allowed: allowed.join(', ') || '—' },
            allowed,
          });
        }
        case 'forbidden':
          throw denied(actor);
        case 'reason_required':
          errors.push({ name: 'reason', code: 'required' });
          break;
        case 'requirements_missing':
          break;
      }
    }
    // Every field the move needs and the request lacks, together with a missing reason.
    const rule =
      check.ok || check.problem === 'reason_required' || check.problem === 'requirements_missing' ? check.transition : undefined;
    if (rule?.requires.includes('referredTo') && input.referredTo === undefined)
      errors.push({ name: 'referredTo', code: 'required' });
    if (rule?.requires.includes('mergedInto') && input.mergedInto === undefined)
      errors.push({ name: 'mergedInto', code: 'required' });
    if (errors.length > 0) throw validationError(errors);
    if (!check.ok && check.problem === 'requirements_missing' && check.missing.includes('analysis')) {
      throw new AppError('analysis_incomplete', {
        fields: missingAnalysisParts(current).map((name) => ({ name, code: 'required' as const })),
      });
    }
    if (!check.ok) throw new Error(`a refused move fell through: ${check.problem}`);
    const { transition } = check;

    const now = clock.now();
    const next: Obstacle = {
      ...current,
      status: transition.to,
      statusReason: reason ?? null,
      version: current.version + 1,
      updatedAt: now,
    };
    for (const effect of transition.effects) {
      switch (effect) {
        case 'records_referral':
          next.referredTo = input.referredTo ?? null;
          break;
        case 'links_duplicate_both_ways':
          if (survivor) next.mergedInto = { id: survivor.id, reference: survivor.reference };
          break;
        case 'reporter_follows_survivor':
          break; // below, on the survivor
        case 'records_decision':
          throw new Error('a decision is recorded by the decisions module');
        case 'records_routing':
          throw new Error('a routing is recorded by the routing module');
        case 'ends_routing':
          break; // below, once the move is written
        case 'clears_closing':
          next.referredTo = null;
          next.mergedInto = null;
          break;
        default: {
          const unhandled: never = effect;
          throw new Error(`no handling of effect ${String(unhandled)}`);
        }
      }
    }
    if (!(await obstacles.update(next, current.version, undefined))) {
      const version = await obstacles.currentVersion(current.id);
      throw new AppError('version_conflict', { params: { current: version ?? '?' } });
    }
    const ended = transition.effects.includes('ends_routing') ? await routings.end(current.id, now) : 0;
    const after = await obstacles.findById(current.id);
    if (!after) throw new Error(`obstacle ${current.id} vanished inside its own transaction`);
    await auditObstacle({
      audit,
      actor,
      at: now,
      action: 'obstacle.transition',
      before: current,
      after,
      details: {
        transition: transition.name,
        ...(reason ? { reason } : {}),
        ...(ended > 0 ? { routingEnded: current.routedTo ?? [] } : {}),
      },
    });

    if (survivor && transition.effects.includes('reporter_follows_survivor')) {
      const followers = [...survivor.coReporters, current.reporter, ...current.coReporters];
      const merged: Obstacle = { ...survivor, coReporters: followers, version: survivor.version + 1, updatedAt: now };
      if (!(await obstacles.update(merged, survivor.version, undefined))) {
        throw new AppError('version_conflict', { params: { current: '?' } });
      }
      const survivorAfter = await obstacles.findById(survivor.id);
      if (!survivorAfter) throw new Error(`obstacle ${survivor.id} vanished inside its own transaction`);
      await auditObstacle({
        audit,
        actor,
        at: now,
        action: 'obstacle.merge_in',
        before: survivor,
        after: survivorAfter,
        details: { duplicate: { id: current.id, reference: current.reference }, ...(reason ? { reason } : {}) },
      });
    }
    return { obstacle: after, transition };
  });
}
