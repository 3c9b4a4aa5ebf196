import type { Kysely, Transaction } from 'kysely';
import type { ObstacleRouting, RoutingRepository, RoutingRole } from '../../core/routing/ports.js';
import type { DB } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Routings of obstacles in Kysely, on SQLite and PostgreSQL alike. */
export class KyselyRoutingRepository implements RoutingRepository {
  constructor(private readonly db: Executor) {}

  async ofObstacle(obstacleId: string): Promise<ObstacleRouting[]> {
    const rows = await this.db
      .selectFrom('obstacle_routings')
      .selectAll()
      .where('obstacle_id', '=', obstacleId)
      .orderBy('routed_at')
      .orderBy('role', 'desc')
      .orderBy('organisation_key')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      obstacleId: row.obstacle_id,
      organisation: row.organisation_key,
      role: row.role as RoutingRole,
      routedAt: new Date(row.routed_at),
      routedBy: row.routed_by,
      endedAt: row.ended_at === null ? null : new Date(row.ended_at),
    }));
  }

  async insert(routings: readonly ObstacleRouting[]): Promise<void> {
    if (routings.length === 0) return;
    await this.db
      .insertInto('obstacle_routings')
      .values(
        routings.map((r) => ({
          id: r.id,
          obstacle_id: r.obstacleId,
          organisation_key: r.organisation,
          role: r.role,
          routed_at: r.routedAt.toISOString(),
          routed_by: r.routedBy,
          ended_at: r.endedAt ? r.endedAt.toISOString() : null,
        })),
      )
      .execute();
  }

  async end(obstacleId: string, at: Date): Promise<number> {
    const result = await this.db
      .updateTable('obstacle_routings')
      .set({ ended_at: at.toISOString() })
      .where('obstacle_id', '=', obstacleId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
