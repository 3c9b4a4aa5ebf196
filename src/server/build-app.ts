import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { HealthSchema } from '../contracts/reference.contract.js';
import type { IdentityStore, OpenIdConnect, PasswordHasher } from '../core/identity/ports.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from '../core/identity/sign-in.js';
import type { JobRunner } from '../core/jobs/ports.js';
import type { Mailer } from '../core/notifications/ports.js';
import type { Clock, IdGenerator } from '../core/obstacles/ports.js';
import type { SelectionSolver } from '../core/selection/model.js';
import { inThreadRoundEngine, type RoundSolveEngine } from '../core/selection-rounds/solve-round.js';
import { SOLVE_HEARTBEAT_MS, SOLVE_STALE_MS, sweepInterruptedSolves } from '../core/selection-rounds/sweep-interrupted-solves.js';
import { AppError } from '../core/shared/errors.js';
import { type Language, negotiateLanguage } from '../core/shared/language.js';
import type { Database } from '../db/create-database.js';
import { loadEscalationSettings, loadMonitoringSettings } from '../db/monitoring-settings.js';
import { readCommonPasswords } from '../db/reference-data.js';
import { CachedIdentityStore, sqliteWriteMark } from '../db/repositories/cached-identity-store.js';
import { KyselyIdentityStore } from '../db/repositories/identity-store.js';
import { createPersistence } from '../db/unit-of-work.js';
import { ActorNames } from './actor-names.js';
import type { OidcProviderConfig } from './config.js';
import type { AppContext } from './context.js';
import { InProcessJobRunner } from './jobs/in-process-job-runner.js';
import { SmtpMailer } from './jobs/mailer.js';
import { PgBossJobRunner } from './jobs/pg-boss-job-runner.js';
import { lazyChildLoggerFactory } from './lazy-child-logger.js';
import { scheduleMonitoringJob, scheduleStateOfPlayReminders } from './monitoring-jobs.js';
import { DELIVER_NOTIFICATIONS, scheduleNotificationJobs } from './notification-jobs.js';
import { OpenIdClient } from './openid-connect.js';
import { argon2idHasher } from './password-hasher.js';
import { installAuthentication } from './plugins/authentication.js';
import { installProblemHandling, MAX_BODY_BYTES, sendProblem } from './plugins/problem.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { zodSerializerCompiler } from './plugins/serialization.js';
import { zodValidatorCompiler } from './plugins/validation.js';
import { ResponseCache } from './response-cache.js';
import { actionRoutes } from './routes/actions.js';
import { calendarRoutes } from './routes/calendar.js';
import { competenceRoutes } from './routes/competences.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { escalationRoutes } from './routes/escalations.js';
import { governanceRoutes } from './routes/governance.js';
import { inboxRoutes } from './routes/inbox.js';
import { lifecycleRoutes } from './routes/lifecycle.js';
import { obstacleRoutes } from './routes/obstacles.js';
import { organisationRoutes } from './routes/organisations.js';
import { referenceRoutes } from './routes/reference.js';
import { routingRoutes } from './routes/routing.js';
import { selectionRoundRoutes } from './routes/selection-rounds.js';
import { sessionRoutes } from './routes/session.js';
import { oidcSessionRoutes } from './routes/session-oidc.js';
import { stateOfPlayRoutes } from './routes/state-of-play.js';
import { userRoutes } from './routes/users.js';
import { loadHighsSolver } from './selection/highs-in-thread.js';
import { createSolveProcess } from './selection/solve-process.js';
import { createSolveRunner } from './selection/solve-runner.js';
import { mountWeb, type WebOptions } from './web/mount-web.js';

/** The full semantic version of the API (Dutch API Design Rules: API-Version header). */
export const API_VERSION = '1.0.0';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of the caller, from Accept-Language (nl by default). */
    language: Language;
  }
  interface FastifyInstance {
    /** The kept answers of read requests (its counters are for tests and operations). */
    responseCache: ResponseCache;
    /** The identity store of the app: on SQLite the one that keeps the lookups of signed-in requests (decision 0021). */
    identityStore: IdentityStore;
    /**
     * Scheduled work (core/jobs JobRunner): features register their jobs here, e.g.
     * `await app.jobs.schedule('nightly-monitoring', { cron: '0 2 * * *' }, handler)`. Started by
     * buildApp when `runJobs` is set (the server; in a cluster one process only); tests call `runOnce`.
     */
    jobs: JobRunner;
    /** Whether mails are sent (SMTP_URL is set); without, notifications stay in the inbox. */
    mailEnabled: boolean;
  }
}

