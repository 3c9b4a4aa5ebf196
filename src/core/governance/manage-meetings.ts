import { type Actor, can, denied, obstacleAccess } from '../access/access.js';
import { auditRecord, changedFields } from '../audit/audit-record.js';
import type { Clock, IdGenerator, ReferenceDataRepository, UnitOfWork } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import type { Language } from '../shared/language.js';
import {
  type AgendaProposalItem,
  type GoverningBody,
  type Meeting,
  type MeetingStatus,
  type MeetingWithAgenda,
  proposeAgenda,
} from './governance.js';
import type { AgendaEntry, GovernanceRepository, MeetingFilter, Page } from './ports.js';

export const PLACE_MAX = 200;
export const NOTE_MAX = 2_000;
export const AGENDA_MAX = 100;

export interface MeetingInput {
  body: string;
  date: string;
  place?: string | null;
  language?: Language;
  status?: MeetingStatus;
}

export type MeetingChanges = Partial<Omit<MeetingInput, 'body'>>;

export interface AgendaInput {
  items: { obstacle: string; note?: string | null }[];
}

const AUDITED = ['body', 'date', 'place', 'language', 'status'] as const;

function clean(place: string | null | undefined): string | null {
  return place == null || place.trim() === '' ? null : place.trim();
}

/** Plans a meeting of a governing body (the secretariat): date, place, language, status `planned` unless said otherwise. */
export async function planMeeting(options: {
  actor: Actor;
  input: MeetingInput;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<MeetingWithAgenda> {
  const { actor, input, uow, clock, ids } = options;
  if (!can(actor, 'manage_governance')) throw denied(actor);
  return uow.transaction(async ({ governance, audit }) => {
    if (!(await governance.findBody(input.body))) {
      throw validationError([{ name: 'body', code: 'unknown_key', params: { value: input.body } }]);
    }
    const now = clock.now();
    const meeting: Meeting = {
      id: ids.newId(),
      body: input.body,
      date: input.date,
      place: clean(input.place),
      language: input.language ?? 'nl',
      status: input.status ?? 'planned',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await governance.insertMeeting(meeting);
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'meeting.create',
        entityType: 'meeting',
        entityId: meeting.id,
        details: { fields: changedFields(undefined, meeting, AUDITED) },
      }),
    );
    return { ...meeting, agenda: [] };
  });
}

async function findMeeting(governance: GovernanceRepository, id: string): Promise<MeetingWithAgenda> {
  const meeting = await governance.findMeeting(id);
  if (!meeting) throw new AppError('meeting_not_found', { params: { id } });
  return meeting;
}

function checkVersion(current: { version: number }, expected: number | 'any'): void {
  if (expected !== 'any' && current.version !== expected) {
    throw new AppError('version_conflict', { params: { current: current.version } });
  }
}

