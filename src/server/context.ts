import type { IdentityStore, OpenIdConnect, PasswordHasher } from '../core/identity/ports.js';
import type { SessionPolicy } from '../core/identity/sign-in.js';
import type { EscalationSettings } from '../core/monitoring/run-escalations.js';
import type { MonitoringSettings } from '../core/monitoring/settings.js';
import type { Clock, IdGenerator } from '../core/obstacles/ports.js';
import type { RoundSolveEngine } from '../core/selection-rounds/solve-round.js';
import type { Database } from '../db/create-database.js';
import type { Persistence } from '../db/unit-of-work.js';
import type { ActorNames } from './actor-names.js';
import type { OidcProviderConfig } from './config.js';
import type { ResponseCache } from './response-cache.js';
import type { InProcessSolveRunner } from './selection/solve-runner.js';

/** What the routes are given: the wiring of one app instance. */
export interface AppContext {
  database: Database;
  persistence: Persistence;
  clock: Clock;
  ids: IdGenerator;
  /** Serialised answers of read requests, kept until the next write. */
  responses: ResponseCache;
  /** Users, sessions, API tokens, sign-in events. */
  identity: IdentityStore;
  /** Users' names and organisations as histories show them, kept briefly. */
  actorNames: ActorNames;
  hasher: PasswordHasher;
  commonPasswords: ReadonlySet<string>;
  sessionPolicy: SessionPolicy;
  cookieSecure: 'auto' | 'always' | 'never';
  /** OpenID Connect providers (their names for the sign-in page) and the relying party. */
  oidcProviders: readonly OidcProviderConfig[];
  oidc: OpenIdConnect;
  /** The address people reach Schakel at; else the request's protocol and host are used. */
  publicUrl: string | undefined;
  /** The thresholds and working-day calendars the monitoring judges actions with. */
  monitoringSettings: () => Promise<MonitoringSettings>;
  /** The optimiser of selection rounds (reading, HiGHS and explanations in the solver process) and the background solves of this process. */
  selection: { engine: RoundSolveEngine; runner: InProcessSolveRunner };
  /** The escalation run's settings as configured now (the norm `escalation_after`, the calendars). */
  escalationSettings: () => Promise<EscalationSettings>;
}
