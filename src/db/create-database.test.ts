import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { statementsMayBeCollected, withStatementCache } from './create-database.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Runs the collector after the current job, when WeakRefs made in it may be cleared. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
  }
}

const open: SQLite.Database[] = [];
afterEach(() => {
  for (const handle of open.splice(0)) handle.close();
});

function sqlite(): SQLite.Database {
  const handle = new SQLite(':memory:');
  open.push(handle);
  return handle;
}

const sqlOf = (n: number) => `SELECT ${n} AS n`;

describe('statementsMayBeCollected', () => {
  it('is false from Node 24 on (decision 0007)', () => {
    expect(statementsMayBeCollected('20.20.2')).toBe(true);
    expect(statementsMayBeCollected('22.11.0')).toBe(true);
    expect(statementsMayBeCollected('24.0.0')).toBe(false);
    expect(statementsMayBeCollected('25.1.0')).toBe(false);
  });
});

describe('withStatementCache', () => {
  it('prepares a SQL string once and reuses its statement', () => {
    const cache = withStatementCache(sqlite());
    const first = cache.prepare(sqlOf(1));
    expect(cache.prepare(sqlOf(1))).toBe(first);
    expect(cache.prepare(sqlOf(2))).not.toBe(first);
    expect(cache.cached).toBe(2);
  });

  it('evicts the least recently used statement at max, one at a time, not the whole cache', () => {
    const cache = withStatementCache(sqlite(), { max: 3, dropEvicted: true });
    const one = cache.prepare(sqlOf(1));
    const two = cache.prepare(sqlOf(2));
    const three = cache.prepare(sqlOf(3));
    cache.prepare(sqlOf(1)); // 2 is now the least recently used
    cache.prepare(sqlOf(4));
    expect(cache.cached).toBe(3);
    expect(cache.prepare(sqlOf(1))).toBe(one);
    expect(cache.prepare(sqlOf(3))).toBe(three);
    expect(cache.prepare(sqlOf(2))).not.toBe(two);
    expect(cache.kept).toBe(0);
  });

  it('keeps evicted statements referenced when they must not be collected', async () => {
    const cache = withStatementCache(sqlite(), { max: 2, dropEvicted: false });
    const refs = ((): WeakRef<object>[] => {
      const made = [1, 2, 3, 4, 5].map((n) => new WeakRef(cache.prepare(sqlOf(n)) as object));
      return made;
    })();
    await collect();
    expect(cache.cached).toBe(2);
    expect(cache.kept).toBe(3);
    expect(refs.every((ref) => ref.deref() !== undefined)).toBe(true);
    // A kept statement still runs; a new one for its SQL is prepared, as for any evicted string.
    expect((cache.prepare(sqlOf(1)) as unknown as SQLite.Statement).get()).toEqual({ n: 1 });
  });

  it.runIf(statementsMayBeCollected())('drops evicted statements where collecting them is safe', async () => {
    const cache = withStatementCache(sqlite(), { max: 2, dropEvicted: true });
    const first = ((): WeakRef<object> => new WeakRef(cache.prepare(sqlOf(1)) as object))();
    cache.prepare(sqlOf(2));
    cache.prepare(sqlOf(3));
    await collect();
    expect(first.deref()).toBeUndefined();
    expect(cache.kept).toBe(0);
  });

  it('defaults to keeping evicted statements on this runtime only where they may not be collected', () => {
    const cache = withStatementCache(sqlite(), { max: 1 });
    cache.prepare(sqlOf(1));
    cache.prepare(sqlOf(2));
    expect(cache.kept).toBe(statementsMayBeCollected() ? 0 : 1);
  });
});
