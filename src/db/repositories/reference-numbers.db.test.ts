import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../../../test-support/databases.js';
import { SYSTEM_ACTOR } from '../../core/access/access.js';
import type { NewObstacle } from '../../core/obstacles/obstacle.js';
import { parseReference } from '../../core/obstacles/obstacle.js';
import type { Clock, IdGenerator } from '../../core/obstacles/ports.js';
import { registerObstacle } from '../../core/obstacles/register-obstacle.js';
import { AppError } from '../../core/shared/errors.js';
import type { Database } from '../create-database.js';
import { createPersistence, type Persistence } from '../unit-of-work.js';

const input: NewObstacle = {
  title: { nl: 'Grensarbeiders verliezen kinderbijslag' },
  summary: { nl: 'Een grensarbeider die in België woont verliest de Nederlandse kinderbijslag.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'public',
  reporter: { type: 'citizen' },
};

const randomIds: IdGenerator = { newId: () => randomUUID() };

/** A clock in a given year (mid-year, so the Brussels calendar year is that year too). Each test uses its own year. */
function clockIn(year: number): Clock {
  return { now: () => new Date(`${year}-06-15T12:00:00.000Z`) };
}

function numberOf(reference: string): number {
  const parsed = parseReference(reference);
  if (!parsed) throw new Error(`not a reference: ${reference}`);
  return parsed.number;
}

describe.each(DIALECTS)('reference numbers [%s]', (dialect) => {
  let database: Database;
  let persistence: Persistence;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    persistence = createPersistence(database);
  });
  afterAll(async () => {
    await persistence?.close();
    await database?.close();
  });

  function register(year: number, overrides: Partial<NewObstacle> = {}, ids: IdGenerator = randomIds) {
    return registerObstacle({
      actor: SYSTEM_ACTOR,
      input: { ...input, ...overrides },
      uow: persistence,
      clock: clockIn(year),
      ids,
    });
  }

  async function storedNumbers(year: number): Promise<number[]> {
    const rows = await database.db
      .selectFrom('obstacles')
      .select('ref_number')
      .where('ref_year', '=', year)
      .orderBy('ref_number')
      .execute();
    return rows.map((r) => Number(r.ref_number));
  }

  async function counter(year: number): Promise<number | undefined> {
    const row = await database.db
      .selectFrom('reference_counters')
      .select('last_number')
      .where('year', '=', year)
      .executeTakeFirst();
    return row ? Number(row.last_number) : undefined;
  }

  it('gives 50 concurrent creates 50 distinct references numbered 1..50 without gaps', async () => {
    const year = 2031;
    const created = await Promise.all(Array.from({ length: 50 }, () => register(year)));
    const references = created.map((o) => o.reference);
    expect(new Set(references).size).toBe(50);
    for (const reference of references) expect(reference).toMatch(/^GB-2031-\d{4}$/);
    const numbers = references.map(numberOf).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await storedNumbers(year)).toEqual(numbers);
    expect(await counter(year)).toBe(50);
  });

  it('numbers each year from 1 on its own', async () => {
    const a = await register(2032);
    const b = await register(2033);
    const c = await register(2032);
    expect([a.reference, b.reference, c.reference]).toEqual(['GB-2032-0001', 'GB-2033-0001', 'GB-2032-0002']);
  });

  it('does not use up a number when a create fails validation inside its transaction', async () => {
    const year = 2034;
    const first = await register(year);
    const failure = await register(year, { themes: ['astrology'] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('validation_failed');
    expect((failure as AppError).fields).toEqual([{ name: 'themes.0', code: 'unknown_key', params: { value: 'astrology' } }]);
    const next = await register(year);
    expect(numberOf(first.reference)).toBe(1);
    expect(numberOf(next.reference)).toBe(2);
    expect(await storedNumbers(year)).toEqual([1, 2]);
  });

  it('gives a number back when the create fails after it was allocated (the insert fails)', async () => {
    const year = 2035;
    const existing = await register(year);
    // The same id again: the number is allocated, then the insert breaks the unique id → rollback.
    const failure = await register(year, {}, { newId: () => existing.id }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(AppError);
    expect(await counter(year)).toBe(1);
    const next = await register(year);
    expect(numberOf(next.reference)).toBe(2);
    expect(await storedNumbers(year)).toEqual([1, 2]);
  });

  it('keeps numbering without gaps when failing and succeeding creates run concurrently', async () => {
    const year = 2036;
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => register(year, i % 3 === 0 ? { segment: 'nowhere' } : {})),
    );
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(10);
    expect(fulfilled).toHaveLength(20);
    const numbers = fulfilled.map((r) => numberOf(r.value.reference)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await counter(year)).toBe(20);
  });
});
