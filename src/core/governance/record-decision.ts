import { type Actor, can, denied, obstacleAccess, readableVisibilities } from '../access/access.js';
import type { NewAction } from '../actions/action.js';
import { addActions } from '../actions/manage-actions.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import { availableTransitions, checkTransition, type Requirement, type TransitionName } from '../lifecycle/lifecycle.js';
import type { MonitoringSettings } from '../monitoring/settings.js';
import { checkText } from '../obstacles/check-obstacle.js';
import type { Obstacle, ObstacleStatus } from '../obstacles/obstacle.js';
import { auditObstacle } from '../obstacles/obstacle-audit.js';
import type { Catalogue, Clock, IdGenerator, UnitOfWork } from '../obstacles/ports.js';
import { calendarDate } from '../obstacles/register-obstacle.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import { type Language, type LocalizedText, resolveText } from '../shared/language.js';
import { type Decision, type DecisionType, type PoliticalOwner, REASONED_TYPES } from './governance.js';
import type { DecisionFilter, GovernanceRepository, Page, StoredDecision } from './ports.js';

export const DECISION_TEXT_MAX = 10_000;
export const OWNER_FIELD_MAX = 200;

export interface DecisionInput {
  body: string;
  meeting?: string;
  /** YYYY-MM-DD; the meeting's date when a meeting is given, else today. */
  decidedOn?: string;
  /** The id or reference of the obstacle. */
  obstacle: string;
  type: DecisionType;
  text: LocalizedText;
  sourceLanguage: Language;
  reasons?: LocalizedText;
  conditions?: LocalizedText;
  politicalOwners?: PoliticalOwner[];
  departments?: string[];
  dueOn?: string | null;
  /** Follow-up actions and milestones, added with the decision (their `decisionId` is the decision's). */
  actions?: NewAction[];
}

export type DecisionChanges = Partial<
  Pick<DecisionInput, 'text' | 'sourceLanguage' | 'reasons' | 'conditions' | 'politicalOwners' | 'departments' | 'dueOn'>
>;

/** The organisation kind of a responsible department in the reference data. */
const DEPARTMENT = 'department';

const AUDITED = [
  'body',
  'meeting',
  'decidedOn',
  'obstacleId',
  'type',
  'text',
  'reasons',
  'conditions',
  'sourceLanguage',
  'politicalOwners',
  'departments',
  'dueOn',
] as const;

function hasText(text: LocalizedText | undefined): boolean {
  return text !== undefined && Object.values(text).some((v) => v !== undefined && v.trim() !== '');
}

function trimmed(text: LocalizedText | undefined): LocalizedText {
  const result: LocalizedText = {};
  for (const [language, value] of Object.entries(text ?? {}) as [keyof LocalizedText, string | undefined][]) {
    if (value !== undefined && value.trim() !== '') result[language] = value.trim();
  }
  return result;
}

/**
 * The rules of a decision that no schema knows, every broken one named: a text in at least one
 * language; reasons for `not_to_be_solved` and `deferred`; political owners of known governments,
 * each with a name or an office, one per government; departments that are organisations of kind
 * `department`; a due date not before the decision. Pure: the catalogue is given.
 */
