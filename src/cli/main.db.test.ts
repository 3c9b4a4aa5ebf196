import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../test-support/databases.js';
import { ROLES } from '../core/access/access.js';
import { createDatabase } from '../db/create-database.js';
import { buildApp } from '../server/build-app.js';
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers, wantsDemoUsers } from './commands.js';
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

  it('prints help for the user and token subcommands, and refuses unknown ones and stray options', async () => {
    for (const command of [
      ['user'],
      ['token'],
      ['user', 'add'],
      ['user', 'list'],
      ['user', 'disable'],
      ['user', 'password-link'],
      ['token', 'create'],
      ['token', 'revoke'],
    ]) {
      expect(await main([...command, '--help'])).toBe(0);
    }
    expect(await main(['user'])).toBe(2);
    expect(await main(['user', 'delete'])).toBe(2);
    expect(await main(['user', 'list', '--email', 'x@example.org'])).toBe(2);
    expect(await main(['user', 'add', '--email', 'x@example.org'])).toBe(2);
    expect(await main(['token', 'create', '--email', 'x@example.org'])).toBe(2);
  });

  it('adds, lists and disables users, and creates and revokes API tokens that open the API', async () => {
    const log = vi.mocked(console.log);
    const error = vi.mocked(console.error);
    const password = async () => 'een wachtwoord voor de grens';
    const add = (email: string, extra: string[] = [], io = { readStdinLine: password }) =>
      main(
        ['user', 'add', '--email', email, '--name', 'Anna Jansen', '--role', 'partner', '--organisation', 'nl-li', ...extra],
        io,
      );

    expect(await add('anna@example.org', ['--password-stdin'])).toBe(0);
    expect(await add('ANNA@example.org', ['--password-stdin'])).toBe(1); // taken, whatever its case
    expect(await add('bert@example.org', [])).toBe(0); // no password: invite or OIDC later
    log.mockClear();
    expect(await main(['user', 'password-link', '--email', 'bert@example.org'])).toBe(0);
    const inviteToken = String(log.mock.calls.at(-1)?.[0]);
    expect(inviteToken).toMatch(/^skl_link_[A-Za-z0-9_-]{43}$/);
    expect(await main(['user', 'password-link', '--email', 'nobody@example.org'])).toBe(1);
    // Wrong input: exit 2, each wrong option named.
    error.mockClear();
    expect(
      await main(
        ['user', 'add', '--email', 'nope', '--name', 'X', '--role', 'king', '--organisation', 'atlantis', '--password-stdin'],
        {
          readStdinLine: async () => 'password1234',
        },
      ),
    ).toBe(2);
    const complaints = error.mock.calls.map((c) => String(c[0])).join('\n');
    for (const option of ['--email', '--role', '--organisation', '--password-stdin']) expect(complaints).toContain(option);
    expect(complaints).toContain('widely used');

    log.mockClear();
    expect(await main(['user', 'list'])).toBe(0);
    const listed = log.mock.calls.map((c) => String(c[0])).join('\n');
    expect(listed).toMatch(/anna@example\.org\s+Anna Jansen\s+partner\s+nl-li\s+active\s+password/);
    expect(listed).toMatch(/bert@example\.org.*no password/);
    expect(listed).not.toContain('argon2');

    log.mockClear();
    expect(await main(['token', 'create', '--email', 'anna@example.org', '--name', 'koppeling', '--expires', '30'])).toBe(0);
    const token = String(log.mock.calls.at(-1)?.[0]);
    expect(token).toMatch(/^skl_[A-Za-z0-9_-]{43}$/);
    expect(await main(['token', 'create', '--email', 'anna@example.org', '--name', 'x', '--expires', '0'])).toBe(2);
    expect(await main(['token', 'create', '--email', 'nobody@example.org', '--name', 'x'])).toBe(1);

    const database = createDatabase({ dialect: 'sqlite', path: join(dir, 'cli.sqlite') });
    try {
      const app = await buildApp({ database, searchWorkers: 0 });
      try {
        const me = await app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${token}` } });
        expect(me.statusCode).toBe(200);
        expect(me.json().user).toMatchObject({ email: 'anna@example.org', role: 'partner', organisation: 'nl-li' });
        const stored = await database.db.selectFrom('api_tokens').select(['id', 'token_hash', 'expires_at']).execute();
        expect(JSON.stringify(stored)).not.toContain(token);

        const id = stored[0]?.id ?? '';
        expect(await main(['token', 'revoke', '--id', id])).toBe(0);
        expect(await main(['token', 'revoke', '--id', id])).toBe(1);
        expect((await app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
          401,
        );

        // The invite link sets Bert's password.
        const accepted = await app.inject({
          method: 'POST',
          url: '/api/v1/password',
          payload: { token: inviteToken, password: 'bert kiest een lange zin' },
        });
        expect(accepted.statusCode).toBe(204);
        const bert = await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: 'bert@example.org', password: 'bert kiest een lange zin' },
        });
        expect(bert.statusCode).toBe(200);

        // Signing in works with the password from standard input, until the user is disabled.
        const signIn = () =>
          app.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { email: 'anna@example.org', password: 'een wachtwoord voor de grens' },
          });
        const session = await signIn();
        expect(session.statusCode).toBe(200);
        const cookie = String(session.headers['set-cookie']).split(';')[0] ?? '';
        expect(await main(['user', 'disable', '--email', 'anna@example.org'])).toBe(0);
        expect(await main(['user', 'disable', '--email', 'nobody@example.org'])).toBe(1);
        expect((await signIn()).statusCode).toBe(401);
        expect((await app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });

  it('makes one demo user per role on a database without users, never in production', async () => {
    expect(wantsDemoUsers({ production: false }, { demoIfEmpty: true })).toBe(true);
    expect(wantsDemoUsers({ production: true }, { demoIfEmpty: true })).toBe(false);
    expect(wantsDemoUsers({ production: false }, { demoIfEmpty: false })).toBe(false);
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(ROLES));

    const database = await createTestDatabase('sqlite');
    try {
      expect(await ensureDemoUsers(database)).toEqual(DEMO_USERS);
      expect(await ensureDemoUsers(database)).toEqual(DEMO_USERS); // once
      const rows = await database.db.selectFrom('users').select(['email', 'role']).execute();
      expect(rows).toHaveLength(ROLES.length);
      const app = await buildApp({ database, searchWorkers: 0 });
      try {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { email: 'waarnemer@schakel.example', password: DEMO_PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        expect(response.json().user.role).toBe('observer');
      } finally {
        await app.close();
      }
      // A database that has users gets no demo users.
      const other = await createTestDatabase('sqlite');
      try {
        await other.db
          .insertInto('users')
          .values({
            id: 'u1',
            email: 'echt@example.org',
            email_key: 'echt@example.org',
            name: 'Echt',
            role: 'admin',
            organisation_key: 'secretariat',
            password_hash: null,
            disabled_at: null,
            created_at: new Date().toISOString(),
            updated_at: new Date().toISOString(),
            version: 1,
          })
          .execute();
        expect(await ensureDemoUsers(other)).toEqual([]);
      } finally {
        await other.close();
      }
    } finally {
      await database.close();
    }
  });

  it('verifies the audit trail on the workers asked for, and refuses a worker count that is not one', async () => {
    expect(await main(['migrate'])).toBe(0);
    const log = vi.mocked(console.log);
    log.mockClear();
    expect(await main(['audit', 'verify', '--workers', '1'])).toBe(0);
    expect(await main(['audit', 'verify', '--workers', '3'])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /audit trail whole: \d+ events, head seq \d+ hash [0-9a-f]{64} \(\d+\.\d\d s, \d+ events\/s\)/,
    );
    for (const bad of ['0', '-1', '1.5', 'two', '65']) expect(await main(['audit', 'verify', '--workers', bad])).toBe(2);
    expect(await main(['audit', 'verify', '--help'])).toBe(0);
  });

  it('runs the monitoring as of a date, and refuses a date or batch size that is not one', async () => {
    expect(await main(['migrate'])).toBe(0);
    const log = vi.mocked(console.log);
    log.mockClear();
    expect(await main(['monitor', 'run', '--date', '2026-11-02', '--batch-size', '10'])).toBe(0);
    expect(await main(['monitor', 'run'])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /monitoring as of 2026-11-02: \d+ open actions \(\d+ changed; \d+ overdue, \d+ stale\), \d+ obstacles \(\d+ changed\) in \d+ batches; \d+\.\d\d s \(actions \d+\.\d\d s, \d+ actions\/s/,
    );
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /escalations as of 2026-11-02: \d+ actions looked at; \d+ escalated to administrative, \d+ to political; reminders sent: \d+ before due, \d+ overdue/,
    );
    for (const bad of ['2026-02-30', '02-11-2026', 'today']) expect(await main(['monitor', 'run', '--date', bad])).toBe(2);
    for (const bad of ['0', '1.5', '10001']) expect(await main(['monitor', 'run', '--batch-size', bad])).toBe(2);
    expect(await main(['monitor', 'run', '--workers', '2'])).toBe(2);
    expect(await main(['monitor', '--help'])).toBe(0);
    expect(await main(['monitor', 'run', '--help'])).toBe(0);
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