export interface AppDeps {
  database: Database;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: FastifyServerOptions['logger'];
  /** Worker threads for full-text search on SQLite (default 1; 0 keeps search on the main thread). */
  searchWorkers?: number;
  /** Build the in-memory read model before returning (servers: yes; default false). */
  warm?: boolean;
  /**
   * SQLite file: checkpoint the WAL on a worker thread, not in the commits on the request thread
   * (servers: yes; default false; docs/decisions/0022-wal-checkpoints-on-a-worker.md).
   */
  checkpointInWorker?: boolean;
  /** Bytes of serialised read answers kept until the next write (default 64 MiB; 0 keeps none). */
  responseCacheBytes?: number;
  /** Idle timeout and absolute lifetime of sessions (default 30 minutes and 12 hours). */
  sessionPolicy?: SessionPolicy;
  /** The session cookie's Secure attribute (default `auto`: when the request came over HTTPS). */
  cookieSecure?: 'auto' | 'always' | 'never';
  /** Trust X-Forwarded-* headers of a reverse proxy (default false). */
  trustProxy?: boolean;
  /** Password hashing (default argon2id). */
  hasher?: PasswordHasher;
  /** OpenID Connect providers to sign in with (default none). */
  oidcProviders?: readonly OidcProviderConfig[];
  /** The relying party (default openid-client on `oidcProviders`). */
  oidc?: OpenIdConnect;
  /** The address people reach Schakel at, for the OpenID Connect redirect URI (default: from the request). */
  publicUrl?: string;
  /** Serve the web app (the Vite build) on the same port as the API; off unless given. */
  web?: WebOptions;
  /** SMTP server for mails (`smtp://host:port`); without it (and without `mailer`) no mail is sent. Needs `publicUrl`. */
  smtpUrl?: string;
  /** The From of mails (default `Schakel <noreply@…host of publicUrl>`). */
  mailFrom?: string;
  /** Sends the mails instead of SMTP (default: SMTP on `smtpUrl`). */
  mailer?: Mailer;
  /** The job runner (default: pg-boss on PostgreSQL, timers in this process on SQLite). */
  jobs?: JobRunner;
  /** Start the job runner (its schedules and triggers); default false, so tests run jobs with `runOnce`. */
  runJobs?: boolean;
  /**
   * A solver for selection rounds, run with its explanations on this thread (tests, fakes). Default:
   * the solver process (HiGHS and the explanations in a child process, started at the first solve).
   */
  selectionSolver?: SelectionSolver;
  /** The niceness of the solver process (SOLVE_NICE; default DEFAULT_SOLVE_NICE, 10). */
  solveNice?: number;
  /** How often running solves beat and stale ones are swept, in ms (default SOLVE_HEARTBEAT_MS); 0: never (tests). */
  solveHeartbeatMs?: number;
  /** A running solve without a heartbeat for this long was interrupted, in ms (default SOLVE_STALE_MS). */
  solveStaleMs?: number;
}

export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

/** Paths of values that never reach a log line: credentials and reporters' personal data. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.reporter',
  '*.email',
  '*.name',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.sessionId',
  '*.csrfToken',
  '*.codeVerifier',
  '*.nonce',
  '*.state',
  '*.idToken',
  '*.accessToken',
  '*.clientSecret',
];

/**
 * The path of a request as it is logged: without the query string (a `q=` can hold a name), and
 * without the one-time token of a password link page (`/password/{token}` → `/password/…`).
 */
export function loggedPath(url: string | undefined): string | undefined {
  const path = url?.split('?')[0];
  return path?.startsWith('/password/') ? '/password/…' : path;
}

