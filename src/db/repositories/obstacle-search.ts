import { type CompiledQuery, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { INTAKE_STATUSES } from '../../core/obstacles/obstacle.js';
import type {
  Cursor,
  FacetCounts,
  ObstacleFilter,
  ObstaclePage,
  ObstacleQuery,
  ObstacleSearch,
  Sort,
} from '../../core/obstacles/ports.js';
import { analyzeQuery } from '../../core/search/analyzer.js';
import type { DB } from '../schema.js';
import { FacetIndex } from '../search/facet-index.js';
import type { SearchCapability } from '../search/search-capability.js';
import type { SqliteReadModel } from '../search/sqlite-read-model.js';
import { type ReadPool, unpackMatches } from '../search/sqlite-read-pool.js';
import { LIST_COLUMNS, type ListRow, toSummary } from './obstacle-repository.js';

type From = DB & { o: DB['obstacles']; m: { seq: number; score: number } };
type Eb = ExpressionBuilder<From, 'o'>;

/** The cursor of the page after the one that ends with `last`. */
function cursorAfter(sort: Sort, last: ListRow, nextOffset: number): Cursor {
  switch (sort) {
    case 'relevance':
      return { sort, offset: nextOffset };
    case '-updatedAt':
    case 'updatedAt':
      return { sort, after: last.updated_at, seq: Number(last.seq) };
    case '-createdAt':
    case 'createdAt':
      return { sort, after: last.created_at, seq: Number(last.seq) };
    case 'reference':
    case '-reference':
      return { sort, after: `${last.ref_year}:${last.ref_number}`, seq: Number(last.seq) };
    case 'clarificationDue':
    case '-clarificationDue':
      return { sort, after: last.clarification_due, seq: Number(last.seq) };
  }
}

/** The intake clock's filter or order: answered in SQL on both dialects (the SQLite read model does not index the date). */
function usesClarification(query: ObstacleQuery): boolean {
  return query.clarificationDueBefore !== undefined || query.sort.endsWith('clarificationDue');
}

/**
 * Lists that answer in SQL on both dialects: the intake clock's, and a department's (what is
 * routed to it joins `obstacle_routings`, which the SQLite read model does not hold).
 */
function answeredInSql(query: ObstacleQuery): boolean {
  return usesClarification(query) || query.routedTo !== undefined;
}

function isFiltered(filter: ObstacleFilter): boolean {
  return Boolean(
    filter.status?.length ||
      filter.segment?.length ||
      filter.type?.length ||
      filter.visibility?.length ||
      filter.theme?.length ||
      filter.government?.length,
  );
}

function emptyFacets(): FacetCounts {
  return { theme: {}, status: {}, segment: {}, type: {} };
}

function add(counts: Record<string, number>, key: string, n: number): void {
  if (n > 0) counts[key] = (counts[key] ?? 0) + n;
}

/** The conditions of a filter on `obstacles o`, without the text query. */
function filterConditions(eb: Eb, filter: ObstacleFilter): ReturnType<Eb['and']> {
  const conditions = [];
  if (filter.status?.length) conditions.push(eb('o.status', 'in', filter.status));
  if (filter.clarificationDueBefore !== undefined) {
    conditions.push(eb('o.status', 'in', [...INTAKE_STATUSES]));
    conditions.push(eb('o.clarification_due', '<', filter.clarificationDueBefore));
  }
  if (filter.segment?.length) conditions.push(eb('o.segment_key', 'in', filter.segment));
  if (filter.type?.length) conditions.push(eb('o.type', 'in', filter.type));
  const routed = filter.routedTo;
  if (routed) {
    // What the caller reads by visibility, or what is routed to its organisation (of the visibilities it asked for).
    const routedHere = eb.and([
      eb('o.visibility', 'in', routed.visibility),
      eb.exists(
        eb
          .selectFrom('obstacle_routings as fr')
          .select(sql`1`.as('one'))
          .whereRef('fr.obstacle_id', '=', 'o.id')
          .where('fr.organisation_key', '=', routed.organisation)
          .where('fr.ended_at', 'is', null),
      ),
    ]);
    conditions.push(filter.visibility?.length ? eb.or([eb('o.visibility', 'in', filter.visibility), routedHere]) : routedHere);
  } else if (filter.visibility?.length) conditions.push(eb('o.visibility', 'in', filter.visibility));
  const themes = filter.theme;
  if (themes?.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('obstacle_themes as ft')
          .select(sql`1`.as('one'))
          .whereRef('ft.obstacle_seq', '=', 'o.seq')
          .where('ft.theme_key', 'in', themes),
      ),
    );
  }
  const governments = filter.government;
  if (governments?.length) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('obstacle_governments as fg')
          .select(sql`1`.as('one'))
          .whereRef('fg.obstacle_seq', '=', 'o.seq')
          .where('fg.government_key', 'in', governments),
      ),
    );
  }
  return eb.and(conditions);
}

