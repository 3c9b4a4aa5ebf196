import type { ActionRepository } from '../actions/ports.js';
import type { AuditLog } from '../audit/ports.js';
import type { NormRepository } from '../calendar/norms.js';
import type { GovernanceRepository } from '../governance/ports.js';
import type { EscalationRepository } from '../monitoring/ports.js';
import type { NotificationOutbox } from '../notifications/ports.js';
import type { CompetenceRepository, RoutingRepository } from '../routing/ports.js';
import type { SelectionRoundRepository } from '../selection-rounds/ports.js';
import type { Language } from '../shared/language.js';
import type { StateOfPlayRepository } from '../state-of-play/ports.js';
import type { Obstacle, ObstacleStatus, ObstacleSummary, ObstacleType, Visibility } from './obstacle.js';

export const SORTS = [
  '-updatedAt',
  'updatedAt',
  '-createdAt',
  'createdAt',
  'reference',
  '-reference',
  'relevance',
  'clarificationDue',
  '-clarificationDue',
] as const;
export type Sort = (typeof SORTS)[number];

export const FACETS = ['theme', 'status', 'segment', 'type'] as const;
export type Facet = (typeof FACETS)[number];
export type FacetCounts = Record<Facet, Record<string, number>>;

/** Where the next page starts: after the last item of this page, in the order of `sort`. */
export type Cursor =
  | { sort: Exclude<Sort, 'relevance'>; after: string | number; seq: number }
  | { sort: 'relevance'; offset: number };

export interface ObstacleFilter {
  status?: ObstacleStatus[];
  /**
   * The intake clock: obstacles still waiting for the secretariat (`reported` or `intake`) whose
   * clarification date (two months after the report) is before this date (YYYY-MM-DD).
   */
  clarificationDueBefore?: string;
  theme?: string[];
  segment?: string[];
  government?: string[];
  type?: ObstacleType[];
  visibility?: Visibility[];
  /**
   * Also the obstacles routed to this organisation (a routing that holds) whose visibility is one
   * of `visibility`, whatever the filter's own `visibility` says: what a department reads.
   */
  routedTo?: { organisation: string; visibility: Visibility[] };
  /** Free text, any of the four languages; stemmed and accent-insensitive. */
  q?: string;
}

export interface ObstacleQuery extends ObstacleFilter {
  sort: Sort;
  limit: number;
  cursor?: Cursor;
  /** Whether to count the filtered set per facet. */
  facets: boolean;
}

export interface ObstaclePage {
  items: ObstacleSummary[];
  nextCursor: Cursor | null;
  facets: FacetCounts | null;
  /** Number of obstacles in the filtered set (present when facets are counted). */
  total: number | null;
}

/** Storage of obstacles. Implemented in db/ for SQLite and PostgreSQL; all SQL lives there. */
/** An obstacle's id and the facts core/access decides on (`obstacleAccess`). */
export interface ObstacleAccessFacts {
  id: string;
  visibility: Obstacle['visibility'];
  status: Obstacle['status'];
  reporter: { organisation?: string };
  routedTo?: string[];
}

export interface ObstacleRepository {
  /** Gives the next number of the year's reference sequence, inside the current transaction. */
  nextReferenceNumber(year: number): Promise<number>;
  insert(obstacle: Obstacle, related: string[]): Promise<void>;
  /** Replaces the stored record when its version is `expectedVersion`; returns false when it is not. */
  update(obstacle: Obstacle, expectedVersion: number, related: string[] | undefined): Promise<boolean>;
  findById(id: string): Promise<Obstacle | undefined>;
  findByReference(reference: string): Promise<Obstacle | undefined>;
  /**
   * What deciding who may read an obstacle needs, without its record: for reads that show
   * something else of it (its history). By id, or by reference (`GB-…`).
   */
  findAccess(idOrReference: string): Promise<ObstacleAccessFacts | undefined>;
  /** Resolves ids or references of obstacles to their ids; unknown ones are left out. */
  resolveIds(idsOrReferences: string[]): Promise<Map<string, string>>;
  currentVersion(id: string): Promise<number | undefined>;
}

export interface ObstacleSearch {
  list(query: ObstacleQuery): Promise<ObstaclePage>;
}

export interface Theme {
  key: string;
  label: Record<Language, string>;
  inSeed: boolean;
}

export interface Government {
  key: string;
  name: string;
  label: Record<Language, string>;
  country: string;
  level: string;
  kind: string;
}

export interface SegmentSide {
  side: string;
  governments: string[];
  regions: string[];
}

export interface Segment {
  key: string;
  name: Partial<Record<Language, string>>;
  sides: SegmentSide[];
}

export interface Organisation {
  key: string;
  name: string;
  government: string | null;
  kind: string;
}

export interface Catalogue {
  themes: Theme[];
  governments: Government[];
  segments: Segment[];
  organisations: Organisation[];
}

export interface ReferenceDataRepository {
  catalogue(): Promise<Catalogue>;
}

/** The repositories a use case may touch inside one transaction. */
export interface Repositories {
  obstacles: ObstacleRepository;
  reference: ReferenceDataRepository;
  /** The audit trail, appended to in the same transaction as the change it records. */
  audit: AuditLog;
  /** Governing bodies, meetings, agendas and decisions. */
  governance: GovernanceRepository;
  /** The departments obstacles are routed to. */
  routings: RoutingRepository;
  /** Norm durations per phase, from which due dates are computed. */
  norms: NormRepository;
  /** The outbox of notifications: `notify` writes to it in the caller's transaction. */
  notifications: NotificationOutbox;
  /** Actions and milestones of obstacles, and each obstacle's roll-up of them. */
  actions: ActionRepository;
  /** The competence matrix (theme × government → lead and involved departments). */
  competences: CompetenceRepository;
  /** Selection rounds: candidates, scores, solutions and amendments. */
  selectionRounds: SelectionRoundRepository;
  /** State-of-play rounds and their items. */
  stateOfPlay: StateOfPlayRepository;
  /** The escalation ladder's climbs and the reminders sent. */
  escalations: EscalationRepository;
}

/** Runs work in one transaction: everything is written, or nothing. */
export interface UnitOfWork {
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}
