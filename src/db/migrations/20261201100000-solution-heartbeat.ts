import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Recovery of solves whose process died (issue 7, docs/SELECTION.md "Solving in the background"): the
// process that runs a solve (`runner`, an id per server process) writes `heartbeat_at` while it runs;
// a `running` solution with no heartbeat for longer than the stated interval is swept to `failed`
// with `failure` = 'interrupted' (a solve that failed by itself: 'error'). Rows from before this
// migration have no runner and no heartbeat: their creation time counts as the last sign of life.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('selection_solutions').addColumn('runner', 'text').execute();
  await db.schema.alterTable('selection_solutions').addColumn('heartbeat_at', 'text').execute();
  await db.schema
    .alterTable('selection_solutions')
    .addColumn('failure', 'text', (c) => c.check(sql`failure IN ('error', 'interrupted')`))
    .execute();
  // Failed solutions of before: a failure by itself (nothing swept them).
  await db.updateTable('selection_solutions').set({ failure: 'error' }).where('status', '=', 'failed').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('selection_solutions').dropColumn('failure').execute();
  await db.schema.alterTable('selection_solutions').dropColumn('heartbeat_at').execute();
  await db.schema.alterTable('selection_solutions').dropColumn('runner').execute();
}