/** The sort key of an in-memory ordering and its direction. */
type MemorySort = { key: (i: number) => number; direction: 1 | -1 };

/**
 * Lists and searches obstacles. Pages come from SQL that runs on SQLite and PostgreSQL alike.
 * Facet counts and text search are named capabilities of each dialect:
 * - SQLite (with its read model): facets from the in-memory FacetIndex; a text search is one
 *   FTS5 pass on a worker thread that returns every match with its score, which is then
 *   filtered, counted and ordered here against the index.
 * - PostgreSQL: facets from the count tables when the filter allows (no text, no government,
 *   at most one theme), else GROUP BY over the filtered set; text search in SQL.
 */
export class KyselyObstacleSearch implements ObstacleSearch {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly search: SearchCapability,
    private readonly sqlite?: {
      readModel: SqliteReadModel;
      readPool?: ReadPool;
      ftsMatches: (terms: string[][]) => CompiledQuery<unknown>;
    },
  ) {}

  async list(query: ObstacleQuery): Promise<ObstaclePage> {
    const terms = query.q ? analyzeQuery(query.q) : [];
    const match = this.search.match(terms);
    const hasText = query.q !== undefined && query.q.trim() !== '';
    if (hasText && !match) {
      // A query of only punctuation matches nothing rather than everything.
      return { items: [], nextCursor: null, facets: query.facets ? emptyFacets() : null, total: query.facets ? 0 : null };
    }
    if (this.sqlite && !answeredInSql(query)) {
      const { readModel } = this.sqlite;
      if (terms.length > 0) return this.searchInMemory(query, terms);
      if (isFiltered(query)) return this.filterInMemory(query);
      const base = (this.db.selectFrom('obstacles as o') as unknown as SelectQueryBuilder<From, 'o' | 'm', object>).where((eb) =>
        filterConditions(eb as unknown as Eb, query),
      );
      const page = await this.page(base, query, false);
      const facets = query.facets ? readModel.facets(query) : null;
      return { ...page, facets: facets?.counts ?? null, total: facets?.total ?? null };
    }

    let base = this.db.selectFrom('obstacles as o') as unknown as SelectQueryBuilder<From, 'o' | 'm', object>;
    if (match) base = base.innerJoin(match.source.as('m'), 'm.seq', 'o.seq');
    base = base.where((eb) => filterConditions(eb as unknown as Eb, query));

    const [items, facets] = await Promise.all([
      this.page(base, query, match !== undefined),
      query.facets ? this.facets(base, query, match !== undefined) : Promise.resolve(null),
    ]);
    return { ...items, facets: facets?.counts ?? null, total: facets?.total ?? null };
  }

  private async page(
    base: SelectQueryBuilder<From, 'o' | 'm', object>,
    query: ObstacleQuery,
    hasMatch: boolean,
  ): Promise<Pick<ObstaclePage, 'items' | 'nextCursor'>> {
    const sort = query.sort === 'relevance' && !hasMatch ? '-updatedAt' : query.sort;
    const cursor = query.cursor;
    let q = base.select(LIST_COLUMNS);
    let offset = 0;
    switch (sort) {
      case 'relevance':
        q = q.orderBy('m.score', 'desc').orderBy('o.seq', 'desc');
        if (cursor?.sort === 'relevance') offset = cursor.offset;
        break;
      case '-updatedAt':
      case 'updatedAt':
      case '-createdAt':
      case 'createdAt': {
        const column = sort.endsWith('updatedAt') ? 'o.updated_at' : 'o.created_at';
        const direction = sort.startsWith('-') ? 'desc' : 'asc';
        const op = direction === 'desc' ? '<' : '>';
        if (cursor && cursor.sort === sort) {
          const after = String(cursor.after);
          q = q.where((eb) => eb.or([eb(column, op, after), eb.and([eb(column, '=', after), eb('o.seq', op, cursor.seq)])]));
        }
        q = q.orderBy(column, direction).orderBy('o.seq', direction);
        break;
      }
      case 'reference':
      case '-reference': {
        const direction = sort === 'reference' ? 'asc' : 'desc';
        const op = direction === 'desc' ? '<' : '>';
        if (cursor && cursor.sort === sort) {
          const [year, number] = String(cursor.after).split(':').map(Number) as [number, number];
          q = q.where((eb) =>
            eb.or([eb('o.ref_year', op, year), eb.and([eb('o.ref_year', '=', year), eb('o.ref_number', op, number)])]),
          );
        }
        q = q.orderBy('o.ref_year', direction).orderBy('o.ref_number', direction);
        break;
      }
      case 'clarificationDue':
      case '-clarificationDue': {
        const direction = sort === 'clarificationDue' ? 'asc' : 'desc';
        const op = direction === 'desc' ? '<' : '>';
        if (cursor && cursor.sort === sort) {
          const after = String(cursor.after);
          q = q.where((eb) =>
            eb.or([
              eb('o.clarification_due', op, after),
              eb.and([eb('o.clarification_due', '=', after), eb('o.seq', op, cursor.seq)]),
            ]),
          );
        }
        q = q.orderBy('o.clarification_due', direction).orderBy('o.seq', direction);
        break;
      }
    }
    const limited = q.limit(query.limit + 1).offset(offset);
    const rows = (await limited.execute()) as unknown as ListRow[];
    const more = rows.length > query.limit;
    const pageRows = more ? rows.slice(0, query.limit) : rows;
    const items = pageRows.map(toSummary);
    const last = pageRows.at(-1);
    const nextCursor = more && last ? cursorAfter(sort, last, offset + query.limit) : null;
    return { items, nextCursor };
  }

  private async facets(
    base: SelectQueryBuilder<From, 'o' | 'm', object>,
    query: ObstacleQuery,
    hasMatch: boolean,
  ): Promise<{ counts: FacetCounts; total: number }> {
    if (
      !hasMatch &&
      !query.government?.length &&
      (query.theme?.length ?? 0) <= 1 &&
      query.clarificationDueBefore === undefined &&
      query.routedTo === undefined
    )
      return this.facetsFromCounts(query);
    const counts = emptyFacets();
    const [status, segment, type, theme, total] = await Promise.all([
      base
        .select(['o.status as key', (eb) => eb.fn.countAll().as('n')])
        .groupBy('o.status')
        .execute(),
      base
        .select(['o.segment_key as key', (eb) => eb.fn.countAll().as('n')])
        .groupBy('o.segment_key')
        .execute(),
      base
        .select(['o.type as key', (eb) => eb.fn.countAll().as('n')])
        .groupBy('o.type')
        .execute(),
      base
        .innerJoin('obstacle_themes as t', 't.obstacle_seq', 'o.seq')
        .select(['t.theme_key as key', (eb) => eb.fn.countAll().as('n')])
        .groupBy('t.theme_key')
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    for (const [facet, rows] of [
      ['status', status],
      ['segment', segment],
      ['type', type],
      ['theme', theme],
    ] as const) {
      for (const row of rows) add(counts[facet], String(row.key), Number(row.n));
    }
    return { counts, total: Number(total?.n ?? 0) };
  }

  /** A text search on SQLite: one FTS5 pass, then filters, facets and order against the index. */
  private async searchInMemory(query: ObstacleQuery, terms: string[][]): Promise<ObstaclePage> {
    const sqlite = this.sqlite as NonNullable<KyselyObstacleSearch['sqlite']>;
    const compiled = sqlite.ftsMatches(terms);
    const [seqs, scores] = sqlite.readPool
      ? await sqlite.readPool.packedMatches(compiled)
      : unpackMatches(
          ((await this.db.executeQuery(compiled)).rows[0] as { packed: Uint8Array | null } | undefined)?.packed ?? null,
        );
    const index = sqlite.readModel.index;
    const bits = isFiltered(query) ? index.match(query) : undefined;
    const kept: number[] = [];
    for (let i = 0; i < seqs.length; i++) {
      if (!bits || FacetIndex.contains(bits, seqs[i] as number)) kept.push(i);
    }
    const facets = query.facets ? index.countSeqs(kept.map((i) => seqs[i] as number)) : null;
    return this.memoryPage(query, index, seqs, scores, kept, facets);
  }

  /** A filtered list on SQLite: the matching set from the index's bitsets, ordered there too. */
  private async filterInMemory(query: ObstacleQuery): Promise<ObstaclePage> {
    const sqlite = this.sqlite as NonNullable<KyselyObstacleSearch['sqlite']>;
    const index = sqlite.readModel.index;
    const bits = index.match(query);
    const seqList: number[] = [];
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] as number;
      while (word !== 0) {
        seqList.push((w << 5) | (31 - Math.clz32(word & -word)));
        word &= word - 1;
      }
    }
    const seqs = Float64Array.from(seqList);
    const facets = query.facets ? index.countSeqs(seqList) : null;
    return this.memoryPage(
      query.sort === 'relevance' ? { ...query, sort: '-updatedAt' } : query,
      index,
      seqs,
      new Float64Array(seqs.length),
      seqList.map((_, i) => i),
      facets,
    );
  }

  /** Orders candidates (indices into seqs) by the query's sort, applies the cursor, and reads the page's rows. */
  private async memoryPage(
    query: ObstacleQuery,
    index: FacetIndex,
    seqs: Float64Array,
    scores: Float64Array,
    kept: number[],
    facets: { counts: FacetCounts; total: number } | null,
  ): Promise<ObstaclePage> {
    const sort = query.sort;
    const seqOf = (i: number) => seqs[i] as number;
    // The sort key of every candidate, read once into an array: comparisons then touch no index.
    let keys: Float64Array = scores;
    if (sort !== 'relevance') {
      const which = sort.endsWith('updatedAt') ? 'updated' : sort.endsWith('createdAt') ? 'created' : 'reference';
      keys = new Float64Array(seqs.length);
      for (const i of kept) keys[i] = index.sortKey(seqs[i] as number, which);
    }
    const order: MemorySort = { key: (i) => keys[i] as number, direction: sort === 'relevance' || sort.startsWith('-') ? -1 : 1 };
    const direction = order.direction;
    const compare = (a: number, b: number) =>
      direction * ((keys[a] as number) - (keys[b] as number)) || direction * ((seqs[a] as number) - (seqs[b] as number));

    let candidates = kept;
    let offset = 0;
    const cursor = query.cursor;
    if (cursor?.sort === 'relevance') offset = cursor.offset;
    else if (cursor && cursor.sort === sort) {
      const after = sort.endsWith('reference')
        ? (([year, number]) => (year as number) * 10_000_000 + (number as number))(String(cursor.after).split(':').map(Number))
        : Date.parse(String(cursor.after));
      candidates = kept.filter((i) => {
        const delta = order.direction * (order.key(i) - after) || order.direction * (seqOf(i) - cursor.seq);
        return delta > 0;
      });
    }
    const top = topK(candidates, offset + query.limit + 1, compare, order.key, direction).slice(offset);
    const more = top.length > query.limit;
    const pageIndices = top.slice(0, query.limit);
    const pageSeqs = pageIndices.map(seqOf);
    const rows = pageSeqs.length
      ? ((await this.db
          .selectFrom('obstacles as o')
          .select(LIST_COLUMNS)
          .where('o.seq', 'in', pageSeqs)
          .execute()) as unknown as ListRow[])
      : [];
    const bySeq = new Map(rows.map((row) => [Number(row.seq), row]));
    const ordered = pageSeqs.flatMap((seq) => {
      const row = bySeq.get(seq);
      return row ? [row] : [];
    });
    const last = ordered.at(-1);
    const nextCursor = more && last ? cursorAfter(sort, last, offset + query.limit) : null;
    return { items: ordered.map(toSummary), nextCursor, facets: facets?.counts ?? null, total: facets?.total ?? null };
  }

  private async facetsFromCounts(query: ObstacleQuery): Promise<{ counts: FacetCounts; total: number }> {
    const theme = query.theme?.[0];
    const restrict = <T extends SelectQueryBuilder<DB, 'obstacle_counts' | 'obstacle_theme_counts', object>>(q: T): T => {
      let r = q as SelectQueryBuilder<DB, 'obstacle_counts', object>;
      if (query.status?.length) r = r.where('status', 'in', query.status);
      if (query.segment?.length) r = r.where('segment_key', 'in', query.segment);
      if (query.type?.length) r = r.where('type', 'in', query.type);
      if (query.visibility?.length) r = r.where('visibility', 'in', query.visibility);
      return r.where('n', '>', 0) as unknown as T;
    };
    const cells = theme
      ? restrict(
          this.db
            .selectFrom('obstacle_theme_counts')
            .select(['status', 'segment_key', 'type', 'n'])
            .where('filter_theme', '=', '*')
            .where('theme_key', '=', theme),
        ).execute()
      : restrict(this.db.selectFrom('obstacle_counts').select(['status', 'segment_key', 'type', 'n'])).execute();
    const themeCells = restrict(
      this.db
        .selectFrom('obstacle_theme_counts')
        .select(['theme_key', 'n'])
        .where('filter_theme', '=', theme ?? '*'),
    ).execute();
    const counts = emptyFacets();
    let total = 0;
    for (const cell of await cells) {
      const n = Number(cell.n);
      total += n;
      add(counts.status, cell.status, n);
      add(counts.segment, cell.segment_key, n);
      add(counts.type, cell.type, n);
    }
    for (const cell of await themeCells) add(counts.theme, cell.theme_key, Number(cell.n));
    return { counts, total };
  }
}

/**
 * The first k items of `items` in the order of `compare`, without sorting all of them: with a
 * numeric key per item, the k-th key is found with a native typed-array sort, and only the items
 * on the right side of it are sorted with `compare`.
 */
export function topK(
  items: number[],
  k: number,
  compare: (a: number, b: number) => number,
  key?: (item: number) => number,
  direction: 1 | -1 = 1,
): number[] {
  if (items.length <= k || items.length <= 500 || !key) return [...items].sort(compare).slice(0, k);
  const keys = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) keys[i] = direction * key(items[i] as number);
  keys.sort();
  const threshold = keys[k - 1] as number;
  const near = items.filter((item) => direction * key(item) <= threshold);
  return near.sort(compare).slice(0, k);
}
