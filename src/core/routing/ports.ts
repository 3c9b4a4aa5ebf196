/** The part a department plays in an obstacle's routing: one lead at least, others involved. */
export const ROUTING_ROLES = ['lead', 'involved'] as const;
export type RoutingRole = (typeof ROUTING_ROLES)[number];

/** A routed department's answer: not yet given, accepted (its part), or declined (with a reason). */
export const ACKNOWLEDGEMENTS = ['pending', 'accepted', 'declined'] as const;
export type Acknowledgement = (typeof ACKNOWLEDGEMENTS)[number];

/** Who gave the answer: the department itself, or the secretariat on its behalf. */
export type RespondedAs = 'department' | 'secretariat';

/** A day (YYYY-MM-DD) and the calendar it was counted in (core/calendar DueCalendar). */
export interface DueDay {
  on: string;
  calendar: string;
}

/** One department an obstacle is (or was) routed to. */
export interface ObstacleRouting {
  id: string;
  obstacleId: string;
  /** A key of an organisation of kind `department`. */
  organisation: string;
  role: RoutingRole;
  routedAt: Date;
  /** The id of the user who routed it. */
  routedBy: string;
  /**
   * When the routing ended: the department declined, or the obstacle went back to analysis; null
   * while it holds.
   */
  endedAt: Date | null;
  /** The routing round of the obstacle (1, 2, …): a new `route` after a return to analysis starts the next. */
  round: number;
  acknowledgement: Acknowledgement;
  /** The day the department must accept or decline by; null on rows routed before the norms existed. */
  due: DueDay | null;
  respondedAt: Date | null;
  respondedBy: string | null;
  respondedAs: RespondedAs | null;
  declineReason: string | null;
  /** Once accepted: the day its response on the substance is due (norm `department_response`). */
  responseDue: DueDay | null;
}

/** Storage of routings. Implemented in db/ on both databases. */
export interface RoutingRepository {
  /** Every routing of an obstacle, ended ones too, oldest first. */
  ofObstacle(obstacleId: string): Promise<ObstacleRouting[]>;
  /** The routings that hold now of one organisation (what is asked of a department). */
  holdingFor(organisation: string): Promise<ObstacleRouting[]>;
  /**
   * The routings of the obstacles that are `routed` now and have a declined routing (an alert
   * needs one), ended ones too (for the secretariat's alerts).
   */
  ofRoutedObstacles(): Promise<ObstacleRouting[]>;
  insert(routings: readonly ObstacleRouting[]): Promise<void>;
  /**
   * Records a department's answer on a routing that is still pending and holds (a decline also
   * ends it); false when it is not pending or has ended meanwhile.
   */
  respond(routing: ObstacleRouting): Promise<boolean>;
  /** Ends the routings of an obstacle that still hold; returns how many. */
  end(obstacleId: string, at: Date): Promise<number>;
}

/** The matrix's entry for one theme in one government. */
export interface CompetenceCell {
  theme: string;
  government: string;
  /** The lead department; null when the matrix names none (an empty cell). */
  lead: string | null;
  involved: string[];
  /** For If-Match: 1 for a cell nobody has edited yet. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The competence matrix. Implemented in db/ on both databases. */
export interface CompetenceRepository {
  /** The cells that name a department, in the order of themes and governments; filtered when asked. */
  list(filter: { theme?: string; government?: string }): Promise<CompetenceCell[]>;
  /** One cell; an empty one (lead null) when the matrix names nobody there. */
  get(theme: string, government: string): Promise<CompetenceCell>;
  /** Replaces a cell when its version is `expectedVersion`; false when it is not. */
  replace(cell: CompetenceCell & { lead: string }, expectedVersion: number): Promise<boolean>;
}
