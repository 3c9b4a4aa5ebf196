import { type Kysely, SqliteAdapter } from 'kysely';

// Frozen once landed: never edit, add a new migration instead. Runs unchanged on SQLite and PostgreSQL.
// Governance: the governing bodies that decide on obstacles (seeded below, then kept by the
// secretariat), their meetings with an ordered agenda, and the decisions they take. Texts people
// write are JSON per language, like an obstacle's; lists are JSON text.
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no app schema on purpose
type Db = Kysely<any>;

function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * The bodies Schakel starts with. Governments are keys of the reference data (seeded after the
 * migrations, so they are not foreign keys here; the application checks them on every change).
 */
const BODIES = [
  {
    key: 'grensoverleg-vl-nl',
    name: {
      nl: 'Grensoverleg Vlaanderen–Nederland',
      fr: 'Concertation frontalière Flandre–Pays-Bas',
      de: 'Grenzkonsultation Flandern–Niederlande',
      en: 'Flanders–Netherlands border consultation',
    },
    governments: ['nl', 'vl'],
  },
  {
    key: 'vlaams-nederlandse-top',
    name: {
      nl: 'Vlaams-Nederlandse Top',
      fr: 'Sommet flamand-néerlandais',
      de: 'Flämisch-Niederländischer Gipfel',
      en: 'Flemish-Dutch Summit',
    },
    governments: ['nl', 'vl'],
  },
  {
    key: 'nl-nrw',
    name: {
      nl: 'Overleg Nederland–Noordrijn-Westfalen',
      fr: 'Concertation Pays-Bas–Rhénanie-du-Nord-Westphalie',
      de: 'Konsultation Niederlande–Nordrhein-Westfalen',
      en: 'Netherlands–North Rhine-Westphalia consultation',
    },
    governments: ['nl', 'de-nw'],
  },
  {
    key: 'nl-nds',
    name: {
      nl: 'Overleg Nederland–Nedersaksen',
      fr: 'Concertation Pays-Bas–Basse-Saxe',
      de: 'Konsultation Niederlande–Niedersachsen',
      en: 'Netherlands–Lower Saxony consultation',
    },
    governments: ['nl', 'de-ni'],
  },
  {
    key: 'benelux-ministers',
    name: {
      nl: 'Ministersoverleg Benelux',
      fr: 'Concertation ministérielle Benelux',
      de: 'Benelux-Ministerkonsultation',
      en: 'Benelux ministers’ meeting',
    },
    governments: ['nl', 'be', 'vl', 'benelux'],
  },
];

export async function up(db: Db): Promise<void> {
  const sqlite = isSqlite(db);

  await db.schema
    .createTable('governing_bodies')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // JSON: the name per language (nl, fr, de, en).
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON: the keys of the governments the body represents.
    .addColumn('governments', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('seq', 'integer', (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('body_key', 'text', (c) => c.notNull().references('governing_bodies.key'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_body_date').on('meetings').columns(['body_key', 'date', 'seq']).execute();
  await db.schema.createIndex('meetings_date').on('meetings').columns(['date', 'seq']).execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('agenda_items_pk', ['meeting_id', 'position'])
    .addUniqueConstraint('agenda_items_obstacle_unique', ['meeting_id', 'obstacle_id'])
    .execute();
  await db.schema.createIndex('agenda_items_obstacle').on('agenda_items').columns(['obstacle_id']).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('seq', 'integer', (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('body_key', 'text', (c) => c.notNull().references('governing_bodies.key'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('obstacle_id', 'text', (c) => c.notNull().references('obstacles.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    // JSON per language, like an obstacle's texts; `reasons` and `conditions` may be empty ({}).
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('source_language', 'text', (c) => c.notNull())
    // JSON: [{ government, name?, office? }].
    .addColumn('political_owners', 'text', (c) => c.notNull())
    // JSON: organisation keys (departments).
    .addColumn('departments', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_date').on('decisions').columns(['decided_on', 'seq']).execute();
  await db.schema.createIndex('decisions_obstacle').on('decisions').columns(['obstacle_id', 'seq']).execute();
  await db.schema.createIndex('decisions_meeting').on('decisions').columns(['meeting_id']).execute();
  await db.schema.createIndex('decisions_body_date').on('decisions').columns(['body_key', 'decided_on', 'seq']).execute();

  const now = new Date().toISOString();
  await db
    .insertInto('governing_bodies')
    .values(
      BODIES.map((body, position) => ({
        key: body.key,
        name: JSON.stringify(body.name),
        governments: JSON.stringify(body.governments),
        active: 1,
        position,
        version: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['decisions', 'agenda_items', 'meetings', 'governing_bodies']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
