import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase } from '../db/create-database.js';
import { main } from './main.js';

describe('schakel CLI (SQLite)', () => {
  let dir: string;
  const saved = process.env.DATABASE_URL;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
    process.env.DATABASE_URL = `sqlite:${join(dir, 'cli.sqlite')}`;
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterAll(() => {
    process.env.DATABASE_URL = saved;
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints help for every command and refuses unknown ones', async () => {
    expect(await main(['--help'])).toBe(0);
    for (const command of ['serve', 'migrate', 'seed']) expect(await main([command, '--help'])).toBe(0);
    expect(await main(['frobnicate'])).toBe(2);
    expect(await main(['seed', '--bogus'])).toBe(2);
    expect(await main(['seed'])).toBe(2);
  });

  it('migrates, loads the demo obstacles once, and refuses to load them twice without --force', async () => {
    expect(await main(['migrate'])).toBe(0);
    expect(await main(['migrate'])).toBe(0);
    expect(await main(['seed', '--demo'])).toBe(0);
    expect(await main(['seed', '--demo'])).toBe(1);

    const database = createDatabase({ dialect: 'sqlite', path: join(dir, 'cli.sqlite') });
    try {
      const rows = await database.db.selectFrom('obstacles').select(['title', 'summary', 'status', 'type']).execute();
      expect(rows).toHaveLength(34);
      // Titles are Dutch, summaries English: each stored under its own language.
      for (const row of rows) {
        expect(Object.keys(JSON.parse(row.title))).toEqual(['nl']);
        expect(Object.keys(JSON.parse(row.summary))).toEqual(['en']);
      }
      expect(new Set(rows.map((r) => r.status)).size).toBeGreaterThan(4);
      expect(rows.some((r) => r.type === 'other')).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('reports a wrong DATABASE_URL as a usage error', async () => {
    process.env.DATABASE_URL = 'mysql://nope';
    try {
      expect(await main(['migrate'])).toBe(2);
    } finally {
      process.env.DATABASE_URL = `sqlite:${join(dir, 'cli.sqlite')}`;
    }
  });
});
