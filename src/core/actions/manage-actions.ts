import { type Actor, can, denied, type ObstacleResource, obstacleAccess } from '../access/access.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import { START_ESCALATION } from '../monitoring/escalation.js';
import type { ObstacleProgress } from '../monitoring/rag.js';
import { rollUp } from '../monitoring/rag.js';
import { assessStoredAction, type MonitoringSettings } from '../monitoring/settings.js';
import { checkText } from '../obstacles/check-obstacle.js';
import type { Obstacle } from '../obstacles/obstacle.js';
import type { Clock, IdGenerator, Repositories, UnitOfWork } from '../obstacles/ports.js';
import { calendarDate } from '../obstacles/register-obstacle.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import type { RoutingRepository } from '../routing/ports.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { ACTION_FIELDS, ACTION_LIMITS, type Action, type ActionChanges, type NewAction, PROGRESS_FIELDS } from './action.js';
import type { ActionRepository } from './ports.js';

/** What a caller may do with an action (the web offers only these). */
export type ActionAbility = 'edit' | 'report';

export interface ActionView {
  action: Action;
  abilities: ActionAbility[];
}

export interface ObstacleActions {
  obstacle: Obstacle;
  items: ActionView[];
  progress: ObstacleProgress;
  /** Whether the caller may add actions to it. */
  canAdd: boolean;
}

const NO_PROGRESS: ObstacleProgress = {
  percent: null,
  rag: 'none',
  actions: { total: 0, planned: 0, inProgress: 0, done: 0, cancelled: 0, overdue: 0, stale: 0 },
};

/** The access facts of an obstacle with the departments that lead it now. */
export async function accessWithLeads(obstacle: Obstacle, routings: RoutingRepository): Promise<ObstacleResource> {
  const leads = (await routings.ofObstacle(obstacle.id))
    .filter((r) => r.role === 'lead' && r.endedAt === null)
    .map((r) => r.organisation);
  return { ...obstacleAccess(obstacle), leads };
}

function abilitiesOf(actor: Actor, access: ObstacleResource, action: Action): ActionAbility[] {
  const abilities: ActionAbility[] = [];
  if (can(actor, 'manage_action', access)) abilities.push('edit');
  if (can(actor, 'report_action', { ...access, actionOwner: action.owner.organisation })) abilities.push('report');
  return abilities;
}

/** An obstacle's roll-up as stored, or "no actions". */
export async function obstacleProgress(actions: ActionRepository, obstacleId: string): Promise<ObstacleProgress> {
  return (await actions.progressOf(obstacleId)) ?? NO_PROGRESS;
}

/** The actions of an obstacle and its roll-up, for whoever reads the obstacle (404 otherwise). */
export async function listActions(options: {
  actor: Actor;
  idOrReference: string;
  repositories: Pick<Repositories, 'obstacles' | 'routings'> & { actions: ActionRepository };
}): Promise<ObstacleActions> {
  const { actor, idOrReference, repositories } = options;
  const obstacle = await findObstacle(repositories.obstacles, idOrReference);
  const access = await accessWithLeads(obstacle, repositories.routings);
  if (!can(actor, 'read_obstacle', access)) throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
  const actions = await repositories.actions.ofObstacle(obstacle.id);
  return {
    obstacle,
    items: actions.map((action) => ({ action, abilities: abilitiesOf(actor, access, action) })),
    progress: await obstacleProgress(repositories.actions, obstacle.id),
    canAdd: can(actor, 'add_action', access),
  };
}

/** One action, for whoever reads its obstacle (404 otherwise, as if it did not exist). */
export async function getAction(options: {
  actor: Actor;
  id: string;
  repositories: Pick<Repositories, 'obstacles' | 'routings'> & { actions: ActionRepository };
}): Promise<ActionView & { obstacle: Obstacle }> {
  const { actor, id, repositories } = options;
  const action = await repositories.actions.findById(id);
  const obstacle = action && (await repositories.obstacles.findById(action.obstacleId));
  if (!action || !obstacle) throw new AppError('action_not_found', { params: { id } });
  const access = await accessWithLeads(obstacle, repositories.routings);
  if (!can(actor, 'read_obstacle', access)) throw new AppError('action_not_found', { params: { id } });
  return { action, obstacle, abilities: abilitiesOf(actor, access, action) };
}

