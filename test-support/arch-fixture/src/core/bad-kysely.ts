// Fixture for src/architecture.test.ts: core may not use SQL (rule core-is-plain).
import { sql } from 'kysely';

export const query = sql`SELECT 1`;
