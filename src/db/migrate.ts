import { type Kysely, type Migration, type MigrationProvider, type MigrationResult, Migrator } from 'kysely';
import * as register from './migrations/20261127230000-register.js';
import * as changeNotifications from './migrations/20261128014500-change-notifications.js';
import * as access from './migrations/20261128020000-access.js';
import * as audit from './migrations/20261128030000-audit.js';
import * as openIdConnect from './migrations/20261128043000-openid-connect.js';
import * as lifecycle from './migrations/20261128100000-lifecycle.js';
import * as governance from './migrations/20261128110000-governance.js';
import * as routing from './migrations/20261128110500-routing.js';
import * as norms from './migrations/20261129100000-norms.js';
import * as notifications from './migrations/20261129101000-notifications.js';
import * as actions from './migrations/20261129103000-actions.js';
import * as routingAcknowledgements from './migrations/20261129104000-routing-acknowledgements.js';
import * as stateOfPlay from './migrations/20261130100000-state-of-play.js';
import * as escalations from './migrations/20261130101000-escalations.js';
import * as selectionRounds from './migrations/20261130102000-selection-rounds.js';
import * as solutionHeartbeat from './migrations/20261201100000-solution-heartbeat.js';
import * as changeNotificationsPerTable from './migrations/20261201110000-change-notifications-per-table.js';
import * as selectionCandidatesMust from './migrations/20261201120000-selection-candidates-must.js';

/** Every migration, in order. Names are timestamps; files are frozen once landed. */
const MIGRATIONS: Record<string, Migration> = {
  '20261127230000-register': register,
  '20261128014500-change-notifications': changeNotifications,
  '20261128020000-access': access,
  '20261128030000-audit': audit,
  '20261128043000-openid-connect': openIdConnect,
  '20261128100000-lifecycle': lifecycle,
  '20261128110000-governance': governance,
  '20261128110500-routing': routing,
  '20261129100000-norms': norms,
  '20261129101000-notifications': notifications,
  '20261129103000-actions': actions,
  '20261129104000-routing-acknowledgements': routingAcknowledgements,
  '20261130100000-state-of-play': stateOfPlay,
  '20261130101000-escalations': escalations,
  '20261130102000-selection-rounds': selectionRounds,
  '20261201100000-solution-heartbeat': solutionHeartbeat,
  '20261201110000-change-notifications-per-table': changeNotificationsPerTable,
  '20261201120000-selection-candidates-must': selectionCandidatesMust,
};

/** Every migration, in order (a copy: for tests that add one of their own). */
export function allMigrations(): Record<string, Migration> {
  return { ...MIGRATIONS };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Brings the schema up to date. Throws, naming the migration, when one fails. On both databases the
 * pending migrations run in one transaction (on SQLite through the dialect of create-database.ts,
 * whose adapter says what SQLite can: DDL in transactions), so a failure leaves the schema as it was.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
  db: Kysely<any>,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<MigrationReport> {
  // Unordered: migrations written on parallel branches may land with an earlier name than one a
  // database already has; each stands alone, so it is applied rather than refused.
  const migrator = new Migrator({ db, provider: new StaticProvider(migrations), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r: MigrationResult) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