/**
 * The rules of an action no schema knows, every broken one named: a title in at least one
 * language; an owner organisation of the reference data and an owner person of that organisation;
 * a decision on the same obstacle.
 */
async function checkAction(
  input: ActionChanges,
  obstacle: Obstacle,
  repositories: Repositories & { actions: ActionRepository },
  mode: 'create' | 'update',
  current?: Action,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  checkText('title', input.title, ACTION_LIMITS.title, mode === 'create' || input.title !== undefined, errors);
  if (input.owner !== undefined) {
    const catalogue = await repositories.reference.catalogue();
    const organisation = input.owner.organisation;
    if (!catalogue.organisations.some((o) => o.key === organisation)) {
      errors.push({ name: 'owner.organisation', code: 'unknown_key', params: { value: organisation } });
    } else if (input.owner.userId) {
      const of = await repositories.actions.organisationOfUser(input.owner.userId);
      if (of === undefined) errors.push({ name: 'owner.userId', code: 'unknown_key', params: { value: input.owner.userId } });
      else if (of !== organisation) errors.push({ name: 'owner.userId', code: 'other_organisation', params: { organisation } });
    }
  }
  if (input.decisionId) {
    const decision = await repositories.governance.findDecision(input.decisionId);
    if (decision?.obstacle.id !== obstacle.id) {
      errors.push({ name: 'decisionId', code: 'unknown_key', params: { value: input.decisionId } });
    }
  }
  const dueOn = input.dueOn ?? current?.dueOn;
  if (input.dueOn !== undefined && mode === 'create' && dueOn && dueOn < obstacle.reportedOn) {
    errors.push({ name: 'dueOn', code: 'too_small', params: { min: obstacle.reportedOn } });
  }
  return errors;
}

/** Keeps status, progress and completion consistent: done is 100 % and has a date. */
function settle(action: Action, previous: Action | undefined, today: string): Action {
  if (action.status === 'done') {
    return { ...action, progress: 100, completedOn: previous?.status === 'done' ? previous.completedOn : today };
  }
  return { ...action, completedOn: null };
}

/** Recomputes and stores an obstacle's roll-up from its actions (inside the write's transaction). */
async function refreshProgress(actions: ActionRepository, obstacleId: string, at: Date): Promise<ObstacleProgress> {
  const all = await actions.ofObstacle(obstacleId);
  const progress = rollUp(
    all.map((a) => ({
      status: a.status,
      progress: a.progress,
      weight: a.weight,
      rag: a.monitoring.rag,
      overdue: a.monitoring.overdue,
      stale: a.monitoring.stale,
    })),
  );
  await actions.saveProgress(new Map([[obstacleId, progress]]), at);
  return progress;
}

function withMonitoring(action: Action, settings: MonitoringSettings, today: string, at: Date): Action {
  const assessment = assessStoredAction(action, settings, today);
  return { ...action, monitoring: { ...assessment, computedAt: at } };
}

function auditedFields(action: Action): Record<(typeof ACTION_FIELDS)[number], unknown> {
  const values = {} as Record<(typeof ACTION_FIELDS)[number], unknown>;
  for (const field of ACTION_FIELDS) {
    if (field === 'owner') values.owner = { organisation: action.owner.organisation, userId: action.owner.userId };
    else values[field] = action[field];
  }
  return values;
}

/**
 * Adds actions to an obstacle inside the caller's transaction: each checked (every broken rule
 * named, as `<prefix>.<i>.<field>` when a prefix is given), then written with its computed RAG, the
 * obstacle's roll-up once, and an audit event per action (entity `action`). For createAction and
 * for a decision's follow-up actions (`decisionId` given: they follow from it).
 */
