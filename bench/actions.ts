/**
 * Synthetic actions and milestones for the benchmark (issue 6): on average `perObstacle` per
 * obstacle (0 to 2 × that, uniform), deterministic for a seed, written straight into a seeded
 * SQLite register with multi-row INSERTs (`ROWS_PER_STATEMENT` rows each) in transactions of
 * `ROWS_PER_TRANSACTION` rows.
 *
 * The spread (of a register where actions have been followed for two years):
 * - kind: 20 % milestones; weight 1 (70 %) or 2–5;
 * - status: planned 35 %, in progress 35 %, done 22 %, cancelled 8 %; progress 0–20 when
 *   planned, 5–95 in progress, 100 when done;
 * - owner: a department of one of the obstacle's governments (else any department); 20 % also a
 *   user of the organisation where it has one;
 * - created 10–720 days before `today`, due 14–540 days after that (so about half the open ones
 *   are due before today: overdue), last updated after creation — for open ones 25 % more than
 *   60 days ago (stale by the default norm), the rest within the last 60 days;
 * - titles from a small phrase bank in the obstacle's source language (nl, fr, de, en).
 *
 * The computed status is left as a write would have left it before any nightly run: done is green,
 * cancelled none, open ones `none`, not overdue, not stale, never computed; `obstacle_progress` is
 * empty. The nightly run (`runMonitoring`) computes both: that is what the benchmark measures.
 */
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { createRandom, pick, type Random, weighted } from './generate.js';

export const ROWS_PER_STATEMENT = 200;
export const ROWS_PER_TRANSACTION = 10_000;

const COLUMNS = [
  'id',
  'obstacle_id',
  'kind',
  'title',
  'source_language',
  'decision_id',
  'owner_organisation_key',
  'owner_user_id',
  'due_on',
  'status',
  'progress',
  'weight',
  'evidence',
  'notes',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'completed_on',
  'rag',
  'overdue',
  'stale',
  'computed_at',
] as const;

type Status = 'planned' | 'in_progress' | 'done' | 'cancelled';
const STATUS_WEIGHTS: Record<Status, number> = { planned: 35, in_progress: 35, done: 22, cancelled: 8 };

const TITLES: Record<'nl' | 'fr' | 'de' | 'en', readonly string[]> = {
  nl: [
    'Overleg met de belastingdienst plannen',
    'Notitie over de dubbele heffing opstellen',
    'Wetswijziging voorleggen aan de ministerraad',
    'Werkgroep grensarbeid bijeenroepen',
    'Voorlichting aan grensgemeenten',
    'Verdrag herzien',
  ],
  fr: [
    'Organiser une réunion avec l’administration fiscale',
    'Rédiger une note sur la double imposition',
    'Soumettre la modification au conseil des ministres',
    'Réunir le groupe de travail frontalier',
    'Informer les communes frontalières',
  ],
  de: [
    'Abstimmung mit der Finanzverwaltung planen',
    'Vermerk zur Doppelbesteuerung erstellen',
    'Gesetzesänderung dem Kabinett vorlegen',
    'Arbeitsgruppe Grenzgänger einberufen',
    'Grenzgemeinden informieren',
  ],
  en: [
    'Plan a meeting with the tax administration',
    'Draft a note on double taxation',
    'Put the amendment to the cabinet',
    'Convene the cross-border working group',
    'Inform the border municipalities',
  ],
};

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export interface SeedActionsOptions {
  /** Average actions per obstacle (each obstacle gets 0 to 2 × this, uniformly). */
  perObstacle: number;
  seed: number;
  /** The day the register is "now": dates are spread around it. */
  now: Date;
  log?: (line: string) => void;
}

export interface SeedActionsReport {
  actions: number;
  open: number;
  obstaclesWithActions: number;
  seconds: number;
  actionsPerSecond: number;
}

