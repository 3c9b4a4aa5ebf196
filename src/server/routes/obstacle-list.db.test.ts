/**
 * GET /api/v1/obstacles on both databases: filters, facet counts, sorting, cursor paging, bad input
 * and full-text search, over a dataset of the demo import (known statuses) plus obstacles reported
 * through the API.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { createTestDatabase, DIALECTS } from '../../../test-support/databases.js';
import type { ObstacleListItemResponse, ObstacleListResponse } from '../../contracts/obstacles.contract.js';
import { importPublishedObstacles } from '../../core/obstacles/import-obstacles.js';
import type { Clock } from '../../core/obstacles/ports.js';
import { errorMessage, fieldMessage } from '../../core/shared/errors.js';
import type { Language } from '../../core/shared/language.js';
import type { Database } from '../../db/create-database.js';
import { readReferenceFile, type SampleObstaclesFile } from '../../db/reference-data.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';

type Item = ObstacleListItemResponse;
type Facets = NonNullable<ObstacleListResponse['facets']>;
type Params = [string, string][];

const REPORTER = { type: 'citizen', name: 'Wilhelmina Zonderland', email: 'w.zonderland@example.org', phone: '+31 6 1234 5678' };

const base = {
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'public',
  reporter: REPORTER,
};

/** Obstacles reported through the API, by a name the tests use. */
const REPORTS = {
  workers: {
    ...base,
    title: { nl: 'Grensarbeiders verliezen hun ziekteverzekeringen' },
    summary: { nl: 'Wie in Vlaanderen woont en in Nederland werkt, valt tussen twee stelsels.' },
    themes: ['social_security', 'healthcare'],
  },
  grenzgaengern: {
    ...base,
    sourceLanguage: 'de',
    title: { de: 'Steuerliche Nachteile von Grenzgängern' },
    summary: { de: 'Die Steuer trifft Pendler aus den Niederlanden doppelt.' },
    segment: 'nl-nw',
    themes: ['taxation'],
    type: 'administrative',
  },
  frontalier: {
    ...base,
    sourceLanguage: 'fr',
    title: { fr: 'Le travailleur frontalier perd ses allocations' },
    summary: { fr: 'Les allocations familiales sont suspendues.' },
    segment: 'fr-de',
    themes: ['social_security'],
  },
  frontalieres: {
    ...base,
    sourceLanguage: 'fr',
    title: { fr: 'Les travailleuses frontalières et la garde des enfants' },
    summary: { fr: 'La crèche refuse les enfants des non-résidentes.' },
    segment: 'fr-de',
    themes: ['liveability', 'cross_border_work'],
    type: 'administrative',
    visibility: 'partners',
  },
  grenzgaenger: {
    ...base,
    sourceLanguage: 'de',
    title: { de: 'Der Grenzgänger und die Pendlerpauschale' },
    summary: { de: 'Die Pauschale gilt nur im Inland.' },
    segment: 'nl-ni',
    themes: ['taxation', 'cross_border_work'],
    type: 'information',
    visibility: 'internal',
  },
  titleMatch: {
    ...base,
    title: { nl: 'Kwartelkoning broedt in het grensgebied' },
    summary: { nl: 'Beheer van akkerranden verschilt per land.' },
    themes: ['environment'],
    type: 'other',
  },
  summaryMatch: {
    ...base,
    title: { nl: 'Boomvalk en akkerbeheer' },
    summary: { nl: 'Ook de kwartelkoning heeft last van de verschillende maairegels.' },
    themes: ['environment'],
    segment: 'nl-nw',
  },
  descriptionMatch: {
    ...base,
    title: { nl: 'Maaidata van bermen verschillen' },
    summary: { nl: 'Gemeenten maaien op andere dagen.' },
    description: { nl: 'Een lange toelichting over bermbeheer, waarin ook de kwartelkoning eenmaal voorkomt.' },
    themes: ['environment', 'governance'],
  },
  falconOnly: {
    ...base,
    title: { nl: 'Nestkasten voor de boomvalk' },
    summary: { nl: 'Subsidie alleen aan Nederlandse zijde.' },
    themes: ['environment'],
    segment: 'nl-ni',
    type: 'administrative',
  },
  governments: {
    ...base,
    title: { en: 'Benelux rules for cross-border ambulances' },
    summary: { en: 'Ambulances stop at the border.' },
    sourceLanguage: 'en',
    governments: ['benelux', 'eu'],
    themes: ['healthcare', 'safety'],
    type: 'infrastructure',
  },
  liege: {
    ...base,
    title: { nl: 'Ambulancepersoneel mag niet over de grens' },
    summary: { nl: 'Hulpverleners moeten aan de grens overdragen.' },
    affectedGroups: { fr: 'Les ambulancières de la province' },
    municipalities: ['Liège', 'Maastricht'],
    themes: ['healthcare', 'safety'],
    visibility: 'partners',
  },
  nordicPartners: {
    ...base,
    title: { en: 'Nordic pension statements are not shared' },
    summary: { en: 'Retired commuters get no overview.' },
    sourceLanguage: 'en',
    segment: 'nordic',
    themes: ['social_security', 'taxation', 'governance'],
    visibility: 'partners',
    type: 'information',
  },
} as const;
type ReportName = keyof typeof REPORTS;

