/**
 * The checkpoint worker (decision 0022): the connection stops checkpointing in its commits, the
 * worker copies the WAL into the file after commits (and unasked), without moving the
 * connection's `data_version` (which would rebuild the read model), and the connection takes
 * checkpointing back when it is closed.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteCheckpointer, DEFAULT_WAL_AUTOCHECKPOINT } from './sqlite-checkpointer.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function walDatabase(): { sqlite: SQLite.Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'schakel-checkpointer-'));
  const path = join(dir, 'db.sqlite');
  const sqlite = new SQLite(path);
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (x BLOB)');
  cleanups.push(() => {
    if (sqlite.open) sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { sqlite, path };
}

/** Two MiB in 512 rows, one commit. */
function writeSome(sqlite: SQLite.Database): void {
  const insert = sqlite.prepare('INSERT INTO t VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 512; i += 1) insert.run(Buffer.alloc(4096, i % 256));
  })();
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const autocheckpoint = (sqlite: SQLite.Database) => sqlite.prepare('PRAGMA wal_autocheckpoint').pluck().get();
const dataVersion = (sqlite: SQLite.Database) => sqlite.prepare('PRAGMA data_version').pluck().get();

describe('createSqliteCheckpointer', () => {
  it('copies the WAL into the file on the worker after a commit, not in the commit, without moving data_version', async () => {
    const { sqlite, path } = walDatabase();
    const checkpointer = createSqliteCheckpointer(sqlite, path, { delayMs: 5, everyMs: 60_000 });
    cleanups.push(() => void checkpointer.close());
    expect(autocheckpoint(sqlite)).toBe(0);
    const before = statSync(path).size;
    const version = dataVersion(sqlite);

    writeSome(sqlite);
    writeSome(sqlite);
    // The commits did not checkpoint (far past SQLite's 1,000 pages): the file has not grown.
    expect(statSync(path).size).toBe(before);

    checkpointer.committed();
    await until(() => checkpointer.checkpoints > 0);
    expect(statSync(path).size).toBeGreaterThan(before + 4 * 1024 * 1024);
    expect(dataVersion(sqlite)).toBe(version);
    expect(sqlite.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1024);
  });

  it('checkpoints unasked every `everyMs` (writes outside the unit of work do not ask)', async () => {
    const { sqlite, path } = walDatabase();
    const checkpointer = createSqliteCheckpointer(sqlite, path, { delayMs: 5, everyMs: 20 });
    cleanups.push(() => void checkpointer.close());
    const before = statSync(path).size;
    writeSome(sqlite);
    await until(() => statSync(path).size > before);
    await until(() => checkpointer.checkpoints > 0);
  });

  it('gives checkpointing back to the connection when closed', async () => {
    const { sqlite, path } = walDatabase();
    const checkpointer = createSqliteCheckpointer(sqlite, path);
    expect(autocheckpoint(sqlite)).toBe(0);
    await checkpointer.close();
    expect(autocheckpoint(sqlite)).toBe(DEFAULT_WAL_AUTOCHECKPOINT);
    // And being told of commits after that does nothing.
    checkpointer.committed();
    expect(checkpointer.checkpoints).toBe(0);
  });

  it('gives checkpointing back to the connection when the worker fails, and says so', async () => {
    const { sqlite, path } = walDatabase();
    const errors: Error[] = [];
    const checkpointer = createSqliteCheckpointer(sqlite, join(path, 'not-a-file'), { onError: (e) => errors.push(e) });
    cleanups.push(() => void checkpointer.close());
    await until(() => errors.length > 0);
    expect(autocheckpoint(sqlite)).toBe(DEFAULT_WAL_AUTOCHECKPOINT);
  });
});
