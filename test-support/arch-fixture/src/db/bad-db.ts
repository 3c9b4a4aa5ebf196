// Fixture for src/architecture.test.ts: db knows nothing of HTTP (rule db-implements-core).
import { z } from '../server/z.js';

export const fromServer = z;