/** A clock that moves one minute every fourth reading: several obstacles share a timestamp, so paging must break ties. */
function tickingClock(): Clock {
  let readings = 0;
  const start = Date.parse('2030-03-01T09:00:00.000Z');
  return { now: () => new Date(start + Math.floor(readings++ / 4) * 60_000) };
}

function query(params: Params): string {
  return params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}

/** Counts per facet, the way the API defines them: over the filtered set. */
function countFacets(items: Item[]): Facets {
  const facets: Facets = { theme: {}, status: {}, segment: {}, type: {} };
  const add = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const item of items) {
    add(facets.status, item.status);
    add(facets.segment, item.segment);
    add(facets.type, item.type);
    for (const theme of new Set(item.themes)) add(facets.theme, theme);
  }
  return facets;
}

interface Filter {
  status?: string[];
  theme?: string[];
  segment?: string[];
  government?: string[];
  type?: string[];
  visibility?: string[];
}

/** The filter semantics, computed here: OR within a facet, AND across facets. */
function matchesFilter(item: Item, filter: Filter): boolean {
  const oneOf = (allowed: string[] | undefined, values: string[]) => !allowed || values.some((v) => allowed.includes(v));
  return (
    oneOf(filter.status, [item.status]) &&
    oneOf(filter.theme, item.themes) &&
    oneOf(filter.segment, [item.segment]) &&
    oneOf(filter.government, item.governments) &&
    oneOf(filter.type, [item.type]) &&
    oneOf(filter.visibility, [item.visibility])
  );
}

const ids = (items: Item[]) => items.map((item) => item.id);
const sortedIds = (items: Item[]) => ids(items).sort();

