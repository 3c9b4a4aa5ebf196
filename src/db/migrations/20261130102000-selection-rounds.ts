import { type Kysely, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Selection rounds (issue 7, docs/SELECTION.md): a round with its criteria, weights and partners; its
// candidates (obstacles in `proposed`); the partners' scores (1–5 per criterion); its balance rules;
// every solve kept as a solution (what-if solutions stay, so two can be compared); and the amendments
// the regional body makes to a proposed portfolio, each with its reason. Lists and snapshots are JSON
// text (decision 0002); decimals are `double precision` (SQLite: REAL affinity).
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('selection_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('segment_key', 'text', (c) => c.notNull().references('segments.key'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('effort_budget', 'double precision')
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('aggregation', 'text', (c) => c.notNull().check(sql`aggregation IN ('mean', 'median')`))
    .addColumn('partners', 'text', (c) => c.notNull())
    .addColumn('scoring_deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'scoring', 'solved', 'approved')`))
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('approved_solution_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('selection_rounds_status').on('selection_rounds').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('selection_candidates')
    .addColumn('round_id', 'text', (c) => c.notNull().references('selection_rounds.id'))
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('effort', 'double precision', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('sub_region', 'text', (c) => c.notNull())
    .addColumn('lead_department', 'text', (c) => c.notNull())
    .addColumn('must', 'text', (c) => c.check(sql`must IN ('keep', 'exclude')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('selection_candidates_pk', ['round_id', 'obstacle_id'])
    .execute();
  await db.schema.createIndex('selection_candidates_obstacle').on('selection_candidates').columns(['obstacle_id']).execute();

  await db.schema
    .createTable('selection_scores')
    .addColumn('round_id', 'text', (c) => c.notNull().references('selection_rounds.id'))
    .addColumn('organisation_key', 'text', (c) => c.notNull().references('organisations.key'))
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score BETWEEN 1 AND 5`))
    .addColumn('comment', 'text')
    .addColumn('scored_by', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('selection_scores_pk', ['round_id', 'organisation_key', 'obstacle_id', 'criterion'])
    .execute();

  await db.schema
    .createTable('selection_solutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('selection_rounds.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('running', 'optimal', 'feasible', 'time_limit', 'infeasible', 'cancelled', 'failed')`),
    )
    .addColumn('objective', 'double precision')
    .addColumn('gap', 'double precision')
    .addColumn('bound', 'double precision')
    .addColumn('selected', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('explanations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('conflicts', 'text')
    .addColumn('comparison', 'text')
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('ms', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('selection_solutions_round')
    .on('selection_solutions')
    .columns(['round_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('selection_amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('selection_rounds.id'))
    .addColumn('solution_id', 'text', (c) => c.notNull().references('selection_solutions.id'))
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change IN ('include', 'exclude')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('selection_amendments_solution')
    .on('selection_amendments')
    .columns(['solution_id', 'obstacle_id'])
    .unique()
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('selection_amendments').execute();
  await db.schema.dropTable('selection_solutions').execute();
  await db.schema.dropTable('selection_scores').execute();
  await db.schema.dropTable('selection_candidates').execute();
  await db.schema.dropTable('selection_rounds').execute();
}