/** Inserts the actions into the SQLite register behind `handle` (its obstacles and organisations seeded). */
export function seedActions(handle: BetterSqlite3.Database, options: SeedActionsOptions): SeedActionsReport {
  const started = performance.now();
  const random = createRandom(options.seed + 11);
  const departments = handle
    .prepare("SELECT key, government_key AS government FROM organisations WHERE kind = 'department' ORDER BY key")
    .all() as { key: string; government: string | null }[];
  if (departments.length === 0) throw new Error('no departments: seed the reference data first');
  const usersByOrganisation = new Map<string, string[]>();
  for (const user of handle.prepare('SELECT id, organisation_key AS organisation FROM users ORDER BY id').all() as {
    id: string;
    organisation: string | null;
  }[]) {
    if (user.organisation === null) continue;
    const list = usersByOrganisation.get(user.organisation) ?? [];
    list.push(user.id);
    usersByOrganisation.set(user.organisation, list);
  }
  const obstacles = handle.prepare('SELECT id, governments, source_language FROM obstacles ORDER BY seq').all() as {
    id: string;
    governments: string;
    source_language: string;
  }[];

  const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
  const statement = (rows: number) =>
    handle.prepare(
      `INSERT INTO actions (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => placeholders).join(', ')}`,
    );
  const full = statement(ROWS_PER_STATEMENT);
  /** One transaction: the rows in statements of ROWS_PER_STATEMENT rows (the last one shorter). */
  const insertAll = handle.transaction((rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const part = rows.slice(i, i + ROWS_PER_STATEMENT);
      (part.length === ROWS_PER_STATEMENT ? full : statement(part.length)).run(part.flat());
    }
  });
  const today = Date.parse(`${isoDay(options.now.getTime())}T00:00:00Z`);
  const latest = options.now.getTime();
  let actions = 0;
  let open = 0;
  let obstaclesWithActions = 0;
  let pending: unknown[][] = [];
  const commit = () => {
    insertAll(pending);
    pending = [];
  };

  for (const obstacle of obstacles) {
    const count = Math.floor(random() * (2 * options.perObstacle + 1));
    if (count === 0) continue;
    obstaclesWithActions += 1;
    const governments = new Set(JSON.parse(obstacle.governments) as string[]);
    const own = departments.filter((d) => d.government !== null && governments.has(d.government));
    const pool = own.length > 0 ? own : departments;
    const language = (obstacle.source_language in TITLES ? obstacle.source_language : 'nl') as keyof typeof TITLES;
    for (let k = 0; k < count; k += 1) {
      const status = weighted(random, STATUS_WEIGHTS);
      const createdMs = today - between(random, 10, 720) * DAY_MS + between(random, 7, 18) * 3_600_000;
      const dueMs = createdMs + between(random, 14, 540) * DAY_MS;
      const isOpen = status === 'planned' || status === 'in_progress';
      // Open: 25 % last touched more than 60 days ago (stale by the default norm), else within 60 days.
      const age = isOpen
        ? random() < 0.25
          ? between(random, 61, 400)
          : between(random, 0, 60)
        : between(random, 0, Math.max(0, Math.floor((latest - createdMs) / DAY_MS)));
      const updatedMs = Math.max(createdMs, latest - age * DAY_MS);
      const progress =
        status === 'planned'
          ? between(random, 0, 4) === 0
            ? between(random, 1, 20)
            : 0
          : status === 'in_progress'
            ? between(random, 5, 95)
            : status === 'done'
              ? 100
              : between(random, 0, 60);
      const owner = pick(random, pool).key;
      const users = usersByOrganisation.get(owner);
      const ownerUser = users && random() < 0.2 ? pick(random, users) : null;
      const row = [
        randomUUID(),
        obstacle.id,
        random() < 0.2 ? 'milestone' : 'action',
        JSON.stringify({ [language]: pick(random, TITLES[language]) }),
        language,
        null,
        owner,
        ownerUser,
        isoDay(dueMs),
        status,
        progress,
        random() < 0.7 ? 1 : between(random, 2, 5),
        '[]',
        null,
        between(random, 1, 6),
        new Date(createdMs).toISOString(),
        'bench',
        new Date(updatedMs).toISOString(),
        'bench',
        status === 'done' ? isoDay(updatedMs) : null,
        status === 'done' ? 'green' : 'none',
        0,
        0,
        null,
      ];
      actions += 1;
      if (isOpen) open += 1;
      pending.push(row);
      if (pending.length >= ROWS_PER_TRANSACTION) {
        commit();
        if (options.log && actions % 100_000 === 0) options.log(`  … ${actions.toLocaleString('en-GB')} actions`);
      }
    }
  }
  commit();
  handle.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = (performance.now() - started) / 1000;
  return { actions, open, obstaclesWithActions, seconds, actionsPerSecond: seconds > 0 ? actions / seconds : actions };
}

/**
 * Puts the computed status back to what it was before any nightly run (open actions `none`, not
 * overdue, not stale, never computed; no roll-ups), so the next run has every action to write.
 * Returns the open actions reset.
 */
export function resetMonitoring(handle: BetterSqlite3.Database): number {
  const reset = handle.transaction(() => {
    const changed = handle
      .prepare(
        "UPDATE actions SET rag = 'none', overdue = 0, stale = 0, computed_at = NULL WHERE status IN ('planned', 'in_progress')",
      )
      .run().changes;
    handle.prepare('DELETE FROM obstacle_progress').run();
    return changed;
  });
  const changed = reset();
  handle.pragma('wal_checkpoint(TRUNCATE)');
  return changed;
}
