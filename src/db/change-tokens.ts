import type { Repositories } from '../core/obstacles/ports.js';

/**
 * The kinds of data a committed transaction can change, as far as kept answers care
 * (docs/decisions/0020-change-tokens-per-kind-of-data.md). Each is the set of tables one
 * repository (or one group of its methods) writes:
 *
 * - `obstacles`: obstacles, their themes, governments and links, the facet counts and the
 *   reference counters (`ObstacleRepository`);
 * - `routings`: obstacle_routings; `progress`: obstacle_progress, the obstacles' roll-ups
 *   (`ActionRepository.saveProgress`); `actions`: actions (the action repository's other writes,
 *   and the escalation repository's, which sets an action's level);
 * - `reference`: themes, governments, segments, organisations (the catalogue);
 * - one kind per other repository: `audit`, `governance`, `norms`, `notifications`,
 *   `competences`, `selectionRounds`, `stateOfPlay`, `escalations`.
 */
export const DATA_KINDS = [
  'obstacles',
  'routings',
  'progress',
  'actions',
  'reference',
  'audit',
  'governance',
  'norms',
  'notifications',
  'competences',
  'selectionRounds',
  'stateOfPlay',
  'escalations',
] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/**
 * The kind of data of each table whose changes PostgreSQL announces with the table's name
 * (migration 20261201110000); a notification of any other table, or without a name (the triggers
 * of before), moves every token.
 */
export const TABLE_KINDS: Readonly<Record<string, DataKind>> = {
  obstacles: 'obstacles',
  obstacle_themes: 'obstacles',
  obstacle_governments: 'obstacles',
  obstacle_links: 'obstacles',
  obstacle_counts: 'obstacles',
  obstacle_theme_counts: 'obstacles',
  obstacle_routings: 'routings',
  obstacle_progress: 'progress',
  actions: 'actions',
  themes: 'reference',
  governments: 'reference',
  segments: 'reference',
  organisations: 'reference',
};

/**
 * What the methods of each repository of a transaction write. `reads` never write (they are
 * vetted: a read listed here that writes would leave kept answers stale); any other method — one
 * added later included — counts as writing `writes`, or its own entry of `methods`. Only the
 * repositories whose kinds some kept answer depends on need their reads listed; for the others a
 * read merely counts as a write of a kind that only the dashboard (which depends on every kind)
 * looks at.
 */
interface WriteRule {
  writes: readonly DataKind[];
  reads?: readonly string[];
  methods?: Readonly<Record<string, readonly DataKind[]>>;
}

/** One rule per repository: a repository added to the unit of work without one does not compile. */
export const WRITE_RULES: Readonly<Record<keyof Repositories, WriteRule>> = {
  obstacles: {
    writes: ['obstacles'],
    reads: ['findById', 'findByReference', 'findAccess', 'resolveIds', 'currentVersion'],
  },
  reference: { writes: ['reference'], reads: ['catalogue'] },
  audit: { writes: ['audit'] },
  governance: { writes: ['governance'] },
  routings: { writes: ['routings'], reads: ['ofObstacle', 'holdingFor', 'ofRoutedObstacles'] },
  norms: { writes: ['norms'] },
  notifications: { writes: ['notifications'] },
  actions: {
    writes: ['actions', 'progress'],
    reads: [
      'findById',
      'ofObstacle',
      'progressOf',
      'progressOfMany',
      'organisationOfUser',
      'openAfter',
      'obstaclesAfter',
      'rollUpInputs',
      'listFlagged',
    ],
    methods: { saveAssessments: ['actions'], saveProgress: ['progress'] },
  },
  competences: { writes: ['competences'] },
  selectionRounds: { writes: ['selectionRounds'] },
  stateOfPlay: { writes: ['stateOfPlay'] },
  // `record` also sets the action's escalation level.
  escalations: { writes: ['escalations', 'actions'] },
};

/**
 * Wraps the repositories of one transaction so that every call of a method that may write adds
 * the kinds it writes to `written` (before it runs: a write that fails rolls the transaction
 * back, and a token moved for nothing only costs a recomputation).
 */
export function recordingWrites(repositories: Repositories, written: Set<DataKind>): Repositories {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, repository] of Object.entries(repositories) as [keyof Repositories, object][]) {
    const rule = WRITE_RULES[name];
    const reads = new Set(rule.reads ?? []);
    wrapped[name] = new Proxy(repository, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        // Called on the repository itself, so that its own calls of its helpers are not counted.
        if (typeof property !== 'string' || reads.has(property)) return value.bind(target);
        const kinds = rule.methods?.[property] ?? rule.writes;
        return (...args: unknown[]) => {
          for (const kind of kinds) written.add(kind);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
  return wrapped as unknown as Repositories;
}

/**
 * Change tokens per kind of data: `token(kinds)` changes whenever a commit wrote one of `kinds`,
 * or anything changed that cannot be told apart (`bumpAll`: another connection's commit, a
 * reconnected change feed). `token()` without kinds changes with every commit.
 */
export class ChangeTokens {
  private all = 0;
  private any = 0;
  private readonly counts = new Map<DataKind, number>();

  /** A commit wrote these kinds (nothing when empty). */
  bump(kinds: Iterable<DataKind>): void {
    let moved = false;
    for (const kind of kinds) {
      this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
      moved = true;
    }
    if (moved) this.any += 1;
  }

  /** Something changed that may be of any kind. */
  bumpAll(): void {
    this.all += 1;
    this.any += 1;
  }

  /**
   * A number that changes when data of one of `kinds` may have changed (every kind when none are
   * given). A sum of counts that only grow: it changes exactly when one of them does.
   */
  token(kinds?: readonly DataKind[]): number {
    if (kinds === undefined) return this.any;
    let sum = this.all;
    for (const kind of kinds) sum += this.counts.get(kind) ?? 0;
    return sum;
  }
}
