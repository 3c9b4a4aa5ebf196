import type { Clock, IdGenerator } from '../core/obstacles/ports.js';
import type { Database } from '../db/create-database.js';
import type { Persistence } from '../db/unit-of-work.js';
import type { ResponseCache } from './response-cache.js';

/** What the routes are given: the wiring of one app instance. */
export interface AppContext {
  database: Database;
  persistence: Persistence;
  clock: Clock;
  ids: IdGenerator;
  /** Serialised answers of read requests, kept until the next write. */
  responses: ResponseCache;
}
