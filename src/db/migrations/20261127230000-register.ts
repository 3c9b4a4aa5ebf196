import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

export async function up(db: Db): Promise<void> {
  const sqlite = isSqlite(db);

  await db.schema
    .createTable('themes')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('label_nl', 'text', (c) => c.notNull())
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('in_seed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('governments')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('segments')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sides', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('government_key', 'text', (c) => c.references('governments.key'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('competences')
    .addColumn('theme_key', 'text', (c) => c.notNull().references('themes.key'))
    .addColumn('government_key', 'text', (c) => c.notNull().references('governments.key'))
    .addColumn('organisation_key', 'text', (c) => c.notNull().references('organisations.key'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('competences_pk', ['theme_key', 'government_key', 'organisation_key'])
    .execute();

  await db.schema
    .createTable('reference_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('obstacles')
    .addColumn('seq', 'integer', (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('ref_year', 'integer', (c) => c.notNull())
    .addColumn('ref_number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('affected_groups', 'text', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('segment_key', 'text', (c) => c.notNull().references('segments.key'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('reporter_organisation_key', 'text', (c) => c.references('organisations.key'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('governments', 'text', (c) => c.notNull())
    .addColumn('regions', 'text', (c) => c.notNull())
    .addColumn('municipalities', 'text', (c) => c.notNull())
    .addColumn('estimated_affected', 'integer')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('provisions', 'text', (c) => c.notNull())
    .addUniqueConstraint('obstacles_ref_unique', ['ref_year', 'ref_number'])
    .execute();

  await db.schema.createIndex('obstacles_updated').on('obstacles').columns(['updated_at', 'seq']).execute();
  await db.schema.createIndex('obstacles_created').on('obstacles').columns(['created_at', 'seq']).execute();
  await db.schema.createIndex('obstacles_status_updated').on('obstacles').columns(['status', 'updated_at', 'seq']).execute();
  await db.schema
    .createIndex('obstacles_segment_updated')
    .on('obstacles')
    .columns(['segment_key', 'updated_at', 'seq'])
    .execute();

  await db.schema
    .createTable('obstacle_themes')
    .addColumn('obstacle_seq', 'integer', (c) => c.notNull().references('obstacles.seq'))
    .addColumn('theme_key', 'text', (c) => c.notNull().references('themes.key'))
    .addPrimaryKeyConstraint('obstacle_themes_pk', ['obstacle_seq', 'theme_key'])
    .execute();
  await db.schema.createIndex('obstacle_themes_theme').on('obstacle_themes').columns(['theme_key', 'obstacle_seq']).execute();

  await db.schema
    .createTable('obstacle_governments')
    .addColumn('obstacle_seq', 'integer', (c) => c.notNull().references('obstacles.seq'))
    .addColumn('government_key', 'text', (c) => c.notNull().references('governments.key'))
    .addPrimaryKeyConstraint('obstacle_governments_pk', ['obstacle_seq', 'government_key'])
    .execute();
  await db.schema
    .createIndex('obstacle_governments_government')
    .on('obstacle_governments')
    .columns(['government_key', 'obstacle_seq'])
    .execute();

  await db.schema
    .createTable('obstacle_links')
    .addColumn('from_seq', 'integer', (c) => c.notNull().references('obstacles.seq'))
    .addColumn('to_seq', 'integer', (c) => c.notNull().references('obstacles.seq'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('obstacle_links_pk', ['from_seq', 'to_seq'])
    .execute();
  await db.schema.createIndex('obstacle_links_to').on('obstacle_links').columns(['to_seq']).execute();

  await db.schema
    .createTable('obstacle_counts')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('segment_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('obstacle_counts_pk', ['status', 'segment_key', 'type', 'visibility'])
    .execute();

  await db.schema
    .createTable('obstacle_theme_counts')
    .addColumn('filter_theme', 'text', (c) => c.notNull())
    .addColumn('theme_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('segment_key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('obstacle_theme_counts_pk', [
      'filter_theme',
      'theme_key',
      'status',
      'segment_key',
      'type',
      'visibility',
    ])
    .execute();

  // Full-text search is a named capability of each dialect: FTS5 over stemmed shadow text on SQLite,
  // a weighted tsvector with the language configurations on PostgreSQL (docs/decisions/0004-search.md).
  if (sqlite) {
    await sql`CREATE VIRTUAL TABLE obstacle_fts USING fts5(
      title, summary, body,
      content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 2'
    )`.execute(db);
  } else {
    await sql`ALTER TABLE obstacles ADD COLUMN search_vector tsvector`.execute(db);
    await sql`CREATE INDEX obstacles_search ON obstacles USING gin (search_vector)`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (isSqlite(db)) await sql`DROP TABLE IF EXISTS obstacle_fts`.execute(db);
  for (const table of [
    'obstacle_theme_counts',
    'obstacle_counts',
    'obstacle_links',
    'obstacle_governments',
    'obstacle_themes',
    'obstacles',
    'reference_counters',
    'competences',
    'organisations',
    'segments',
    'governments',
    'themes',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
