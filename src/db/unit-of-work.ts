import type { DashboardReader } from '../core/dashboard/dashboard.js';
import type { Repositories, UnitOfWork } from '../core/obstacles/ports.js';
import { ChangeTokens, type DataKind, recordingWrites } from './change-tokens.js';
import type { Database } from './create-database.js';
import { PostgresChangeFeed } from './postgres-change-feed.js';
import { KyselyActionRepository } from './repositories/action-repository.js';
import { KyselyAuditLog } from './repositories/audit-log.js';
import { KyselyCompetenceRepository } from './repositories/competence-repository.js';
import { KyselyDashboardReader } from './repositories/dashboard-reader.js';
import { KyselyEscalationRepository } from './repositories/escalation-repository.js';
import { KyselyGovernanceRepository } from './repositories/governance-repository.js';
import { KyselyNormRepository } from './repositories/norm-repository.js';
import { KyselyNotificationOutbox } from './repositories/notification-outbox.js';
import { KyselyObstacleRepository } from './repositories/obstacle-repository.js';
import { KyselyObstacleSearch } from './repositories/obstacle-search.js';
import { CachedReferenceRepository, CatalogueCache } from './repositories/reference-repository.js';
import { KyselyRoutingRepository } from './repositories/routing-repository.js';
import { KyselySelectionRoundRepository } from './repositories/selection-round-repository.js';
import { KyselyStateOfPlayRepository } from './repositories/state-of-play-repository.js';
import { searchCapability, sqliteMatchesQuery } from './search/search-capability.js';
import { SqliteDashboardReader } from './search/sqlite-dashboard-reader.js';
import { SqliteReadModel } from './search/sqlite-read-model.js';
import { createSqliteReadPool } from './search/sqlite-read-pool.js';
import { createSqliteCheckpointer } from './sqlite-checkpointer.js';

/**
 * The core's ports, implemented on one database. `transaction` gives repositories bound to one
 * transaction; `obstacles`, `search` and `reference` read outside any transaction.
 */
export interface Persistence extends UnitOfWork {
  obstacles: KyselyObstacleRepository;
  search: KyselyObstacleSearch;
  reference: CachedReferenceRepository;
  catalogue: CatalogueCache;
  /** The audit trail, read outside any transaction (history, verification). */
  audit: KyselyAuditLog;
  /** Governing bodies, meetings, agendas and decisions, read outside any transaction. */
  governance: KyselyGovernanceRepository;
  /** Routings, read outside any transaction. */
  routings: KyselyRoutingRepository;
  /** Norm durations, read outside any transaction. */
  norms: KyselyNormRepository;
  /** The notification outbox outside any transaction: inboxes, and delivery's claims (each its own statement). */
  notifications: KyselyNotificationOutbox;
  /** Actions and the obstacles' roll-ups, read outside any transaction. */
  actions: KyselyActionRepository;
  /** The competence matrix, read outside any transaction. */
  competences: KyselyCompetenceRepository;
  /** Selection rounds, read outside any transaction (and a solve's result, written on its own). */
  selectionRounds: KyselySelectionRoundRepository;
  /** Escalations and reminders sent, read outside any transaction. */
  escalations: KyselyEscalationRepository;
  /**
   * The dashboard's counts and lists: on SQLite counted in memory (`SqliteDashboardReader`,
   * docs/decisions/0019-dashboard-index.md), on PostgreSQL in SQL (`KyselyDashboardReader`).
   */
  dashboard: DashboardReader;
  /** State-of-play rounds and items, read outside any transaction. */
  stateOfPlay: KyselyStateOfPlayRepository;
  /**
   * A token that changes with every committed write of one of `kinds` (of any kind without them)
   * and with every write it cannot tell the kind of (SQLite: another connection's commit), or
   * undefined when this process cannot see every write (PostgreSQL with its change feed down).
   * What was read from data of those kinds under one token is still true while the token is the
   * same (docs/decisions/0020-change-tokens-per-kind-of-data.md).
   */
  changeToken(kinds?: readonly DataKind[]): number | undefined;
  /** Resolves once the change feed (PostgreSQL, `watchChanges`) listens or has failed its first attempt. */
  ready(): Promise<void>;
  /**
   * Builds what the first read would otherwise build (SQLite: the in-memory read model, about a
   * second per 100,000 obstacles), so a server does it before it takes requests.
   */
  warm(): void;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  /** Stops the search workers (the database itself is closed by its owner). */
  close(): Promise<void>;
}

