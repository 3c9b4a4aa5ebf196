import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Acknowledgement, ObstacleRouting, RespondedAs, RoutingRepository, RoutingRole } from '../../core/routing/ports.js';
import type { DB, ObstacleRoutingTable } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

function toRouting(row: Selectable<ObstacleRoutingTable>): ObstacleRouting {
  return {
    id: row.id,
    obstacleId: row.obstacle_id,
    organisation: row.organisation_key,
    role: row.role as RoutingRole,
    routedAt: new Date(row.routed_at),
    routedBy: row.routed_by,
    endedAt: row.ended_at === null ? null : new Date(row.ended_at),
    round: Number(row.round),
    acknowledgement: row.acknowledgement as Acknowledgement,
    due: row.due_on === null ? null : { on: row.due_on, calendar: row.due_calendar ?? 'weekends' },
    respondedAt: row.responded_at === null ? null : new Date(row.responded_at),
    respondedBy: row.responded_by,
    respondedAs: row.responded_as as RespondedAs | null,
    declineReason: row.decline_reason,
    responseDue:
      row.response_due_on === null ? null : { on: row.response_due_on, calendar: row.response_due_calendar ?? 'weekends' },
  };
}

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
    return rows.map(toRouting);
  }

  async holdingFor(organisation: string): Promise<ObstacleRouting[]> {
    const rows = await this.db
      .selectFrom('obstacle_routings')
      .selectAll()
      .where('organisation_key', '=', organisation)
      .where('ended_at', 'is', null)
      .orderBy('routed_at')
      .orderBy('obstacle_id')
      .execute();
    return rows.map(toRouting);
  }

  async ofRoutedObstacles(): Promise<ObstacleRouting[]> {
    const rows = await this.db
      .selectFrom('obstacle_routings as r')
      .innerJoin('obstacles as o', 'o.id', 'r.obstacle_id')
      .selectAll('r')
      .where('o.status', '=', 'routed')
      // Only obstacles with a decline can have an alert: the few, not every routed one.
      .where('r.obstacle_id', 'in', (eb) =>
        eb.selectFrom('obstacle_routings as d').select('d.obstacle_id').where('d.acknowledgement', '=', 'declined'),
      )
      .orderBy('o.seq')
      .orderBy('r.routed_at')
      .orderBy('r.organisation_key')
      .execute();
    return rows.map(toRouting);
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
          round: r.round,
          acknowledgement: r.acknowledgement,
          due_on: r.due?.on ?? null,
          due_calendar: r.due?.calendar ?? null,
          responded_at: r.respondedAt ? r.respondedAt.toISOString() : null,
          responded_by: r.respondedBy,
          responded_as: r.respondedAs,
          decline_reason: r.declineReason,
          response_due_on: r.responseDue?.on ?? null,
          response_due_calendar: r.responseDue?.calendar ?? null,
        })),
      )
      .execute();
  }

  async respond(routing: ObstacleRouting): Promise<boolean> {
    const result = await this.db
      .updateTable('obstacle_routings')
      .set({
        acknowledgement: routing.acknowledgement,
        responded_at: routing.respondedAt ? routing.respondedAt.toISOString() : null,
        responded_by: routing.respondedBy,
        responded_as: routing.respondedAs,
        decline_reason: routing.declineReason,
        response_due_on: routing.responseDue?.on ?? null,
        response_due_calendar: routing.responseDue?.calendar ?? null,
        ended_at: routing.endedAt ? routing.endedAt.toISOString() : null,
      })
      .where('id', '=', routing.id)
      .where('acknowledgement', '=', 'pending')
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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