/**
 * Builds the Schakel HTTP app on a database, without listening (tests call `inject`, the CLI
 * calls `listen`). The composition root: the only place where ports meet their adapters.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.logger && typeof deps.logger === 'object'
        ? {
            ...deps.logger,
            // Only the method and the path: a query string can hold a name (q=…), an address is personal data.
            serializers: {
              req: (req: { method?: string; url?: string; id?: string }) => ({
                id: req.id,
                method: req.method,
                path: loggedPath(req.url),
              }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
          }
        : (deps.logger ?? false),
    // The request's pino child is made when it first writes a line (most requests never do).
    ...(deps.logger && typeof deps.logger === 'object' ? { childLoggerFactory: lazyChildLoggerFactory } : {}),
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    genReqId: () => randomUUID(),
    trustProxy: deps.trustProxy ?? false,
  });
  const responseCacheBytes = deps.responseCacheBytes ?? DEFAULT_RESPONSE_CACHE_BYTES;
  const onJobError = (job: string, error: unknown) => app.log.error({ err: error, job }, 'a job failed');
  const location = deps.database.location;
  const jobs =
    deps.jobs ??
    (location.dialect === 'postgres'
      ? new PgBossJobRunner(location.connectionString, onJobError)
      : new InProcessJobRunner(onJobError));
  const persistence = createPersistence(deps.database, {
    onNotificationsCommitted: () => jobs.trigger(DELIVER_NOTIFICATIONS),
    searchWorkers: deps.searchWorkers,
    checkpointInWorker: deps.checkpointInWorker,
    onCheckpointError: (error) =>
      app.log.error({ err: error }, 'the checkpoint worker failed: the connection checkpoints the WAL itself again'),
    watchChanges: responseCacheBytes > 0,
    onWatchStateChange: (listening, error) => {
      if (listening) app.log.info('listening for the changes of other processes: kept answers are in use');
      else app.log.warn({ err: error }, 'not listening for changes: no answer is kept until the connection is back');
    },
  });
  await persistence.ready();
  if (deps.warm) persistence.warm();
  // SQLite: the lookups of every signed-in request kept while the connection's write mark stands (decision 0021).
  const sqlite = deps.database.sqlite;
  const identity: IdentityStore = sqlite
    ? new CachedIdentityStore(new KyselyIdentityStore(deps.database.db), sqliteWriteMark(sqlite))
    : new KyselyIdentityStore(deps.database.db);
  // The solver process reads the rounds on its own connection. A solver given by a test, or a
  // database only this process can see (in-memory SQLite: for trying things out, not for serving),
  // solves on this thread instead, HiGHS loaded at the first solve.
  const inMemory = location.dialect === 'sqlite' && location.path === ':memory:';
  const solveProcess =
    deps.selectionSolver || inMemory ? undefined : createSolveProcess({ database: location, nice: deps.solveNice });
  let highs: Promise<SelectionSolver> | undefined;
  const engine: RoundSolveEngine =
    solveProcess ??
    inThreadRoundEngine({
      rounds: persistence.selectionRounds,
      solver: deps.selectionSolver ?? {
        solve: async (model, options) => {
          highs ??= loadHighsSolver();
          return (await highs).solve(model, options);
        },
      },
    });
  const clock = deps.clock ?? { now: () => new Date() };
  const heartbeatMs = deps.solveHeartbeatMs ?? SOLVE_HEARTBEAT_MS;
  const runner = createSolveRunner(
    (solutionId, error) =>
      app.log.error({ err: error, solutionId }, solutionId ? 'a selection solve failed' : 'the solve heartbeat failed'),
    heartbeatMs > 0
      ? {
          everyMs: heartbeatMs,
          beat: (runnerId, ids) => persistence.selectionRounds.beatSolutions(runnerId, ids, clock.now()),
          sweep: async () => {
            const swept = await sweepInterruptedSolves({
              uow: persistence,
              rounds: persistence.selectionRounds,
              clock,
              staleMs: deps.solveStaleMs ?? SOLVE_STALE_MS,
            });
            if (swept > 0) app.log.warn({ swept }, 'selection solves whose process stopped are marked failed (interrupted)');
          },
        }
      : undefined,
  );
  const context: AppContext = {
    database: deps.database,
    persistence,
    clock,
    ids: deps.ids ?? { newId: () => randomUUID() },
    responses: new ResponseCache(responseCacheBytes, (kinds) => persistence.changeToken(kinds)),
    identity,
    actorNames: new ActorNames((ids) => identity.findUsersByIds(ids)),
    hasher: deps.hasher ?? argon2idHasher,
    commonPasswords: readCommonPasswords(),
    sessionPolicy: deps.sessionPolicy ?? DEFAULT_SESSION_POLICY,
    cookieSecure: deps.cookieSecure ?? 'auto',
    oidcProviders: deps.oidcProviders ?? [],
    oidc: deps.oidc ?? new OpenIdClient(deps.oidcProviders ?? []),
    publicUrl: deps.publicUrl,
    monitoringSettings: () => loadMonitoringSettings(persistence),
    selection: { engine, runner },
    escalationSettings: () => loadEscalationSettings(persistence),
  };

  app.decorate('responseCache', context.responses);
  app.decorate('identityStore', identity);
  app.decorate('jobs', jobs);
  if ((deps.smtpUrl || deps.mailer) && !deps.publicUrl) {
    throw new Error('mail needs PUBLIC_URL: the links in mails are absolute');
  }
  const smtp =
    !deps.mailer && deps.smtpUrl && deps.publicUrl
      ? new SmtpMailer(deps.smtpUrl, deps.mailFrom ?? `Schakel <noreply@${new URL(deps.publicUrl).hostname}>`)
      : undefined;
  const mailer = deps.mailer ?? smtp;
  app.decorate('mailEnabled', mailer !== undefined);
  if (mailer && deps.publicUrl) {
    await scheduleNotificationJobs(jobs, {
      outbox: persistence.notifications,
      mailer,
      clock: context.clock,
      ids: context.ids,
      publicUrl: deps.publicUrl,
      log: app.log,
    });
  }
  await scheduleStateOfPlayReminders(jobs, { uow: persistence, clock: context.clock, ids: context.ids, log: app.log });
  await scheduleMonitoringJob(jobs, {
    uow: persistence,
    settings: context.monitoringSettings,
    escalationSettings: context.escalationSettings,
    ids: context.ids,
    clock: context.clock,
    log: app.log,
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  installProblemHandling(app);
  installSecurityHeaders(app);

  // JSON only: text/plain and other bodies are refused with 415 before a handler runs.
  app.removeContentTypeParser(['text/plain']);
  app.addContentTypeParser(
    ['application/merge-patch+json'],
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    app.getDefaultJsonParser('error', 'error'),
  );

  app.decorateRequest('language', 'nl');
  app.addHook('onRequest', async (request, reply) => {
    request.language = negotiateLanguage(request.headers['accept-language']);
    if (request.url.startsWith('/api/')) {
      reply.header('api-version', API_VERSION);
      reply.header('content-language', request.language);
      reply.header('vary', 'Accept-Language, Cookie, Authorization');
    }
    // No trailing slashes (API Design Rules): /api/v1/obstacles/ is not /api/v1/obstacles.
    // A page address with one is sent to the address without it.
    const [path = '', query] = request.url.split('?');
    if (path.length > 1 && path.endsWith('/')) {
      if (!deps.web || path.startsWith('/api/')) return sendProblem(reply, request, new AppError('not_found'));
      // One leading slash only: `//host/` must not become a redirect to another site.
      const bare = `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
      return reply.redirect(query === undefined ? bare : `${bare}?${query}`, 301);
    }
  });
  // After the language (its problems speak the caller's language), before every route hook.
  installAuthentication(app, context);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Schakel API',
        version: API_VERSION,
        description:
          'The register of cross-border obstacles. Errors are application/problem+json (RFC 9457) with a stable `code`, a `detail` in the language of Accept-Language (nl, fr, de, en) and `invalidParams` naming each field.',
        contact: { name: 'Schakel', url: 'https://schakel.eu' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'schakel_session',
            description:
              'Set by POST /api/v1/session. State-changing requests with it must send the X-CSRF-Token header (the csrfToken of the session).',
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `schakel token create`.' },
        },
      },
      // Every endpoint answers the public too (what it may see); signing in changes what it may do.
      security: [{}, { session: [] }, { bearer: [] }],
      tags: [
        { name: 'session', description: 'Sign-in (password or OpenID Connect), who am I, sign-out' },
        { name: 'users', description: 'Users of the platform (admins)' },
        { name: 'inbox', description: "The signed-in user's notifications and preferences" },
        { name: 'obstacles', description: 'The obstacle register' },
        { name: 'actions', description: 'Actions and milestones of obstacles, their RAG status, the overdue and stale lists' },
        {
          name: 'escalations',
          description: 'The escalation ladder of overdue actions (official, administrative, political) and its history',
        },
        { name: 'governance', description: 'Governing bodies, meetings and agendas, decisions and their documents (.docx)' },
        { name: 'monitoring', description: 'The dashboard: counts and work lists of what the caller reads' },
        { name: 'reference data', description: 'Themes, governments, border segments, organisations' },
        {
          name: 'routing',
          description: 'The competence matrix, routing alerts, and what is routed to my department',
        },
        {
          name: 'selection',
          description: 'Selection rounds: scoring (JSON and .xlsx), solving, what-if, amendments, approval, report (.docx)',
        },
        { name: 'operations', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const api = app.withTypeProvider();
  api.get(
    '/health',
    { schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  );
  api.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database answers (503 when it does not)',
        response: { 200: HealthSchema },
      },
    },
    async (request, reply) => {
      try {
        await context.persistence.ping();
        return { status: 'ok' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        return sendProblem(reply, request, new AppError('service_unavailable'));
      }
    },
  );
  api.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  sessionRoutes(app, context);
  oidcSessionRoutes(app, context);
  userRoutes(app, context);
  organisationRoutes(app, context);
  obstacleRoutes(app, context);
  governanceRoutes(app, context);
  routingRoutes(app, context);
  competenceRoutes(app, context);
  calendarRoutes(app, context);
  inboxRoutes(app, context);
  actionRoutes(app, context);
  escalationRoutes(app, context);
  dashboardRoutes(app, context);
  selectionRoundRoutes(app, context);
  stateOfPlayRoutes(app, context);
  lifecycleRoutes(app);
  referenceRoutes(app, context);
  if (deps.web) await mountWeb(app, { cookieSecure: context.cookieSecure, ...deps.web });

  app.addHook('onClose', async () => {
    await runner.close();
    await solveProcess?.close();
    await jobs.stop();
    smtp?.close();
    await context.persistence.close();
  });

  await app.ready();
  if (deps.runJobs) await jobs.start();
  return app;
}