export async function addActions(options: {
  actor: Actor & { kind: 'user' };
  repositories: Repositories;
  obstacle: Obstacle;
  inputs: readonly NewAction[];
  /** The request field the inputs came in (`actions`), or '' for a single action. */
  prefix: string;
  decisionId?: string;
  now: Date;
  ids: IdGenerator;
  settings: MonitoringSettings;
}): Promise<Action[]> {
  const { actor, repositories, obstacle, inputs, prefix, decisionId, now, ids, settings } = options;
  if (inputs.length === 0) return [];
  const errors: FieldError[] = [];
  for (const [i, input] of inputs.entries()) {
    const checked = decisionId === undefined ? input : { ...input, decisionId: undefined };
    for (const error of await checkAction(checked, obstacle, repositories, 'create')) {
      errors.push(prefix ? { ...error, name: `${prefix}.${i}.${error.name}` } : error);
    }
  }
  if (errors.length > 0) throw validationError(errors);
  const today = calendarDate(now);
  const added: Action[] = [];
  for (const input of inputs) {
    const draft: Action = {
      id: ids.newId(),
      obstacleId: obstacle.id,
      kind: input.kind ?? 'action',
      title: trimmedText(input.title),
      sourceLanguage: input.sourceLanguage,
      decisionId: decisionId ?? input.decisionId ?? null,
      owner: { organisation: input.owner.organisation, userId: input.owner.userId ?? null },
      dueOn: input.dueOn,
      status: input.status ?? 'planned',
      progress: input.progress ?? 0,
      weight: input.weight ?? 1,
      evidence: (input.evidence ?? []).map((e) => ({ url: e.url, label: e.label.trim() })),
      notes: input.notes?.trim() ? input.notes.trim() : null,
      version: 1,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
      completedOn: null,
      monitoring: { rag: 'none', overdue: false, stale: false, computedAt: null },
      escalation: START_ESCALATION,
    };
    const action = withMonitoring(settle(draft, undefined, today), settings, today, now);
    await repositories.actions.insert(action);
    await repositories.audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'action.create',
        entityType: 'action',
        entityId: action.id,
        details: { obstacle: obstacle.id, fields: changedFields(undefined, auditedFields(action), ACTION_FIELDS) },
      }),
    );
    added.push(action);
  }
  await refreshProgress(repositories.actions, obstacle.id, now);
  return added;
}

/**
 * Adds an action or milestone to an obstacle (the secretariat; a lead department once the obstacle
 * is routed, decided or in progress). In one transaction: the action with its computed RAG, the
 * obstacle's roll-up, and the audit event (entity `action`). Refusals: 401/403, 404 (obstacle not
 * readable), 400 (fields, named).
 */
export async function createAction(options: {
  actor: Actor;
  idOrReference: string;
  input: NewAction;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  settings: MonitoringSettings;
}): Promise<ActionView & { obstacle: Obstacle }> {
  const { actor, idOrReference, input, uow, clock, ids, settings } = options;
  if (actor.kind === 'anonymous') throw denied(actor);
  return uow.transaction(async (repositories) => {
    const obstacle = await findObstacle(repositories.obstacles, idOrReference);
    const access = await accessWithLeads(obstacle, repositories.routings);
    if (!can(actor, 'read_obstacle', access)) throw new AppError('obstacle_not_found', { params: { id: idOrReference } });
    if (!can(actor, 'add_action', access)) throw denied(actor);
    const [action] = await addActions({
      actor,
      repositories,
      obstacle,
      inputs: [input],
      prefix: '',
      now: clock.now(),
      ids,
      settings,
    });
    if (!action) throw new Error('an action was not added');
    return { action, obstacle, abilities: abilitiesOf(actor, access, action) };
  });
}

function trimmedText(text: NewAction['title']): NewAction['title'] {
  const result: NewAction['title'] = {};
  for (const [language, value] of Object.entries(text) as [keyof NewAction['title'], string | undefined][]) {
    if (value !== undefined && value.trim() !== '') result[language] = value.trim();
  }
  return result;
}

/**
 * Changes an action (If-Match). The owner organisation's department users report on it (status,
 * progress, evidence, notes); the secretariat changes everything. A change of another field by one
 * who may only report is refused (403) and nothing is written. There is no delete: cancel it
 * (status `cancelled`). In one transaction with the roll-up and the audit event.
 */
