import type { ObstacleSummary } from '../obstacles/obstacle.js';
import type { Language, LocalizedText } from '../shared/language.js';

/**
 * Governance (PRODUCT.md, "Decisions"): the governing bodies that decide on obstacles (the
 * grensregio-overleg, the Flemish-Dutch Top, the consultations with North Rhine-Westphalia and
 * Lower Saxony, ministers' meetings), their meetings with an ordered agenda, and the typed
 * decisions they take. Recording a decision moves the obstacle (record-decision.ts).
 */

/** How a body decided on an obstacle. Stable keys; labels per language in the server's labels. */
export const DECISION_TYPES = [
  'administrative_change',
  'legislative_change',
  /** A deviation from the rules, with safeguards. */
  'derogation',
  /** A bilateral, Benelux or EU route. */
  'treaty_or_agreement',
  'information_measure',
  /** Reasons mandatory: the obstacle becomes `unsolvable`. */
  'not_to_be_solved',
  /** Reasons mandatory: the obstacle stays `routed` and comes back on a later agenda. */
  'deferred',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** The types whose reasons are mandatory. */
export const REASONED_TYPES: readonly DecisionType[] = ['not_to_be_solved', 'deferred'];

export const MEETING_STATUSES = ['planned', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface GoverningBody {
  key: string;
  name: LocalizedText;
  /** Keys of the governments the body represents (reference data). */
  governments: string[];
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AgendaItem {
  position: number;
  obstacle: ObstacleSummary;
  note: string | null;
}

export interface Meeting {
  id: string;
  body: string;
  /** YYYY-MM-DD. */
  date: string;
  place: string | null;
  /** The language the meeting is held in: its documents (.docx) are written in it. */
  language: Language;
  status: MeetingStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MeetingWithAgenda extends Meeting {
  agenda: AgendaItem[];
}

export interface PoliticalOwner {
  /** The government (reference data key) the owner speaks for: one per side of the border. */
  government: string;
  name?: string;
  office?: string;
}

export interface Decision {
  id: string;
  body: string;
  meeting: string | null;
  /** YYYY-MM-DD. */
  decidedOn: string;
  obstacle: ObstacleSummary;
  type: DecisionType;
  text: LocalizedText;
  reasons: LocalizedText;
  conditions: LocalizedText;
  sourceLanguage: Language;
  politicalOwners: PoliticalOwner[];
  /** Keys of the responsible departments (organisations of kind `department`). */
  departments: string[];
  dueOn: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What the agenda rule needs of a border segment (the reference data's segments). */
export interface SegmentSides {
  key: string;
  sides: readonly { governments: readonly string[] }[];
}

/** Months without change after which an obstacle waiting for a body is a cold case. */
export const COLD_CASE_MONTHS = 6;

export type ProposalReason = 'awaiting_decision' | 'cold_case' | 'escalated';

export interface AgendaProposalItem {
  obstacle: ObstacleSummary;
  reason: ProposalReason;
}

/** The date `months` calendar months before a YYYY-MM-DD date (the last day of a shorter month). */
export function monthsBefore(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Whether a body can decide on an obstacle: on every side of the obstacle's border segment, one
 * of the obstacle's governments is one the body represents. (The grensoverleg of the Netherlands
 * and Flanders covers an nl-vl obstacle of the Dutch and Flemish governments, not one that needs
 * the Belgian federal government: that one is for the Benelux ministers.) An obstacle whose
 * segment is unknown matches when the body represents all of its governments.
 */
export function bodyCovers(
  body: Pick<GoverningBody, 'governments'>,
  obstacle: Pick<ObstacleSummary, 'segment' | 'governments'>,
  segments: readonly SegmentSides[],
): boolean {
  const represented = new Set(body.governments);
  const concerned = obstacle.governments.filter((g) => represented.has(g));
  const segment = segments.find((s) => s.key === obstacle.segment);
  if (!segment || segment.sides.length === 0) {
    return obstacle.governments.length > 0 && concerned.length === obstacle.governments.length;
  }
  return segment.sides.every((side) => side.governments.some((g) => concerned.includes(g)));
}

/**
 * The agenda Schakel proposes for a meeting of a body, from the obstacles waiting for that body
 * (those it covers, see `bodyCovers`):
 *
 * 1. obstacles in `routed` (waiting for a decision), longest unchanged first;
 * 2. cold cases: obstacles on the `monitoring_list` whose last change is more than
 *    COLD_CASE_MONTHS months before the meeting date, longest unchanged first.
 *
 * A `routed` obstacle unchanged for more than COLD_CASE_MONTHS months before the meeting is marked
 * `cold_case` too (it stays in the first group). Before both come the obstacles `escalated` to the
 * political level for this body (an open action of theirs climbed the escalation ladder to the
 * top, and this body decided on them: core/monitoring/escalation.ts), in the order given; each
 * obstacle is proposed once. Obstacles already on this meeting's agenda are left out. The
 * secretariat orders and edits the agenda afterwards (PUT …/agenda).
 */
export function proposeAgenda(options: {
  body: Pick<GoverningBody, 'governments'>;
  meetingDate: string;
  candidates: readonly ObstacleSummary[];
  segments: readonly SegmentSides[];
  onAgenda?: ReadonlySet<string>;
  /** Obstacles escalated to the political level for this body (the body decided them: no coverage check). */
  escalated?: readonly ObstacleSummary[];
}): AgendaProposalItem[] {
  const { body, meetingDate, candidates, segments } = options;
  const escalated: ObstacleSummary[] = [];
  const seen = new Set<string>(options.onAgenda);
  for (const obstacle of options.escalated ?? []) {
    if (seen.has(obstacle.id)) continue;
    seen.add(obstacle.id);
    escalated.push(obstacle);
  }
  const coldBefore = monthsBefore(meetingDate, COLD_CASE_MONTHS);
  const cold = (o: ObstacleSummary) => o.updatedAt.toISOString().slice(0, 10) < coldBefore;
  const oldestFirst = (a: ObstacleSummary, b: ObstacleSummary) =>
    a.updatedAt.getTime() - b.updatedAt.getTime() || a.reference.localeCompare(b.reference);
  const covered = candidates.filter((o) => !seen.has(o.id) && bodyCovers(body, o, segments));
  const routed = covered.filter((o) => o.status === 'routed').sort(oldestFirst);
  const monitoring = covered.filter((o) => o.status === 'monitoring_list' && cold(o)).sort(oldestFirst);
  return [
    ...escalated.map((obstacle) => ({ obstacle, reason: 'escalated' as const })),
    ...routed.map((obstacle) => ({ obstacle, reason: cold(obstacle) ? ('cold_case' as const) : ('awaiting_decision' as const) })),
    ...monitoring.map((obstacle) => ({ obstacle, reason: 'cold_case' as const })),
  ];
}
