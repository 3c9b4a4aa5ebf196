import type { Visibility } from '../obstacles/obstacle.js';
import type { Language, LocalizedText } from '../shared/language.js';
import type { ActionEscalation, Escalation, EscalationLevel, ReminderKind } from './escalation.js';
import type { ActionStatus } from './rag.js';

/** What the escalation run reads of an open action. */
export interface EscalationCandidate {
  id: string;
  obstacleId: string;
  obstacleReference: string;
  obstacleTitle: LocalizedText;
  title: LocalizedText;
  decisionId: string | null;
  ownerOrganisation: string;
  status: ActionStatus;
  dueOn: string;
  escalation: ActionEscalation;
}

/** Where the next page of the escalations list starts: after this (escalated at, id), newest first. */
export interface EscalationCursor {
  at: string;
  id: string;
}

export interface EscalationFilter {
  /** Only climbs to this level. */
  level?: EscalationLevel;
  /** Only of actions of this owner organisation (a department sees only its own). */
  organisation?: string;
  /** Only of obstacles of these visibilities. */
  visibilities: readonly Visibility[];
  limit: number;
  cursor?: EscalationCursor;
}

/** An escalation as lists show it: with its action and obstacle. */
export interface EscalationView extends Escalation {
  action: { id: string; title: LocalizedText; sourceLanguage: Language; level: EscalationLevel; status: ActionStatus };
  obstacle: { id: string; reference: string; title: LocalizedText; sourceLanguage: Language };
}

/** The escalation ladder's and the reminders' storage. Implemented in db/ for both databases. */
export interface EscalationRepository {
  /**
   * Open actions due on or before `dueBy` with an id after `afterId`, in id order, at most `limit`
   * (the run's candidates: overdue, or due soon enough for a reminder).
   */
  candidatesAfter(afterId: string, dueBy: string, limit: number): Promise<EscalationCandidate[]>;
  /**
   * Records a climb: the row, and the action's level and day, when the action is still at
   * `escalation.from` and has no row for `escalation.to` yet; false (nothing written) otherwise.
   */
  record(escalation: Escalation): Promise<boolean>;
  /** Records that a reminder occasion was sent; false when it was already (nothing written). */
  claimReminder(reminder: { actionId: string; occasion: string; kind: ReminderKind; sentOn: string; at: Date }): Promise<boolean>;
  /** The governing body that decided: that of the decision `decisionId`, else that of the obstacle's latest decision. */
  decidingBody(obstacleId: string, decisionId: string | null): Promise<string | undefined>;
  /** The next planned meeting of a body on or after `from`. */
  nextMeeting(body: string, from: string): Promise<string | undefined>;
  /** The escalations of an obstacle, oldest first. */
  ofObstacle(obstacleId: string): Promise<EscalationView[]>;
  /** Escalations, newest first, of the obstacles the filter allows. */
  list(filter: EscalationFilter): Promise<{ items: EscalationView[]; nextCursor: EscalationCursor | null }>;
}