describe.each(DIALECTS)('GET /api/v1/obstacles [%s]', (dialect) => {
  let database: Database;
  let app: FastifyInstance;
  const reported = new Map<ReportName, Item>();
  let importedCount = 0;
  /** The secretariat reads every visibility: these tests are about lists, not about access. */
  let secretariat: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const clock = tickingClock();
    app = await buildApp({ database, clock });
    secretariat = await bearer(database, 'secretariat');
    const persistence = createPersistence(database);
    const samples = readReferenceFile<SampleObstaclesFile>('sample-obstacles.json').obstacles;
    const result = await importPublishedObstacles({
      obstacles: samples,
      catalogue: await persistence.catalogue.get(),
      uow: persistence,
      clock,
      ids: { newId: () => randomUUID() },
    }).finally(() => persistence.close());
    expect(result.skipped).toEqual([]);
    importedCount = result.imported;
    for (const [name, body] of Object.entries(REPORTS) as [ReportName, object][]) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: body, headers: secretariat });
      expect(response.statusCode, response.body).toBe(201);
      reported.set(name, response.json());
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  function my(name: ReportName): Item {
    const item = reported.get(name);
    if (!item) throw new Error(`${name} was not reported`);
    return item;
  }

  async function get(params: Params | string, headers: Record<string, string> = {}) {
    const qs = typeof params === 'string' ? params : query(params);
    return app.inject({ url: `/api/v1/obstacles${qs ? `?${qs}` : ''}`, headers: { ...secretariat, ...headers } });
  }

  async function page(params: Params | string): Promise<ObstacleListResponse> {
    const response = await get(params);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  /** Every item of a query, walking the cursor; also returns the pages. */
  async function walk(params: Params, limit = 100): Promise<{ items: Item[]; pages: ObstacleListResponse[] }> {
    const pages: ObstacleListResponse[] = [];
    let cursor: string | null = null;
    do {
      const current: ObstacleListResponse = await page([
        ...params,
        ['limit', String(limit)],
        ...(cursor ? ([['cursor', cursor]] as Params) : []),
      ]);
      expect(current.items.length).toBeLessThanOrEqual(limit);
      pages.push(current);
      cursor = current.nextCursor;
      expect(pages.length).toBeLessThan(200);
    } while (cursor);
    return { items: pages.flatMap((p) => p.items), pages };
  }

  async function everything(): Promise<Item[]> {
    return (await walk([['facets', 'false']])).items;
  }

  async function seqOf(): Promise<Map<string, number>> {
    const rows = await database.db.selectFrom('obstacles').select(['id', 'seq']).execute();
    return new Map(rows.map((r) => [r.id, Number(r.seq)]));
  }

  it('has the dataset: the demo import with its statuses, and the reports', async () => {
    const all = await everything();
    expect(importedCount).toBe(34);
    expect(all).toHaveLength(importedCount + Object.keys(REPORTS).length);
    expect(new Set(ids(all)).size).toBe(all.length);
    expect(Object.keys(countFacets(all).status).length).toBeGreaterThanOrEqual(6);
  });

  describe('filters', () => {
    const cases: [string, Params, Filter][] = [
      ['status', [['status', 'analysis']], { status: ['analysis'] }],
      ['a comma list of statuses', [['status', 'solved,analysis']], { status: ['solved', 'analysis'] }],
      [
        'a repeated status',
        [
          ['status', 'solved'],
          ['status', 'analysis'],
        ],
        { status: ['solved', 'analysis'] },
      ],
      ['theme', [['theme', 'taxation']], { theme: ['taxation'] }],
      ['a comma list of themes', [['theme', 'taxation,healthcare']], { theme: ['taxation', 'healthcare'] }],
      [
        'a repeated theme',
        [
          ['theme', 'taxation'],
          ['theme', 'healthcare'],
        ],
        { theme: ['taxation', 'healthcare'] },
      ],
      [
        'a comma list and a repeat together',
        [
          ['theme', 'taxation,healthcare'],
          ['theme', 'environment'],
        ],
        { theme: ['taxation', 'healthcare', 'environment'] },
      ],
      ['segment', [['segment', 'nordic']], { segment: ['nordic'] }],
      ['a comma list of segments', [['segment', 'nl-vl, fr-de']], { segment: ['nl-vl', 'fr-de'] }],
      ['government', [['government', 'de']], { government: ['de'] }],
      ['governments', [['government', 'benelux,se']], { government: ['benelux', 'se'] }],
      ['type', [['type', 'infrastructure']], { type: ['infrastructure'] }],
      ['a comma list of types', [['type', 'other,information']], { type: ['other', 'information'] }],
      ['visibility', [['visibility', 'partners']], { visibility: ['partners'] }],
      [
        'repeated visibilities',
        [
          ['visibility', 'internal'],
          ['visibility', 'partners'],
        ],
        { visibility: ['internal', 'partners'] },
      ],
      [
        'theme AND status',
        [
          ['theme', 'taxation'],
          ['status', 'solved'],
        ],
        { theme: ['taxation'], status: ['solved'] },
      ],
      [
        'segment AND type AND visibility',
        [
          ['segment', 'nl-vl'],
          ['type', 'legal'],
          ['visibility', 'public'],
        ],
        { segment: ['nl-vl'], type: ['legal'], visibility: ['public'] },
      ],
      [
        'theme AND government',
        [
          ['theme', 'accessibility'],
          ['government', 'be'],
        ],
        { theme: ['accessibility'], government: ['be'] },
      ],
      [
        'two statuses AND a segment',
        [
          ['status', 'solved,reported'],
          ['segment', 'nordic'],
        ],
        { status: ['solved', 'reported'], segment: ['nordic'] },
      ],
      [
        'two themes AND two types',
        [
          ['theme', 'social_security,environment'],
          ['type', 'legal,other'],
        ],
        { theme: ['social_security', 'environment'], type: ['legal', 'other'] },
      ],
    ];

    it.each(cases)('%s: gives exactly the obstacles that match, with the right total', async (_label, params, filter) => {
      const all = await everything();
      const expected = all.filter((item) => matchesFilter(item, filter));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      const { items, pages } = await walk(params);
      expect(sortedIds(items)).toEqual(sortedIds(expected));
      expect(pages[0]?.total).toBe(expected.length);
    });

    it('ORs within a facet: a comma list gives the union of its values', async () => {
      const solved = (await walk([['status', 'solved']])).items;
      const analysis = (await walk([['status', 'analysis']])).items;
      const both = (await walk([['status', 'solved,analysis']])).items;
      expect(sortedIds(both)).toEqual([...ids(solved), ...ids(analysis)].sort());
    });

    it('gives an empty page (not an error) when nothing matches', async () => {
      const body = await page([['status', 'withdrawn']]);
      expect(body).toEqual({ items: [], nextCursor: null, total: 0, facets: { theme: {}, status: {}, segment: {}, type: {} } });
    });
  });

  describe('facets', () => {
    const cases: [string, Params, Filter | undefined][] = [
      ['no filter', [], {}],
      ['a single theme', [['theme', 'social_security']], { theme: ['social_security'] }],
      [
        'a theme and a status',
        [
          ['theme', 'accessibility'],
          ['status', 'selected'],
        ],
        { theme: ['accessibility'], status: ['selected'] },
      ],
      ['two themes (counted in SQL)', [['theme', 'taxation,environment']], { theme: ['taxation', 'environment'] }],
      ['a government', [['government', 'de']], { government: ['de'] }],
      [
        'a government and a theme',
        [
          ['government', 'nl'],
          ['theme', 'healthcare'],
        ],
        { government: ['nl'], theme: ['healthcare'] },
      ],
      ['a visibility', [['visibility', 'partners']], { visibility: ['partners'] }],
      [
        'a theme and a visibility',
        [
          ['theme', 'taxation'],
          ['visibility', 'public'],
        ],
        { theme: ['taxation'], visibility: ['public'] },
      ],
      [
        'a segment and a type',
        [
          ['segment', 'nl-vl'],
          ['type', 'legal'],
        ],
        { segment: ['nl-vl'], type: ['legal'] },
      ],
      ['a text search', [['q', 'grensarbeider']], undefined],
      [
        'a text search and a theme',
        [
          ['q', 'grensarbeider'],
          ['theme', 'taxation'],
        ],
        undefined,
      ],
    ];

    it.each(cases)(
      '%s: counts per theme, status, segment and type, and total, equal a recount',
      async (_label, params, filter) => {
        const first = await page(params);
        const { items } = await walk([...params, ['facets', 'false']]);
        expect(items.length).toBeGreaterThan(0);
        expect(first.facets).toEqual(countFacets(items));
        expect(first.total).toBe(items.length);
        if (filter) {
          const expected = (await everything()).filter((item) => matchesFilter(item, filter));
          expect(first.facets).toEqual(countFacets(expected));
        }
      },
    );

    describe('only what the caller may read, listed and counted', () => {
      const audiences = [
        ['the public', undefined, ['public']],
        ['a partner', 'partner', ['public', 'partners']],
        ['a decision maker', 'decision_maker', ['public', 'partners']],
        ['an observer', 'observer', ['public', 'partners']],
      ] as const;
      const queries: [string, Params][] = [
        ['no filter', []],
        ['a theme', [['theme', 'taxation']]],
        ['a text search', [['q', 'grensarbeider']]],
        ['an internal filter', [['visibility', 'internal']]],
        ['two visibilities', [['visibility', 'partners,internal']]],
      ];
      const rows = audiences.flatMap(([who, role, readable]) =>
        queries.map(([label, params]) => [who, label, role, readable, params] as const),
      );
      it.each(rows)('%s, %s', async (_who, _label, role, readable, params) => {
        const headers = role ? await bearer(database, role) : {};
        const answer = async (extra: Params) => {
          const response = await app.inject({ url: `/api/v1/obstacles?${query([...params, ...extra])}`, headers });
          expect(response.statusCode, response.body).toBe(200);
          return response.json() as ObstacleListResponse;
        };
        const seen = await answer([['limit', '100']]);
        // What the secretariat (who reads all) gets for the same query, narrowed to what this caller may read.
        const expected = (await walk([...params, ['facets', 'false']])).items.filter((item) =>
          (readable as readonly string[]).includes(item.visibility),
        );
        expect(ids(seen.items).sort()).toEqual(ids(expected).sort());
        expect(seen.total).toBe(expected.length);
        expect(seen.facets).toEqual(countFacets(expected));
        for (const item of seen.items) expect(readable).toContain(item.visibility);
      });

      it('has obstacles of every visibility to hide', async () => {
        const all = await everything();
        for (const visibility of ['public', 'partners', 'internal']) {
          expect(all.some((item) => item.visibility === visibility)).toBe(true);
        }
      });
    });

    it('are the same on every page of a walk', async () => {
      const { pages } = await walk([['theme', 'taxation,healthcare']], 3);
      expect(pages.length).toBeGreaterThan(1);
      for (const p of pages) {
        expect(p.facets).toEqual(pages[0]?.facets);
        expect(p.total).toBe(pages[0]?.total);
      }
    });

    it('facets=false gives facets: null and total: null', async () => {
      const body = await page([['facets', 'false']]);
      expect(body.facets).toBeNull();
      expect(body.total).toBeNull();
      expect(body.items.length).toBeGreaterThan(0);
    });

    it('facets=true is the default', async () => {
      expect(await page([['facets', 'true']])).toEqual(await page([]));
    });
  });

  describe('sort', () => {
    type Key = (item: Item, seq: number) => [string | number, number];
    const orders: [string, Key, 'asc' | 'desc'][] = [
      ['-updatedAt', (item, seq) => [item.updatedAt, seq], 'desc'],
      ['updatedAt', (item, seq) => [item.updatedAt, seq], 'asc'],
      ['-createdAt', (item, seq) => [item.createdAt, seq], 'desc'],
      ['createdAt', (item, seq) => [item.createdAt, seq], 'asc'],
      ['reference', (item) => [Number(item.reference.split('-')[1]) * 1e6 + Number(item.reference.split('-')[2]), 0], 'asc'],
      ['-reference', (item) => [Number(item.reference.split('-')[1]) * 1e6 + Number(item.reference.split('-')[2]), 0], 'desc'],
    ];

    async function expectedOrder(key: Key, direction: 'asc' | 'desc'): Promise<string[]> {
      const seqs = await seqOf();
      const keyed = (await everything()).map((item) => ({ id: item.id, key: key(item, seqs.get(item.id) ?? -1) }));
      keyed.sort((a, b) => {
        const c = a.key[0] < b.key[0] ? -1 : a.key[0] > b.key[0] ? 1 : a.key[1] - b.key[1];
        return direction === 'asc' ? c : -c;
      });
      return keyed.map((k) => k.id);
    }

    it.each(orders)('sort=%s orders every obstacle', async (sort, key, direction) => {
      const body = await page([
        ['sort', sort],
        ['limit', '100'],
      ]);
      expect(body.nextCursor).toBeNull();
      expect(ids(body.items)).toEqual(await expectedOrder(key, direction));
    });

    it('sorts by -updatedAt by default', async () => {
      const body = await page([['limit', '100']]);
      expect(ids(body.items)).toEqual(
        ids(
          (
            await page([
              ['limit', '100'],
              ['sort', '-updatedAt'],
            ])
          ).items,
        ),
      );
      const [, key, direction] = orders[0] ?? [];
      if (!key || !direction) throw new Error('no -updatedAt order');
      expect(ids(body.items)).toEqual(await expectedOrder(key, direction));
    });

    it('the dataset has obstacles that share a timestamp (so ties are tested)', async () => {
      const all = await everything();
      expect(new Set(all.map((i) => i.updatedAt)).size).toBeLessThan(all.length);
    });

    it('sorts by relevance when q is set, and by that by default', async () => {
      const byDefault = await page([['q', 'kwartelkoning']]);
      const explicit = await page([
        ['q', 'kwartelkoning'],
        ['sort', 'relevance'],
      ]);
      expect(ids(byDefault.items)).toEqual(ids(explicit.items));
      expect(ids(byDefault.items)[0]).toBe(my('titleMatch').id);
    });

    it('applies another sort to search results when asked', async () => {
      const body = await page([
        ['q', 'kwartelkoning'],
        ['sort', 'reference'],
      ]);
      const refs = body.items.map((i) => i.reference);
      expect(refs).toEqual([...refs].sort());
      expect(sortedIds(body.items)).toEqual(
        [my('titleMatch'), my('summaryMatch'), my('descriptionMatch')].map((i) => i.id).sort(),
      );
    });
  });

  describe('cursor pagination', () => {
    it.each(['-updatedAt', 'updatedAt', '-createdAt', 'createdAt', 'reference', '-reference'])(
      'sort=%s: walking with limit=3 gives every obstacle exactly once, in order',
      async (sort) => {
        const whole = await page([
          ['sort', sort],
          ['limit', '100'],
        ]);
        const { items, pages } = await walk(
          [
            ['sort', sort],
            ['facets', 'false'],
          ],
          3,
        );
        expect(ids(items)).toEqual(ids(whole.items));
        expect(new Set(ids(items)).size).toBe(items.length);
        expect(pages.length).toBe(Math.ceil(items.length / 3));
        for (const p of pages.slice(0, -1)) expect(p.items).toHaveLength(3);
        expect(pages.at(-1)?.nextCursor).toBeNull();
      },
    );

    it('sort=-updatedAt: a page boundary falls inside a group of equal timestamps', async () => {
      const { pages } = await walk(
        [
          ['sort', '-updatedAt'],
          ['facets', 'false'],
        ],
        3,
      );
      const straddles = pages.slice(0, -1).some((p, i) => p.items.at(-1)?.updatedAt === pages[i + 1]?.items[0]?.updatedAt);
      expect(straddles).toBe(true);
    });

    it('sort=relevance: walking with limit=3 gives every match exactly once, in order', async () => {
      const whole = await page([
        ['q', 'grensarbeider'],
        ['limit', '100'],
      ]);
      expect(whole.items.length).toBeGreaterThan(3);
      const { items } = await walk(
        [
          ['q', 'grensarbeider'],
          ['facets', 'false'],
        ],
        3,
      );
      expect(ids(items)).toEqual(ids(whole.items));
      expect(new Set(ids(items)).size).toBe(items.length);
    });

    it('walks a filtered list with limit=3', async () => {
      const params: Params = [
        ['theme', 'environment,taxation'],
        ['sort', 'createdAt'],
      ];
      const whole = await page([...params, ['limit', '100']]);
      expect(whole.items.length).toBeGreaterThan(6);
      const { items } = await walk([...params, ['facets', 'false']], 3);
      expect(ids(items)).toEqual(ids(whole.items));
    });

    it('walks with limit=1', async () => {
      const whole = await page([
        ['segment', 'nordic'],
        ['limit', '100'],
      ]);
      const { items } = await walk(
        [
          ['segment', 'nordic'],
          ['facets', 'false'],
        ],
        1,
      );
      expect(ids(items)).toEqual(ids(whole.items));
    });

    it('sort=relevance without q: the nextCursor of page 1 gives page 2', async () => {
      const first = await page([
        ['sort', 'relevance'],
        ['limit', '3'],
      ]);
      expect(first.nextCursor).not.toBeNull();
      const second = await get([
        ['sort', 'relevance'],
        ['limit', '3'],
        ['cursor', first.nextCursor ?? ''],
      ]);
      expect(second.statusCode, second.body).toBe(200);
    });
  });

  describe('bad input', () => {
    const cases: [string, string, string, string][] = [
      ['limit=0', 'limit=0', 'limit', 'too_small'],
      ['limit=101', 'limit=101', 'limit', 'too_big'],
      ['limit=abc', 'limit=abc', 'limit', 'invalid_type'],
      ['limit=1.5', 'limit=1.5', 'limit', 'invalid_type'],
      ['sort=bogus', 'sort=bogus', 'sort', 'invalid_value'],
      ['status=bogus', 'status=bogus', 'status.0', 'invalid_value'],
      ['status=solved,bogus', 'status=solved,bogus', 'status.1', 'invalid_value'],
      ['type=magic', 'type=magic', 'type.0', 'invalid_value'],
      ['visibility=everyone', 'visibility=everyone', 'visibility.0', 'invalid_value'],
      ['theme=unknown_theme', 'theme=unknown_theme', 'theme', 'unknown_key'],
      ['segment=zz', 'segment=zz', 'segment', 'unknown_key'],
      ['government=zz', 'government=zz', 'government', 'unknown_key'],
      ['facets=maybe', 'facets=maybe', 'facets', 'invalid_value'],
      ['an unknown parameter', 'colour=red', 'colour', 'unknown_field'],
      ['q over 200 characters', `q=${'a'.repeat(201)}`, 'q', 'too_long'],
    ];

    it.each(cases)('%s → 400 validation_failed naming the field', async (_label, qs, name, code) => {
      const response = await get(qs);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({ status: 400, code: 'validation_failed', detail: errorMessage('validation_failed', 'nl') });
      expect(problem.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name, code })]));
    });

    it('names the unknown key and explains it', async () => {
      const problem = (await get('theme=taxation,unknown_theme', { 'accept-language': 'en' })).json();
      expect(problem.invalidParams).toEqual([
        {
          name: 'theme',
          code: 'unknown_key',
          reason: fieldMessage({ name: 'theme', code: 'unknown_key', params: { value: 'unknown_theme' } }, 'en'),
        },
      ]);
      expect(problem.invalidParams[0].reason).toContain('unknown_theme');
    });

    it('names every wrong parameter at once', async () => {
      const problem = (await get('limit=0&sort=bogus&colour=red')).json();
      const names = problem.invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['limit', 'sort', 'colour']));
    });

    it('accepts a q of exactly 200 characters and limit=1 and limit=100', async () => {
      expect((await get(`q=${'a'.repeat(200)}`)).statusCode).toBe(200);
      expect((await get('limit=1')).statusCode).toBe(200);
      expect((await get('limit=100')).statusCode).toBe(200);
    });

    it.each([
      ['nl', 'nl'],
      ['fr', 'fr'],
      ['fr-BE,fr;q=0.9', 'fr'],
      ['de', 'de'],
      ['en', 'en'],
      ['en-GB', 'en'],
      ['es', 'nl'],
    ] as const)('explains in the Accept-Language language (%s → %s)', async (acceptLanguage, language: Language) => {
      const response = await get('limit=101', { 'accept-language': acceptLanguage });
      const problem = response.json();
      expect(problem.detail).toBe(errorMessage('validation_failed', language));
      expect(problem.invalidParams[0].reason).toBe(
        fieldMessage({ name: 'limit', code: 'too_big', params: { max: 100 } }, language),
      );
      expect(response.headers['content-language']).toBe(language);
    });

    const cursorFor = (payload: object) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');

    it.each([
      ['garbage', 'cursor=garbage', ''],
      ['not base64url', `cursor=${encodeURIComponent('a+b/c=')}`, ''],
      ['base64url of {"s":"-updatedAt"}', `cursor=${cursorFor({ s: '-updatedAt' })}`, ''],
      ['JSON that is not an object', `cursor=${cursorFor([1, 2])}`, ''],
      ['an unknown sort', `cursor=${cursorFor({ s: 'title', a: 'x', i: 1 })}`, ''],
      ['a date that is not a date', `cursor=${cursorFor({ s: '-updatedAt', a: 'yesterday', i: 1 })}`, ''],
      ['a negative seq', `cursor=${cursorFor({ s: '-updatedAt', a: '2030-03-01T09:00:00.000Z', i: -1 })}`, ''],
      ['a bad reference position', `sort=reference&cursor=${cursorFor({ s: 'reference', a: '2030-1', i: 1 })}`, ''],
      ['a negative relevance offset', `q=grensarbeider&cursor=${cursorFor({ s: 'relevance', o: -3 })}`, ''],
      ['a too large relevance offset', `q=grensarbeider&cursor=${cursorFor({ s: 'relevance', o: 10_001 })}`, ''],
      ['a relevance cursor without q', `cursor=${cursorFor({ s: 'relevance', o: 3 })}`, ''],
    ])('a malformed cursor (%s) → 400 invalid_cursor', async (_label, qs) => {
      for (const language of ['nl', 'fr', 'de', 'en'] as const) {
        const response = await get(qs, { 'accept-language': language });
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({
          code: 'invalid_cursor',
          status: 400,
          detail: errorMessage('invalid_cursor', language),
        });
      }
    });

    it('a cursor with a seq beyond 32 bits is refused or served, never a 500', async () => {
      for (const seq of [2 ** 31, 1e20]) {
        const response = await get(`cursor=${cursorFor({ s: '-updatedAt', a: '2030-03-01T09:00:00.000Z', i: seq })}`);
        expect([200, 400], `i=${seq}: ${response.body}`).toContain(response.statusCode);
      }
    });

    it('a cursor made for another sort → 400 invalid_cursor', async () => {
      const byReference = await page([
        ['sort', 'reference'],
        ['limit', '3'],
      ]);
      const cursor = byReference.nextCursor ?? '';
      expect(cursor).not.toBe('');
      for (const other of ['-reference', '-updatedAt', 'createdAt']) {
        const response = await get([
          ['sort', other],
          ['cursor', cursor],
        ]);
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('invalid_cursor');
      }
      // No sort given: the default (-updatedAt) is not the cursor's sort either.
      const response = await get([['cursor', cursor]], { 'accept-language': 'de' });
      expect(response.json()).toMatchObject({ code: 'invalid_cursor', detail: errorMessage('invalid_cursor', 'de') });
    });

    it('a -updatedAt cursor used for a search (sorted by relevance) → 400 invalid_cursor', async () => {
      const first = await page([['limit', '3']]);
      const response = await get([
        ['q', 'grensarbeider'],
        ['cursor', first.nextCursor ?? ''],
      ]);
      expect(response.json().code).toBe('invalid_cursor');
    });
  });

  describe('full-text search', () => {
    async function search(q: string, extra: Params = []): Promise<Item[]> {
      return (await walk([['q', q], ...extra])).items;
    }

    it.each([
      ['grensarbeider', 'workers', 'the title says “Grensarbeiders”'],
      ['Grenzgänger', 'grenzgaengern', 'the German title says “Grenzgängern”'],
      ['frontaliers', 'frontalier', 'the French title says “frontalier”'],
      ['ziekteverzekering', 'workers', 'the title says “ziekteverzekeringen”'],
      ['frontalieres', 'frontalieres', 'the title says “frontalières”'],
      ['frontalières', 'frontalieres', 'with the accent as well'],
      ['Grenzganger', 'grenzgaenger', 'the title says “Grenzgänger”'],
      ['GRENSARBEIDERS', 'workers', 'in any case'],
      ['kwartelkoning', 'descriptionMatch', 'a word only in the description'],
    ] as const)('q=%s finds %s (%s)', async (q, name, _why) => {
      expect(ids(await search(q))).toContain(my(name).id);
    });

    it('finds a demo obstacle by a word of its Dutch title, stemmed', async () => {
      const found = await search('thuiswerkdag');
      expect(found.map((i) => i.text.title?.value)).toEqual(expect.arrayContaining([expect.stringMatching(/^Thuiswerkdagen/)]));
    });

    it('requires every word of a multi-word query', async () => {
      expect(sortedIds(await search('kwartelkoning'))).toEqual(
        [my('titleMatch'), my('summaryMatch'), my('descriptionMatch')].map((i) => i.id).sort(),
      );
      expect(sortedIds(await search('boomvalk'))).toEqual([my('summaryMatch'), my('falconOnly')].map((i) => i.id).sort());
      expect(ids(await search('kwartelkoning boomvalk'))).toEqual([my('summaryMatch').id]);
      expect(ids(await search('boomvalk, kwartelkoning!'))).toEqual([my('summaryMatch').id]);
      expect(await search('kwartelkoning pensioenleeftijd')).toEqual([]);
    });

    it('ranks a title match above a summary match above a description-only match', async () => {
      const found = ids(await search('kwartelkoning'));
      expect(found).toEqual([my('titleMatch').id, my('summaryMatch').id, my('descriptionMatch').id]);
    });

    it('returns no items for a query of only punctuation (not everything)', async () => {
      for (const q of ['!!!', '...', '-- ?? --', '«»', '%']) {
        const body = await page([['q', q]]);
        expect(body, q).toEqual({
          items: [],
          nextCursor: null,
          total: 0,
          facets: { theme: {}, status: {}, segment: {}, type: {} },
        });
      }
    });

    it('treats a q of only spaces as no query', async () => {
      const blank = await page([
        ['q', '   '],
        ['limit', '100'],
      ]);
      const none = await page([['limit', '100']]);
      expect(ids(blank.items)).toEqual(ids(none.items));
    });

    it('finds nothing for a word that is nowhere', async () => {
      const body = await page([['q', 'zwavelzuurfabriek']]);
      expect(body.items).toEqual([]);
      expect(body.total).toBe(0);
    });

    it.each([
      ['grensarbeider', [['theme', 'social_security']], { theme: ['social_security'] }],
      ['grensarbeider', [['segment', 'nl-vl']], { segment: ['nl-vl'] }],
      ['Grenzgänger', [['visibility', 'internal']], { visibility: ['internal'] }],
      ['kwartelkoning', [['type', 'other,information']], { type: ['other', 'information'] }],
      [
        'grensarbeider',
        [
          ['status', 'reported'],
          ['government', 'be'],
        ],
        { status: ['reported'], government: ['be'] },
      ],
    ] as [string, Params, Filter][])('combines q=%s with filters %j', async (q, filters, filter) => {
      const unfiltered = await search(q);
      const expected = unfiltered.filter((item) => matchesFilter(item, filter));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(unfiltered.length);
      const found = await search(q, filters);
      expect(ids(found)).toEqual(ids(expected));
    });

    it('finds an obstacle by a word in its municipalities and affected groups', async () => {
      expect(ids(await search('Maastricht'))).toContain(my('liege').id);
    });

    it('finds accented words of the municipalities and affected groups, accents ignored', async () => {
      for (const q of ['Liège', 'Liege', 'ambulancières', 'ambulancieres']) {
        expect(ids(await search(q)), q).toContain(my('liege').id);
      }
    });

    it('q=Øresund finds the demo obstacle that says “Øresund” (in its description)', async () => {
      const found = await search('Øresund');
      expect(found).toHaveLength(1);
      const full = await app.inject({ url: `/api/v1/obstacles/${found[0]?.id}`, headers: secretariat });
      expect(full.json().description.en).toContain('Øresund');
      expect(ids(await search('øresund'))).toEqual(ids(found));
    });

    it('finds an obstacle by its reference', async () => {
      const item = my('falconOnly');
      expect(ids(await search(item.reference))).toEqual([item.id]);
    });
  });

  describe('personal data', () => {
    it('the list never contains a reporter’s name, e-mail or phone', async () => {
      const responses = await Promise.all([
        get('limit=100'),
        get('limit=100&q=grensarbeider'),
        get('limit=100&visibility=partners,internal'),
      ]);
      for (const response of responses) {
        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain('Zonderland');
        expect(response.body).not.toContain('w.zonderland@example.org');
        expect(response.body).not.toContain('1234 5678');
        for (const item of response.json().items as Item[]) {
          expect(Object.keys(item.reporter).sort()).toEqual(['organisation', 'type']);
        }
      }
    });

    it('a search for a reporter’s name or e-mail finds nothing', async () => {
      for (const q of ['Zonderland', 'Wilhelmina', 'w.zonderland@example.org']) {
        expect((await page([['q', q]])).items, q).toEqual([]);
      }
    });
  });

  // Runs last: it changes obstacles (and so the counts every other test recomputes anyway).
  describe('facet counts after PATCH', () => {
    async function patch(item: Item, body: object): Promise<Item> {
      const current = await app.inject({ url: `/api/v1/obstacles/${item.id}`, headers: secretariat });
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${item.id}`,
        payload: body,
        headers: { 'if-match': current.headers.etag ?? '', ...secretariat },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    }

    const queries: Params[] = [
      [],
      [['theme', 'environment']],
      [['theme', 'pfas']],
      [['theme', 'nitrogen']],
      [['theme', 'governance']],
      [
        ['theme', 'environment'],
        ['visibility', 'internal'],
      ],
      [['visibility', 'internal']],
      [['visibility', 'public']],
      [['segment', 'fr-es']],
      [
        ['segment', 'nl-vl'],
        ['type', 'infrastructure'],
      ],
      [['type', 'other']],
      [['theme', 'environment,nitrogen']],
      [['government', 'es']],
      [['q', 'kwartelkoning']],
    ];

    async function expectCountsRight(): Promise<void> {
      const all = await everything();
      for (const params of queries) {
        const first = await page(params);
        const { items } = await walk([...params, ['facets', 'false']]);
        expect(first.facets, JSON.stringify(params)).toEqual(countFacets(items));
        expect(first.total, JSON.stringify(params)).toBe(items.length);
      }
      const whole = await page([]);
      expect(whole.total).toBe(all.length);
      expect(whole.facets).toEqual(countFacets(all));
    }

    it('stay right after changes of themes, segment, type and visibility', async () => {
      await expectCountsRight();

      // themes: replaced, grown, shrunk, reordered
      await patch(my('titleMatch'), { themes: ['nitrogen', 'environment'] });
      await patch(my('descriptionMatch'), { themes: ['governance'] });
      await patch(my('falconOnly'), { themes: ['environment', 'pfas', 'nitrogen'] });
      await expectCountsRight();
      await patch(my('falconOnly'), { themes: ['nitrogen', 'pfas', 'environment'] });
      await expectCountsRight();

      // segment (with its governments), type, visibility
      await patch(my('summaryMatch'), { segment: 'fr-es' });
      await patch(my('governments'), { type: 'other' });
      await patch(my('titleMatch'), { visibility: 'internal' });
      await expectCountsRight();

      // all at once, and back again
      const before = my('liege');
      await patch(before, { themes: ['environment'], segment: 'fr-es', type: 'infrastructure', visibility: 'internal' });
      await expectCountsRight();
      await patch(before, {
        themes: [...before.themes],
        segment: before.segment,
        type: before.type,
        visibility: before.visibility,
      });
      await expectCountsRight();
    });

    it('a PATCH that changes nothing changes no count', async () => {
      const item = my('frontalier');
      const before = await page([]);
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${item.id}`,
        payload: { themes: item.themes, segment: item.segment },
        headers: { 'if-match': '"1"', ...secretariat },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().version).toBe(1);
      const after = await page([]);
      expect(after.facets).toEqual(before.facets);
      expect(after.total).toBe(before.total);
    });

    it('a PATCH moves the obstacle up in -updatedAt, among the latest changed', async () => {
      const item = my('grenzgaenger');
      const changed = await patch(item, { type: 'legal' });
      expect(changed.updatedAt > item.updatedAt).toBe(true);
      const list = (await page([['limit', '100']])).items;
      const position = ids(list).indexOf(item.id);
      // Only obstacles changed at the same clock minute may come before it (the clock ticks every fourth reading).
      for (const before of list.slice(0, position)) expect(before.updatedAt).toBe(changed.updatedAt);
      expect(list[position]?.updatedAt).toBe(changed.updatedAt);
    });
  });
});
