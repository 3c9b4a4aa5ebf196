/** The part a department plays in an obstacle's routing: one lead at least, others involved. */
export const ROUTING_ROLES = ['lead', 'involved'] as const;
export type RoutingRole = (typeof ROUTING_ROLES)[number];

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
  /** When the routing ended (the obstacle went back to analysis); null while it holds. */
  endedAt: Date | null;
}

/** Storage of routings. Implemented in db/ on both databases. */
export interface RoutingRepository {
  /** Every routing of an obstacle, ended ones too, oldest first. */
  ofObstacle(obstacleId: string): Promise<ObstacleRouting[]>;
  insert(routings: readonly ObstacleRouting[]): Promise<void>;
  /** Ends the routings of an obstacle that still hold; returns how many. */
  end(obstacleId: string, at: Date): Promise<number>;
}