export async function updateAction(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  changes: ActionChanges;
  uow: UnitOfWork;
  clock: Clock;
  settings: MonitoringSettings;
}): Promise<ActionView & { obstacle: Obstacle }> {
  const { actor, id, expectedVersion, changes, uow, clock, settings } = options;
  if (actor.kind === 'anonymous') throw denied(actor);
  return uow.transaction((repositories) =>
    changeAction({ actor, id, expectedVersion, changes, repositories, now: clock.now(), settings }),
  );
}

/**
 * updateAction inside the caller's transaction (a state-of-play answer reports on its action in
 * the answer's transaction): the same checks, roll-up and audit event.
 */
export async function changeAction(options: {
  actor: Actor & { kind: 'user' };
  id: string;
  expectedVersion: number | 'any';
  changes: ActionChanges;
  repositories: Repositories;
  now: Date;
  settings: MonitoringSettings;
}): Promise<ActionView & { obstacle: Obstacle }> {
  const { actor, id, expectedVersion, changes, repositories, now, settings } = options;
  const { obstacles, routings, actions, audit } = repositories;
  const current = await actions.findById(id);
  const obstacle = current && (await obstacles.findById(current.obstacleId));
  if (!current || !obstacle) throw new AppError('action_not_found', { params: { id } });
  const access = await accessWithLeads(obstacle, routings);
  if (!can(actor, 'read_obstacle', access)) throw new AppError('action_not_found', { params: { id } });
  const plan = (Object.keys(changes) as (keyof ActionChanges)[]).some(
    (field) => changes[field] !== undefined && !(PROGRESS_FIELDS as readonly string[]).includes(field),
  );
  const allowed = plan
    ? can(actor, 'manage_action', access)
    : can(actor, 'report_action', { ...access, actionOwner: current.owner.organisation });
  if (!allowed) throw denied(actor);
  if (expectedVersion !== 'any' && current.version !== expectedVersion) {
    throw new AppError('version_conflict', { params: { current: current.version } });
  }
  const errors = await checkAction(changes, obstacle, repositories, 'update', current);
  if (errors.length > 0) throw validationError(errors);

  const today = calendarDate(now);
  const draft: Action = {
    ...current,
    ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
    ...(changes.title !== undefined ? { title: trimmedText(changes.title) } : {}),
    ...(changes.sourceLanguage !== undefined ? { sourceLanguage: changes.sourceLanguage } : {}),
    ...(changes.decisionId !== undefined ? { decisionId: changes.decisionId } : {}),
    ...(changes.owner !== undefined
      ? { owner: { organisation: changes.owner.organisation, userId: changes.owner.userId ?? null } }
      : {}),
    ...(changes.dueOn !== undefined ? { dueOn: changes.dueOn } : {}),
    ...(changes.status !== undefined ? { status: changes.status } : {}),
    ...(changes.progress !== undefined ? { progress: changes.progress } : {}),
    ...(changes.weight !== undefined ? { weight: changes.weight } : {}),
    ...(changes.evidence !== undefined ? { evidence: changes.evidence.map((e) => ({ url: e.url, label: e.label.trim() })) } : {}),
    ...(changes.notes !== undefined ? { notes: changes.notes?.trim() ? changes.notes.trim() : null } : {}),
    version: current.version + 1,
    updatedAt: now,
    updatedBy: actor.userId,
  };
  const action = withMonitoring(settle(draft, current, today), settings, today, now);
  const fields = changedFields(auditedFields(current), auditedFields(action), ACTION_FIELDS);
  if (!(await actions.update(action, current.version))) {
    const stored = await actions.findById(id);
    throw new AppError('version_conflict', { params: { current: stored?.version ?? '?' } });
  }
  await refreshProgress(actions, obstacle.id, now);
  await audit.append(
    auditRecord({
      actor,
      at: now,
      action: 'action.update',
      entityType: 'action',
      entityId: action.id,
      details: { obstacle: obstacle.id, fields },
    }),
  );
  return { action, obstacle, abilities: abilitiesOf(actor, access, action) };
}