export interface PersistenceOptions {
  /**
   * Worker threads for full-text queries on a SQLite file (0 runs them on the main thread).
   * PostgreSQL runs queries in its own processes and needs none.
   */
  searchWorkers?: number;
  /**
   * PostgreSQL: listen for the commits of every process (a dedicated connection), so that
   * `changeToken` can be given. Servers want it; one-shot CLI commands do not.
   */
  watchChanges?: boolean;
  /** Told when the PostgreSQL change feed stops or starts listening. */
  onWatchStateChange?: (listening: boolean, error?: unknown) => void;
  /** Called after a commit that wrote notifications (the server then asks for their delivery). */
  onNotificationsCommitted?: () => void;
  /**
   * SQLite file: checkpoint the WAL on a worker thread with its own connection, never in a commit
   * of this one (a server: a checkpoint in a commit holds its thread for 20–40 ms;
   * docs/decisions/0022-wal-checkpoints-on-a-worker.md). One-shot commands and tests leave it to
   * SQLite (the default).
   */
  checkpointInWorker?: boolean;
  /** Told when the checkpoint worker fails (the connection then checkpoints itself again). */
  onCheckpointError?: (error: Error) => void;
}

export function createPersistence(database: Database, options: PersistenceOptions = {}): Persistence {
  const capability = searchCapability(database.dialect);
  const workers = options.searchWorkers ?? 1;
  const location = database.location;
  const readPool =
    location.dialect === 'sqlite' && location.path !== ':memory:' && workers > 0
      ? createSqliteReadPool(location.path, workers)
      : undefined;
  const readModel = database.sqlite ? new SqliteReadModel(database.sqlite) : undefined;
  const checkpointer =
    options.checkpointInWorker && database.sqlite && location.dialect === 'sqlite' && location.path !== ':memory:'
      ? createSqliteCheckpointer(database.sqlite, location.path, { onError: options.onCheckpointError })
      : undefined;
  const tokens = new ChangeTokens();
  const feed =
    location.dialect === 'postgres' && options.watchChanges
      ? new PostgresChangeFeed(location.connectionString, { onStateChange: options.onWatchStateChange, tokens })
      : undefined;
  const feedStarted = feed?.start();
  const catalogue = new CatalogueCache(database.db);
  const reference = new CachedReferenceRepository(catalogue);
  return {
    obstacles: new KyselyObstacleRepository(database.db, capability),
    search: new KyselyObstacleSearch(
      database.db,
      capability,
      readModel && { readModel, readPool, ftsMatches: (terms) => sqliteMatchesQuery(terms).compile(database.db) },
    ),
    reference,
    catalogue,
    audit: new KyselyAuditLog(database.db),
    governance: new KyselyGovernanceRepository(database.db),
    routings: new KyselyRoutingRepository(database.db),
    norms: new KyselyNormRepository(database.db),
    notifications: new KyselyNotificationOutbox(database.db),
    actions: new KyselyActionRepository(database.db),
    competences: new KyselyCompetenceRepository(database.db),
    escalations: new KyselyEscalationRepository(database.db),
    dashboard: readModel
      ? new SqliteDashboardReader(database.db, readModel, new KyselyDashboardReader(database.db))
      : new KyselyDashboardReader(database.db),
    selectionRounds: new KyselySelectionRoundRepository(database.db),
    stateOfPlay: new KyselyStateOfPlayRepository(database.db),
    async transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
      const touched = new Set<number>();
      const written = new Set<DataKind>();
      let notified = false;
      const result = await database.db.transaction().execute((tx) => {
        const notifications = new KyselyNotificationOutbox(tx);
        const insert = notifications.insert.bind(notifications);
        notifications.insert = async (rows) => {
          if (rows.length > 0) notified = true;
          await insert(rows);
        };
        return work(
          recordingWrites(
            {
              obstacles: new KyselyObstacleRepository(tx, capability, touched),
              reference: new CachedReferenceRepository(catalogue, tx),
              audit: new KyselyAuditLog(tx),
              governance: new KyselyGovernanceRepository(tx),
              routings: new KyselyRoutingRepository(tx),
              norms: new KyselyNormRepository(tx),
              actions: new KyselyActionRepository(tx),
              notifications,
              competences: new KyselyCompetenceRepository(tx),
              selectionRounds: new KyselySelectionRoundRepository(tx),
              stateOfPlay: new KyselyStateOfPlayRepository(tx),
              escalations: new KyselyEscalationRepository(tx),
            },
            written,
          ),
        );
      });
      // Committed: the read model picks up what changed before anyone can read it, and the
      // tokens of the kinds written move (only those: an answer that reads none of them stays).
      readModel?.refresh(touched);
      tokens.bump(written);
      if (notified) options.onNotificationsCommitted?.();
      // The WAL this commit grew is copied back on the worker, not here.
      checkpointer?.committed();
      return result;
    },
    changeToken: (kinds) => {
      // Sums of counts that only grow: each changes when one of its terms does.
      const external = readModel ? readModel.externalChanges() : feed?.token();
      return external === undefined ? undefined : external + tokens.token(kinds);
    },
    warm: () => {
      readModel?.warm();
    },
    ready: async () => {
      await feedStarted;
    },
    async close() {
      await Promise.all([readPool?.close(), feed?.close(), checkpointer?.close()]);
    },
    async ping() {
      await database.db.selectFrom('themes').select('key').limit(1).execute();
    },
  };
}