export function checkDecision(
  input: DecisionChanges & { type: DecisionType; decidedOn?: string },
  catalogue: Catalogue,
  mode: 'create' | 'update',
): FieldError[] {
  const errors: FieldError[] = [];
  checkText('text', input.text, DECISION_TEXT_MAX, mode === 'create' || input.text !== undefined, errors);
  checkText('reasons', input.reasons, DECISION_TEXT_MAX, false, errors);
  checkText('conditions', input.conditions, DECISION_TEXT_MAX, false, errors);
  if ((REASONED_TYPES as readonly string[]).includes(input.type) && !hasText(input.reasons)) {
    if (mode === 'create' || input.reasons !== undefined) errors.push({ name: 'reasons', code: 'required' });
  }
  const governments = new Set(catalogue.governments.map((g) => g.key));
  const owners = new Set<string>();
  input.politicalOwners?.forEach((owner, index) => {
    if (!governments.has(owner.government)) {
      errors.push({ name: `politicalOwners.${index}.government`, code: 'unknown_key', params: { value: owner.government } });
    } else if (owners.has(owner.government)) {
      errors.push({ name: `politicalOwners.${index}.government`, code: 'duplicate' });
    }
    owners.add(owner.government);
    if (!owner.name?.trim() && !owner.office?.trim()) errors.push({ name: `politicalOwners.${index}.name`, code: 'required' });
  });
  const departments = new Set(catalogue.organisations.filter((o) => o.kind === DEPARTMENT).map((o) => o.key));
  const seen = new Set<string>();
  input.departments?.forEach((key, index) => {
    if (!departments.has(key)) errors.push({ name: `departments.${index}`, code: 'unknown_key', params: { value: key } });
    else if (seen.has(key)) errors.push({ name: `departments.${index}`, code: 'duplicate' });
    seen.add(key);
  });
  if (input.dueOn && input.decidedOn && input.dueOn < input.decidedOn) {
    errors.push({ name: 'dueOn', code: 'too_small', params: { min: input.decidedOn } });
  }
  return errors;
}

function cleanOwners(owners: PoliticalOwner[] | undefined): PoliticalOwner[] {
  return (owners ?? []).map((o) => ({
    government: o.government,
    ...(o.name?.trim() ? { name: o.name.trim() } : {}),
    ...(o.office?.trim() ? { office: o.office.trim() } : {}),
  }));
}

/** The moves a decision of this type makes, from `routed` (core/lifecycle; none for `deferred`). */
export function decisionMoves(type: DecisionType): { name: TransitionName; from: ObstacleStatus; to: ObstacleStatus }[] {
  switch (type) {
    case 'deferred':
      return [];
    case 'not_to_be_solved':
      return [
        { name: 'decide', from: 'routed', to: 'decided' },
        { name: 'decide_not_to_solve', from: 'decided', to: 'unsolvable' },
      ];
    case 'administrative_change':
    case 'legislative_change':
    case 'derogation':
    case 'treaty_or_agreement':
    case 'information_measure':
      return [
        { name: 'decide', from: 'routed', to: 'decided' },
        { name: 'start_work', from: 'decided', to: 'in_progress' },
      ];
  }
}

/**
 * Records a governing body's decision on an obstacle and moves the obstacle, in one transaction
 * (the secretariat and decision makers; the caller saw the obstacle's version). The obstacle must
 * be `routed`, else 409 `transition_not_allowed` and nothing is written. Through the one state
 * machine, as the decisions module (`via: 'decisions'`, with the decision present): `decide`
 * (routed → decided), then `start_work` (→ in_progress), or `decide_not_to_solve` (→ unsolvable,
 * the reasons as the move's reason); `deferred` leaves it `routed` (its version still moves, so
 * two decisions on one version cannot both be recorded). Each move and the decision write their
 * audit events. Follow-up `actions` are added in the same transaction, each following from the
 * decision (core/actions addActions; their errors named `actions.<i>.<field>`). Refusals: 401/403
 * (role), 404 (obstacle not readable), 412 (stale version), 400 (fields, named), 409 (status).
 */
