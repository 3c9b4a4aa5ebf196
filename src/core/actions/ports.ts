import type { ActionStatus, ObstacleProgress, RollUpInput } from '../monitoring/rag.js';
import type { Visibility } from '../obstacles/obstacle.js';
import type { Language, LocalizedText } from '../shared/language.js';
import type { Action } from './action.js';

/** Where the next page of a monitoring list starts: after this (due date, id). */
export interface Cursor {
  dueOn: string;
  id: string;
}

/** What the nightly run reads of an open action to assess it. */
export interface ActionFactsRow {
  id: string;
  obstacleId: string;
  ownerOrganisation: string;
  status: ActionStatus;
  progress: number;
  dueOn: string;
  createdAt: Date;
  updatedAt: Date;
  rag: Action['monitoring']['rag'];
  overdue: boolean;
  stale: boolean;
}

export interface AssessmentRow {
  id: string;
  rag: Action['monitoring']['rag'];
  overdue: boolean;
  stale: boolean;
}

export type MonitoringFlag = 'overdue' | 'stale';

export interface MonitoringFilter {
  flag: MonitoringFlag;
  /** The owner organisation. */
  organisation?: string;
  /** A government of the obstacle. */
  government?: string;
  /** A theme of the obstacle. */
  theme?: string;
  /** Only actions of obstacles of these visibilities… */
  visibilities: readonly Visibility[];
  /** …or routed (now) to this organisation (a department reads those whatever their visibility). */
  routedTo?: string;
  limit: number;
  cursor?: Cursor;
}

/** A flagged action as the overdue and stale lists show it, with its obstacle. */
export interface FlaggedAction {
  action: Action;
  obstacle: { id: string; reference: string; title: LocalizedText; sourceLanguage: Language };
}

export interface ActionRepository {
  insert(action: Action): Promise<void>;
  /** Replaces the stored action when its version is `expectedVersion`; false when it is not. */
  update(action: Action, expectedVersion: number): Promise<boolean>;
  findById(id: string): Promise<Action | undefined>;
  /** The actions of an obstacle, by due date. */
  ofObstacle(obstacleId: string): Promise<Action[]>;
  /** The stored roll-up of an obstacle; undefined when it never had an action. */
  progressOf(obstacleId: string): Promise<ObstacleProgress | undefined>;
  /** The stored roll-ups of these obstacles (those that have one). */
  progressOfMany(obstacleIds: readonly string[]): Promise<Map<string, ObstacleProgress>>;
  /** Stores roll-ups (insert or replace), one per obstacle. */
  saveProgress(progress: ReadonlyMap<string, ObstacleProgress>, at: Date): Promise<void>;
  /** The organisation of an active user, or undefined when there is no such user. */
  organisationOfUser(userId: string): Promise<string | undefined>;

  /** Open actions (planned, in progress) with an id after `afterId`, in id order, at most `limit`. */
  openAfter(afterId: string, limit: number): Promise<ActionFactsRow[]>;
  /** Writes computed statuses (only the rows given). */
  saveAssessments(rows: readonly AssessmentRow[], at: Date): Promise<void>;
  /** Ids of obstacles that have actions, after `afterId`, in id order, at most `limit`. */
  obstaclesAfter(afterId: string, limit: number): Promise<string[]>;
  /** What the roll-up needs of the actions of these obstacles. */
  rollUpInputs(obstacleIds: readonly string[]): Promise<Map<string, RollUpInput[]>>;

  /** Overdue or stale actions, by due date, of the obstacles the filter allows. */
  listFlagged(filter: MonitoringFilter): Promise<{ items: FlaggedAction[]; nextCursor: Cursor | null }>;
}
