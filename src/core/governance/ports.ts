import type { ObstacleSummary, Visibility } from '../obstacles/obstacle.js';
import type { Decision, DecisionType, GoverningBody, Meeting, MeetingStatus, MeetingWithAgenda } from './governance.js';

/** Where the next page starts: after this (date, seq) in the list's order (newest first). */
export interface PageCursor {
  date: string;
  seq: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: PageCursor | null;
}

export interface MeetingFilter {
  body?: string;
  status?: MeetingStatus;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  limit: number;
  cursor?: PageCursor;
}

export interface DecisionFilter {
  body?: string;
  /** An obstacle's id. */
  obstacle?: string;
  meeting?: string;
  type?: DecisionType[];
  from?: string;
  to?: string;
  /** Only decisions on obstacles of these visibilities (what the caller may read). */
  visibilities: readonly Visibility[];
  limit: number;
  cursor?: PageCursor;
}

/** A decision as stored: the obstacle by id (reads give its summary). */
export type StoredDecision = Omit<Decision, 'obstacle'> & { obstacleId: string };

export interface AgendaEntry {
  obstacleId: string;
  note: string | null;
}

/** Storage of governing bodies, meetings, agendas and decisions. Implemented in db/ for both databases. */
export interface GovernanceRepository {
  listBodies(): Promise<GoverningBody[]>;
  findBody(key: string): Promise<GoverningBody | undefined>;
  insertBody(body: GoverningBody): Promise<void>;
  /** Replaces the stored body when its version is `expectedVersion`; false when it is not. */
  updateBody(body: GoverningBody, expectedVersion: number): Promise<boolean>;

  insertMeeting(meeting: Meeting): Promise<void>;
  updateMeeting(meeting: Meeting, expectedVersion: number): Promise<boolean>;
  findMeeting(id: string): Promise<MeetingWithAgenda | undefined>;
  listMeetings(filter: MeetingFilter): Promise<Page<Meeting>>;
  /** Replaces the whole agenda of a meeting, in the order given (positions 1, 2, 3…). */
  replaceAgenda(meetingId: string, entries: readonly AgendaEntry[]): Promise<void>;

  insertDecision(decision: StoredDecision): Promise<void>;
  updateDecision(decision: StoredDecision, expectedVersion: number): Promise<boolean>;
  findDecision(id: string): Promise<Decision | undefined>;
  listDecisions(filter: DecisionFilter): Promise<Page<Decision>>;

  /** Obstacles that may wait for a body: those in `routed` and on the `monitoring_list`. */
  agendaCandidates(): Promise<ObstacleSummary[]>;
  /**
   * Obstacles escalated to the political level for a body: with an open action at the political
   * level whose escalation to it names this body; earliest escalation first.
   */
  escalatedCandidates(body: string): Promise<ObstacleSummary[]>;
}