export async function recordDecision(options: {
  actor: Actor;
  input: DecisionInput;
  /** The obstacle's version the caller saw, or 'any'. */
  expectedVersion: number | 'any';
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  /** How the follow-up actions are judged (their RAG, overdue, stale). */
  settings: MonitoringSettings;
}): Promise<Decision> {
  const { actor, input, expectedVersion, uow, clock, ids, settings } = options;
  if (!can(actor, 'record_decision')) throw denied(actor);
  return uow.transaction(async (repositories) => {
    const { obstacles, governance, reference, audit } = repositories;
    const current = await findObstacle(obstacles, input.obstacle);
    if (!can(actor, 'read_obstacle', obstacleAccess(current))) {
      throw new AppError('obstacle_not_found', { params: { id: input.obstacle } });
    }
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }

    const catalogue = await reference.catalogue();
    const body = await governance.findBody(input.body);
    const meeting = input.meeting === undefined ? undefined : await governance.findMeeting(input.meeting);
    const now = clock.now();
    const decidedOn = input.decidedOn ?? meeting?.date ?? calendarDate(now);
    const errors = checkDecision({ ...input, decidedOn }, catalogue, 'create');
    if (!body) errors.push({ name: 'body', code: 'unknown_key', params: { value: input.body } });
    if (input.meeting !== undefined) {
      if (!meeting) errors.push({ name: 'meeting', code: 'unknown_key', params: { value: input.meeting } });
      else if (body && meeting.body !== body.key) errors.push({ name: 'meeting', code: 'other_body' });
    }
    if (errors.length > 0) throw validationError(errors);

    // A decision is taken on an obstacle waiting for one: `routed`.
    const present = new Set<Requirement>(['decision']);
    const gate = checkTransition({ from: current.status, to: 'decided', actor, present, via: 'decisions' });
    if (!gate.ok) {
      if (gate.problem === 'forbidden') throw denied(actor);
      const allowed = availableTransitions(actor, current.status).map((t) => t.to);
      throw new AppError('transition_not_allowed', {
        params: { from: current.status, to: 'decided', allowed: allowed.join(', ') || '—' },
        allowed,
      });
    }

    const id = ids.newId();
    const reasons = trimmed(input.reasons);
    const reason = resolveText(reasons, input.sourceLanguage, input.sourceLanguage)?.value;
    let obstacle: Obstacle = current;
    const moves = decisionMoves(input.type);
    for (const move of moves) {
      const check = checkTransition({ from: obstacle.status, to: move.to, actor, reason, present, via: 'decisions' });
      if (!check.ok) {
        if (check.problem === 'forbidden') throw denied(actor);
        if (check.problem === 'reason_required') throw validationError([{ name: 'reasons', code: 'required' }]);
        throw new Error(`the move ${move.name} of a decision was refused: ${check.problem}`);
      }
      const next: Obstacle = {
        ...obstacle,
        status: check.transition.to,
        statusReason: check.transition.reason === 'required' ? (reason ?? null) : null,
        version: obstacle.version + 1,
        updatedAt: now,
      };
      const before = obstacle;
      obstacle = await writeObstacle(obstacles, next, before.version);
      await auditObstacle({
        audit,
        actor,
        at: now,
        action: 'obstacle.transition',
        before,
        after: obstacle,
        details: {
          transition: check.transition.name,
          ...(next.statusReason ? { reason: next.statusReason } : {}),
          decision: id,
        },
      });
    }
    if (moves.length === 0) {
      // `deferred`: the obstacle stays `routed`; its version moves, so a parallel decision on the version seen loses.
      // Its history says why the version moved: an event of the obstacle naming the decision.
      const before = obstacle;
      obstacle = await writeObstacle(obstacles, { ...obstacle, version: obstacle.version + 1, updatedAt: now }, obstacle.version);
      await auditObstacle({
        audit,
        actor,
        at: now,
        action: 'obstacle.update',
        before,
        after: obstacle,
        details: { decision: id, decisionType: input.type },
      });
    }

    const decision: StoredDecision = {
      id,
      body: input.body,
      meeting: input.meeting ?? null,
      decidedOn,
      obstacleId: current.id,
      type: input.type,
      text: trimmed(input.text),
      reasons,
      conditions: trimmed(input.conditions),
      sourceLanguage: input.sourceLanguage,
      politicalOwners: cleanOwners(input.politicalOwners),
      departments: input.departments ?? [],
      dueOn: input.dueOn ?? null,
      version: 1,
      createdBy: actor.kind === 'user' ? actor.userId : 'anonymous',
      createdAt: now,
      updatedAt: now,
    };
    await governance.insertDecision(decision);
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'decision.record',
        entityType: 'decision',
        entityId: id,
        details: {
          fields: changedFields(undefined, decision, AUDITED),
          obstacle: { id: current.id, reference: current.reference, from: current.status, to: obstacle.status },
        },
      }),
    );
    if (input.actions?.length && actor.kind === 'user') {
      await addActions({
        actor,
        repositories,
        obstacle,
        inputs: input.actions,
        prefix: 'actions',
        decisionId: id,
        now,
        ids,
        settings,
      });
    }
    const stored = await governance.findDecision(id);
    if (!stored) throw new Error(`decision ${id} vanished inside its own transaction`);
    return stored;
  });
}

