import type {
  AgendaProposalResponse,
  DecisionResponse,
  GoverningBodyResponse,
  MeetingResponse,
} from '../../contracts/governance.contract.js';
import { type Actor, can, obstacleAccess } from '../../core/access/access.js';
import {
  type AgendaProposalItem,
  COLD_CASE_MONTHS,
  type Decision,
  type GoverningBody,
  type Meeting,
  type MeetingWithAgenda,
} from '../../core/governance/governance.js';
import type { PageCursor } from '../../core/governance/ports.js';
import type { ObstacleSummary } from '../../core/obstacles/obstacle.js';
import { AppError } from '../../core/shared/errors.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import { cursorPayload } from './cursor.js';
import { DECISION_TYPE_LABELS } from './governance-labels.js';

export function presentBody(body: GoverningBody, language: Language, actor: Actor): GoverningBodyResponse {
  return {
    key: body.key,
    name: body.name,
    text: { language, name: resolveText(body.name, language) ?? null },
    governments: body.governments,
    active: body.active,
    version: body.version,
    createdAt: body.createdAt.toISOString(),
    updatedAt: body.updatedAt.toISOString(),
    abilities: can(actor, 'manage_governance') ? ['edit'] : [],
  };
}

/** A body named in a meeting or a decision: its key and its name in the reader's language. */
function bodyRef(key: string, bodies: ReadonlyMap<string, GoverningBody>, language: Language) {
  return { key, name: resolveText(bodies.get(key)?.name, language) ?? null };
}

function obstacleRef(obstacle: ObstacleSummary, language: Language) {
  return {
    id: obstacle.id,
    reference: obstacle.reference,
    status: obstacle.status,
    visibility: obstacle.visibility,
    version: obstacle.version,
    title: resolveText(obstacle.title, language, obstacle.sourceLanguage) ?? null,
  };
}

export function presentMeeting(
  meeting: Meeting | MeetingWithAgenda,
  bodies: ReadonlyMap<string, GoverningBody>,
  language: Language,
  actor: Actor,
): MeetingResponse {
  const abilities: MeetingResponse['abilities'] = can(actor, 'manage_governance') ? ['edit', 'set_agenda', 'propose_agenda'] : [];
  if (can(actor, 'record_decision')) abilities.push('record_decision');
  return {
    id: meeting.id,
    body: bodyRef(meeting.body, bodies, language),
    date: meeting.date,
    place: meeting.place,
    language: meeting.language,
    status: meeting.status,
    version: meeting.version,
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
    ...('agenda' in meeting
      ? {
          agenda: meeting.agenda.map((item) => ({
            position: item.position,
            obstacle: obstacleRef(item.obstacle, language),
            note: item.note,
          })),
        }
      : {}),
    abilities,
  };
}

export function presentDecision(
  decision: Decision,
  bodies: ReadonlyMap<string, GoverningBody>,
  language: Language,
  actor: Actor,
): DecisionResponse {
  const source = decision.sourceLanguage;
  const editable = can(actor, 'record_decision') && can(actor, 'read_obstacle', obstacleAccess(decision.obstacle));
  return {
    id: decision.id,
    version: decision.version,
    body: bodyRef(decision.body, bodies, language),
    meeting: decision.meeting,
    decidedOn: decision.decidedOn,
    obstacle: obstacleRef(decision.obstacle, language),
    type: decision.type,
    typeLabel: DECISION_TYPE_LABELS[decision.type][language],
    text: decision.text,
    reasons: decision.reasons,
    conditions: decision.conditions,
    sourceLanguage: source,
    resolved: {
      language,
      text: resolveText(decision.text, language, source) ?? null,
      reasons: resolveText(decision.reasons, language, source) ?? null,
      conditions: resolveText(decision.conditions, language, source) ?? null,
    },
    politicalOwners: decision.politicalOwners.map((o) => ({
      government: o.government,
      ...(o.name ? { name: o.name } : {}),
      ...(o.office ? { office: o.office } : {}),
    })),
    departments: decision.departments,
    dueOn: decision.dueOn,
    createdAt: decision.createdAt.toISOString(),
    updatedAt: decision.updatedAt.toISOString(),
    abilities: editable ? ['edit'] : [],
  };
}

export function presentProposal(
  meeting: Meeting,
  items: readonly AgendaProposalItem[],
  language: Language,
): AgendaProposalResponse {
  return {
    meeting: meeting.id,
    body: meeting.body,
    coldCaseMonths: COLD_CASE_MONTHS,
    items: items.map(({ obstacle, reason }) => ({
      obstacle: {
        ...obstacleRef(obstacle, language),
        updatedAt: obstacle.updatedAt.toISOString(),
        segment: obstacle.segment,
        governments: obstacle.governments,
      },
      reason,
    })),
  };
}

/** A page cursor is opaque to clients: base64url of the last item's date and sequence number. */
export function encodePageCursor(cursor: PageCursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify({ d: cursor.date, s: cursor.seq }), 'utf8').toString('base64url') : null;
}

/** Reads a page cursor back; anything that is not one we made is 400 invalid_cursor. */
export function decodePageCursor(value: string | undefined): PageCursor | undefined {
  if (value === undefined) return undefined;
  const invalid = () => new AppError('invalid_cursor');
  const { d, s } = cursorPayload(value);
  if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw invalid();
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > 2_147_483_647) throw invalid();
  return { date: d, seq: s };
}
