/**
 * Kept answers through the real app, on both databases: a reader never sees an answer older than
 * the last committed write — of this process (POST, PATCH) or of another connection (SQLite's
 * data_version; PostgreSQL's notifications, a moment after the commit). On PostgreSQL nothing is
 * kept while the listening connection is down.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../test-support/access.js';
import { describeEachDialect } from '../../test-support/databases.js';
import type { ObstacleListResponse, ObstacleResponse } from '../contracts/obstacles.contract.js';
import { createDatabase } from '../db/create-database.js';
import { buildApp } from './build-app.js';

const REPORT = {
  title: { nl: 'Pendelaars missen de kinderopvangtoeslag' },
  summary: { nl: 'Wie over de grens werkt, valt buiten de regeling.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'public',
  reporter: { type: 'citizen', name: 'Joost Kieviet', email: 'joost@example.org' },
};

describeEachDialect('kept answers of read requests', (getDb, dialect) => {
  let app: FastifyInstance;
  let secretariat: { authorization: string };
  let partner: { authorization: string };
  let otherPartner: { authorization: string };
  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    secretariat = await bearer(getDb(), 'secretariat');
    partner = await bearer(getDb(), 'partner', 'nl-li');
    otherPartner = await bearer(getDb(), 'partner', 'be-vli');
  });
  afterAll(async () => {
    await app.close();
  });

  async function list(url = '/api/v1/obstacles?q=kinderopvangtoeslag') {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    return response.json() as ObstacleListResponse;
  }

  async function create(title: string): Promise<ObstacleResponse> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      payload: { ...REPORT, title: { nl: title } },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as ObstacleResponse;
  }

  it('sees its own creates and changes at once', async () => {
    const first = await create('Kinderopvangtoeslag voor pendelaars');
    expect((await list()).total).toBe(1);
    // A repeat is answered from memory (on PostgreSQL once this process's own notification is in).
    await eventually(async () => {
      const before = app.responseCache.hits;
      expect((await list()).total).toBe(1);
      return app.responseCache.hits === before + 1;
    });

    await create('Kinderopvangtoeslag en de grens');
    expect((await list()).total).toBe(2);

    const read = await app.inject({ method: 'GET', url: `/api/v1/obstacles/${first.reference}` });
    expect(read.headers.etag).toBe('"1"');
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/obstacles/${first.id}`,
      headers: { 'if-match': '"1"', ...secretariat },
      payload: { title: { nl: 'Geen toeslag meer voor grenspendelaars' } },
    });
    expect(changed.statusCode).toBe(200);
    const again = await app.inject({ method: 'GET', url: `/api/v1/obstacles/${first.reference}` });
    expect(again.headers.etag).toBe('"2"');
    expect((again.json() as ObstacleResponse).title).toEqual({ nl: 'Geen toeslag meer voor grenspendelaars' });
    expect((await list()).total).toBe(1);
  });

  it('keeps answers per audience: a partner never gets the public’s kept answer, nor the public a partner’s', async () => {
    for (const visibility of ['public', 'partners', 'internal']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        headers: secretariat,
        payload: {
          ...REPORT,
          visibility,
          title: { nl: `Wisselkantoor ${visibility}` },
          reporter: { type: 'province', organisation: 'nl-li', email: 'melder@example.org' },
        },
      });
      expect(response.statusCode).toBe(201);
    }
    const url = '/api/v1/obstacles?q=wisselkantoor';
    const total = async (headers: Record<string, string> = {}) => {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(200);
      return (response.json() as ObstacleListResponse).total;
    };
    // Each audience twice, interleaved: the second of each may come from the cache, and must be its own.
    for (let round = 0; round < 2; round++) {
      expect(await total()).toBe(1);
      expect(await total(partner)).toBe(2);
      expect(await total(otherPartner)).toBe(2);
      expect(await total(secretariat)).toBe(3);
    }
    if (dialect === 'sqlite') expect(app.responseCache.hits).toBeGreaterThanOrEqual(4);

    // One obstacle: the reporter's e-mail goes to the reporting partner, never to the public or another partner.
    const reference = (
      (await app.inject({ method: 'GET', url: `${url}&visibility=public`, headers: partner })).json() as ObstacleListResponse
    ).items[0]?.reference;
    const one = `/api/v1/obstacles/${reference}`;
    for (let round = 0; round < 2; round++) {
      const own = await app.inject({ method: 'GET', url: one, headers: partner });
      expect((own.json() as ObstacleResponse).reporter.email).toBe('melder@example.org');
      expect((own.json() as ObstacleResponse).abilities).toEqual(['edit']);
      const publicAnswer = await app.inject({ method: 'GET', url: one });
      expect(publicAnswer.body).not.toContain('melder@example.org');
      expect((publicAnswer.json() as ObstacleResponse).abilities).toEqual([]);
      const other = await app.inject({ method: 'GET', url: one, headers: otherPartner });
      expect(other.body).not.toContain('melder@example.org');
      expect((other.json() as ObstacleResponse).abilities).toEqual([]);
    }
  });

  it('keeps an answer per language', async () => {
    const created = await create('Kinderopvangtoeslag: taal van de melding');
    const url = `/api/v1/obstacles/${created.reference}`;
    for (const language of ['fr', 'nl', 'fr', 'de']) {
      const response = await app.inject({ method: 'GET', url, headers: { 'accept-language': language } });
      expect(response.headers['content-language']).toBe(language);
      const body = response.json() as ObstacleResponse;
      expect(body.text.language).toBe(language);
      expect(body.text.title).toMatchObject({ language: 'nl', fallback: language !== 'nl' });
    }
  });

  /** Polls `check` until it holds: another process's commit reaches PostgreSQL listeners a moment later. */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + 5_000;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('not within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('sees a write by another connection (the CLI, another process)', async () => {
    const url = '/api/v1/obstacles?q=zwembadabonnement';
    expect((await list(url)).total).toBe(0);
    expect((await list(url)).total).toBe(0);

    const other = createDatabase(getDb().location);
    try {
      const otherApp = await buildApp({ database: other, searchWorkers: 0 });
      try {
        const response = await otherApp.inject({
          method: 'POST',
          url: '/api/v1/obstacles',
          payload: { ...REPORT, title: { nl: 'Geen zwembadabonnement voor grensbewoners' } },
        });
        expect(response.statusCode).toBe(201);
      } finally {
        await otherApp.close();
      }
    } finally {
      await other.close();
    }
    if (dialect === 'sqlite') expect((await list(url)).total).toBe(1);
    else await eventually(async () => (await list(url)).total === 1);
  });

  it.runIf(dialect === 'postgres')('keeps nothing while it cannot listen, and again once it can', async () => {
    const url = '/api/v1/obstacles?q=kinderopvangtoeslag&sort=reference';
    await list(url);
    const hits = app.responseCache.hits;
    await list(url);
    expect(app.responseCache.hits).toBe(hits + 1);

    // An operator (or a failover) cuts the listening connection.
    await getDb().db.executeQuery(
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'schakel-changes' AND datname = current_database()`.compile(
        getDb().db,
      ),
    );
    await eventually(async () => {
      const before = app.responseCache.hits;
      await list(url);
      await list(url);
      return app.responseCache.hits === before;
    });
    // Written while the feed is down: seen at once, since nothing is kept.
    await create('Kinderopvangtoeslag, geschreven zonder luisteraar');
    const total = (await list(url)).total;
    // The feed reconnects by itself; then answers are kept again.
    await eventually(async () => {
      const before = app.responseCache.hits;
      await list(url);
      await list(url);
      return app.responseCache.hits > before;
    });
    expect((await list(url)).total).toBe(total);
  });
});