async function writeObstacle(
  obstacles: {
    update(o: Obstacle, v: number, r: undefined): Promise<boolean>;
    findById(id: string): Promise<Obstacle | undefined>;
    currentVersion(id: string): Promise<number | undefined>;
  },
  next: Obstacle,
  expectedVersion: number,
): Promise<Obstacle> {
  if (!(await obstacles.update(next, expectedVersion, undefined))) {
    const version = await obstacles.currentVersion(next.id);
    throw new AppError('version_conflict', { params: { current: version ?? '?' } });
  }
  const after = await obstacles.findById(next.id);
  if (!after) throw new Error(`obstacle ${next.id} vanished inside its own transaction`);
  return after;
}

function readable(actor: Actor, decision: Decision): boolean {
  return can(actor, 'read_obstacle', obstacleAccess(decision.obstacle));
}

/**
 * Corrects a recorded decision (the secretariat and decision makers): texts, reasons, conditions,
 * owners, departments, due date. Its body, meeting, obstacle and type stay: another outcome is
 * another decision. With the decision's version (412 when stale); one audit event.
 */
export async function updateDecision(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  changes: DecisionChanges;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<Decision> {
  const { actor, id, expectedVersion, changes, uow, clock } = options;
  if (!can(actor, 'record_decision')) throw denied(actor);
  return uow.transaction(async ({ governance, reference, audit }) => {
    const current = await governance.findDecision(id);
    if (!current || !readable(actor, current)) throw new AppError('decision_not_found', { params: { id } });
    if (expectedVersion !== 'any' && current.version !== expectedVersion) {
      throw new AppError('version_conflict', { params: { current: current.version } });
    }
    const errors = checkDecision(
      { ...changes, type: current.type, decidedOn: current.decidedOn },
      await reference.catalogue(),
      'update',
    );
    if (errors.length > 0) throw validationError(errors);
    const { obstacle, ...rest } = current;
    const before: StoredDecision = { ...rest, obstacleId: obstacle.id };
    const candidate: StoredDecision = {
      ...before,
      ...(changes.text !== undefined ? { text: trimmed(changes.text) } : {}),
      ...(changes.reasons !== undefined ? { reasons: trimmed(changes.reasons) } : {}),
      ...(changes.conditions !== undefined ? { conditions: trimmed(changes.conditions) } : {}),
      ...(changes.sourceLanguage !== undefined ? { sourceLanguage: changes.sourceLanguage } : {}),
      ...(changes.politicalOwners !== undefined ? { politicalOwners: cleanOwners(changes.politicalOwners) } : {}),
      ...(changes.departments !== undefined ? { departments: changes.departments } : {}),
      ...(changes.dueOn !== undefined ? { dueOn: changes.dueOn } : {}),
    };
    const fields = changedFields(before, candidate, AUDITED);
    if (Object.keys(fields).length === 0) return current;
    const now = clock.now();
    const next = { ...candidate, version: current.version + 1, updatedAt: now };
    if (!(await governance.updateDecision(next, current.version))) {
      throw new AppError('version_conflict', { params: { current: '?' } });
    }
    await audit.append(
      auditRecord({ actor, at: now, action: 'decision.update', entityType: 'decision', entityId: id, details: { fields } }),
    );
    const stored = await governance.findDecision(id);
    if (!stored) throw new Error(`decision ${id} vanished inside its own transaction`);
    return stored;
  });
}

/** One decision, for whoever may read its obstacle (the public: decisions on `public` obstacles); 404 otherwise. */
export async function getDecision(options: { actor: Actor; id: string; governance: GovernanceRepository }): Promise<Decision> {
  const decision = await options.governance.findDecision(options.id);
  if (!decision || !readable(options.actor, decision)) throw new AppError('decision_not_found', { params: { id: options.id } });
  return decision;
}

/** The decision register: decisions on obstacles the caller may read, newest first, filtered. */
export async function listDecisions(options: {
  actor: Actor;
  filter: Omit<DecisionFilter, 'visibilities'>;
  governance: GovernanceRepository;
}): Promise<Page<Decision>> {
  return options.governance.listDecisions({ ...options.filter, visibilities: readableVisibilities(options.actor) });
}
