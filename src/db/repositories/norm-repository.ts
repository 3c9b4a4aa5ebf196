import type { Kysely, Transaction } from 'kysely';
import { NORM_PHASES, type Norm, type NormPhase, type NormRepository, type NormUnit } from '../../core/calendar/norms.js';
import type { DB, NormTable } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

function toNorm(row: NormTable): Norm {
  return {
    phase: row.phase as NormPhase,
    amount: row.amount,
    unit: row.unit as NormUnit,
    version: row.version,
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
  };
}

/** The norms in Kysely, on SQLite and PostgreSQL alike (five rows, seeded by the migration). */
export class KyselyNormRepository implements NormRepository {
  constructor(private readonly db: Executor) {}

  async all(): Promise<Norm[]> {
    const rows = await this.db.selectFrom('norms').selectAll().orderBy('position').execute();
    return rows.filter((r) => (NORM_PHASES as readonly string[]).includes(r.phase)).map(toNorm);
  }

  async get(phase: NormPhase): Promise<Norm> {
    const row = await this.db.selectFrom('norms').selectAll().where('phase', '=', phase).executeTakeFirst();
    // Every phase is seeded by migration 20261129100000-norms; a missing one is a broken database.
    if (!row) throw new Error(`norm ${phase} is missing from the database`);
    return toNorm(row);
  }

  async update(norm: Norm, expectedVersion: number): Promise<boolean> {
    const result = await this.db
      .updateTable('norms')
      .set({
        amount: norm.amount,
        unit: norm.unit,
        version: norm.version,
        updated_at: norm.updatedAt.toISOString(),
        updated_by: norm.updatedBy,
      })
      .where('phase', '=', norm.phase)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
