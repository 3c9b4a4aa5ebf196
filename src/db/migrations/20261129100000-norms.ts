import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Norm durations per phase (core/calendar/norms.ts), seeded with the defaults; the secretariat
// changes them through PUT /norms/{phase}, each change audited. `updated_by` is null for a default.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

const DEFAULTS = [
  ['routing_acknowledgement', 10, 'working_days', 1],
  ['department_response', 30, 'working_days', 2],
  ['intake_clarification', 2, 'calendar_months', 3],
  ['escalation_after', 10, 'working_days', 4],
  ['stale_after', 60, 'calendar_days', 5],
] as const;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('norms')
    .addColumn('phase', 'text', (c) => c.primaryKey())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount BETWEEN 1 AND 366`))
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit IN ('working_days', 'calendar_days', 'calendar_months')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto('norms')
    .values(
      DEFAULTS.map(([phase, amount, unit, position]) => ({
        phase,
        amount,
        unit,
        position,
        version: 1,
        updated_at: now,
        updated_by: null,
      })),
    )
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('norms').execute();
}