/** Changes a meeting's date, place, language or status (the secretariat), when the caller saw the current version. */
export async function updateMeeting(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  changes: MeetingChanges;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<MeetingWithAgenda> {
  const { actor, id, expectedVersion, changes, uow, clock } = options;
  if (!can(actor, 'manage_governance')) throw denied(actor);
  return uow.transaction(async ({ governance, audit }) => {
    const current = await findMeeting(governance, id);
    checkVersion(current, expectedVersion);
    const candidate: MeetingWithAgenda = {
      ...current,
      ...(changes.date !== undefined ? { date: changes.date } : {}),
      ...(changes.place !== undefined ? { place: clean(changes.place) } : {}),
      ...(changes.language !== undefined ? { language: changes.language } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
    };
    const fields = changedFields(current, candidate, AUDITED);
    if (Object.keys(fields).length === 0) return current;
    const now = clock.now();
    const next = { ...candidate, version: current.version + 1, updatedAt: now };
    if (!(await governance.updateMeeting(next, current.version))) {
      throw new AppError('version_conflict', { params: { current: '?' } });
    }
    await audit.append(
      auditRecord({ actor, at: now, action: 'meeting.update', entityType: 'meeting', entityId: id, details: { fields } }),
    );
    return next;
  });
}

/**
 * Sets the agenda of a meeting (the secretariat): the ordered list replaces the stored one, each
 * item an obstacle (id or reference) with an optional note. Unknown and repeated obstacles are
 * 400, naming the item. The meeting's version moves by one.
 */
export async function setAgenda(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  input: AgendaInput;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<MeetingWithAgenda> {
  const { actor, id, expectedVersion, input, uow, clock } = options;
  if (!can(actor, 'manage_governance')) throw denied(actor);
  return uow.transaction(async ({ governance, obstacles, audit }) => {
    const current = await findMeeting(governance, id);
    checkVersion(current, expectedVersion);
    const errors: FieldError[] = [];
    const entries: AgendaEntry[] = [];
    const references: string[] = [];
    const seen = new Set<string>();
    for (const [index, item] of input.items.entries()) {
      const obstacle = await findObstacle(obstacles, item.obstacle).catch(() => undefined);
      if (!obstacle || !can(actor, 'read_obstacle', obstacleAccess(obstacle))) {
        errors.push({ name: `items.${index}.obstacle`, code: 'unknown_key', params: { value: item.obstacle } });
        continue;
      }
      if (seen.has(obstacle.id)) {
        errors.push({ name: `items.${index}.obstacle`, code: 'duplicate' });
        continue;
      }
      seen.add(obstacle.id);
      const note = item.note?.trim() ? item.note.trim() : null;
      entries.push({ obstacleId: obstacle.id, note });
      references.push(note ? `${obstacle.reference}: ${note}` : obstacle.reference);
    }
    if (errors.length > 0) throw validationError(errors);
    const before = current.agenda.map((a) => (a.note ? `${a.obstacle.reference}: ${a.note}` : a.obstacle.reference));
    const now = clock.now();
    const next: Meeting = { ...current, version: current.version + 1, updatedAt: now };
    if (!(await governance.updateMeeting(next, current.version))) {
      throw new AppError('version_conflict', { params: { current: '?' } });
    }
    await governance.replaceAgenda(id, entries);
    await audit.append(
      auditRecord({
        actor,
        at: now,
        action: 'meeting.agenda',
        entityType: 'meeting',
        entityId: id,
        details: { fields: changedFields({ agenda: before }, { agenda: references }, ['agenda']) },
      }),
    );
    return findMeeting(governance, id);
  });
}

/**
 * A meeting with its agenda, for signed-in callers (the public: 401). Agenda items on obstacles
 * the caller may not read are left out.
 */
export async function getMeeting(options: {
  actor: Actor;
  id: string;
  governance: GovernanceRepository;
}): Promise<MeetingWithAgenda> {
  const { actor, id, governance } = options;
  if (!can(actor, 'read_meetings')) throw denied(actor);
  const meeting = await findMeeting(governance, id);
  return { ...meeting, agenda: meeting.agenda.filter((item) => can(actor, 'read_obstacle', obstacleAccess(item.obstacle))) };
}

/** Meetings, newest first, filtered by body, status and date range; signed-in callers only. */
export async function listMeetings(options: {
  actor: Actor;
  filter: MeetingFilter;
  governance: GovernanceRepository;
}): Promise<Page<Meeting>> {
  if (!can(options.actor, 'read_meetings')) throw denied(options.actor);
  return options.governance.listMeetings(options.filter);
}

/**
 * The agenda Schakel proposes for a meeting (the secretariat's tool; the rule is `proposeAgenda`
 * in governance.ts): obstacles waiting for this body's decision and its cold cases.
 */
export async function proposeMeetingAgenda(options: {
  actor: Actor;
  id: string;
  governance: GovernanceRepository;
  reference: ReferenceDataRepository;
}): Promise<{ meeting: MeetingWithAgenda; body: GoverningBody; items: AgendaProposalItem[] }> {
  const { actor, id, governance, reference } = options;
  if (!can(actor, 'manage_governance')) throw denied(actor);
  const meeting = await findMeeting(governance, id);
  const body = await governance.findBody(meeting.body);
  if (!body) throw new Error(`the body ${meeting.body} of meeting ${id} is gone`);
  const [candidates, escalated, catalogue] = await Promise.all([
    governance.agendaCandidates(),
    governance.escalatedCandidates(body.key),
    reference.catalogue(),
  ]);
  const readable = (o: (typeof candidates)[number]) => can(actor, 'read_obstacle', obstacleAccess(o));
  const items = proposeAgenda({
    body,
    meetingDate: meeting.date,
    escalated: escalated.filter(readable),
    candidates: candidates.filter(readable),
    segments: catalogue.segments,
    onAgenda: new Set(meeting.agenda.map((a) => a.obstacle.id)),
  });
  return { meeting, body, items };
}
