import type { Kysely } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// The lifecycle of an obstacle: the analysis (the six parts of an expert report), what the last move
// said (its reason, the information point a question was referred to, the obstacle a duplicate was
// merged into), the reporters who follow it after a merge, and the intake clock's date.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

/** Two months after the report; the last day of the month when that month is shorter. (A copy: migrations import nothing.) */
function clarificationDue(reportedOn: string): string {
  const [year, month, day] = reportedOn.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + 2, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('obstacles')
    .addColumn('analysis', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('obstacles')
    .addColumn('co_reporters', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('obstacles').addColumn('status_reason', 'text').execute();
  await db.schema
    .alterTable('obstacles')
    .addColumn('referred_to', 'text', (c) => c.references('organisations.key'))
    .execute();
  await db.schema.alterTable('obstacles').addColumn('merged_into', 'text').execute();
  await db.schema
    .alterTable('obstacles')
    .addColumn('clarification_due', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // The clock's date of the obstacles already registered, one reporting date at a time.
  const dates = await db.selectFrom('obstacles').select('reported_on').distinct().execute();
  for (const { reported_on } of dates as { reported_on: string }[]) {
    await db
      .updateTable('obstacles')
      .set({ clarification_due: clarificationDue(reported_on) })
      .where('reported_on', '=', reported_on)
      .execute();
  }
  await db.schema.createIndex('obstacles_clarification_due').on('obstacles').columns(['clarification_due', 'seq']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('obstacles_clarification_due').execute();
  for (const column of ['clarification_due', 'merged_into', 'referred_to', 'status_reason', 'co_reporters', 'analysis']) {
    await db.schema.alterTable('obstacles').dropColumn(column).execute();
  }
}
