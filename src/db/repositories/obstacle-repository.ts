import {
  type CompiledQuery,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  SqliteAdapter,
  sql,
  type Transaction,
} from 'kysely';
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import {
  type Analysis,
  type Channel,
  emptyAnalysis,
  type Obstacle,
  type ObstacleLink,
  type ObstacleStatus,
  type ObstacleSummary,
  type ObstacleType,
  type Visibility,
} from '../../core/obstacles/obstacle.js';
import type { ObstacleAccessFacts, ObstacleRepository } from '../../core/obstacles/ports.js';
import { analyzeForIndex, analyzeLocalized } from '../../core/search/analyzer.js';
import type { Language } from '../../core/shared/language.js';
import type { DB, ObstacleTable } from '../schema.js';
import type { SearchCapability, SearchDocument } from '../search/search-capability.js';
import { adjustFacetCounts, type FacetKey } from './facet-counts.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type ObstacleRow = Selectable<Omit<ObstacleTable, 'search_vector'>>;

/** The columns a list item is read from: fewer, so a page of 50 decodes fast. */
export const LIST_COLUMNS = [
  'o.seq',
  'o.id',
  'o.reference',
  'o.title',
  'o.summary',
  'o.source_language',
  'o.status',
  'o.visibility',
  'o.type',
  'o.segment_key',
  'o.version',
  'o.created_at',
  'o.updated_at',
  'o.reporter',
  'o.themes',
  'o.governments',
  'o.ref_year',
  'o.ref_number',
  'o.reported_on',
  'o.clarification_due',
] as const;

/** The columns an obstacle is read from: a list item's and the rest of the record (never `search_vector`, the index's own). */
export const OBSTACLE_COLUMNS = [
  ...LIST_COLUMNS,
  'o.description',
  'o.affected_groups',
  'o.reporter_organisation_key',
  'o.channel',
  'o.reported_on',
  'o.regions',
  'o.municipalities',
  'o.estimated_affected',
  'o.evidence',
  'o.provisions',
  'o.analysis',
  'o.co_reporters',
  'o.status_reason',
  'o.referred_to',
  'o.merged_into',
] as const;

export type ListRow = Pick<
  ObstacleRow,
  | 'seq'
  | 'id'
  | 'reference'
  | 'title'
  | 'summary'
  | 'source_language'
  | 'status'
  | 'visibility'
  | 'type'
  | 'segment_key'
  | 'version'
  | 'created_at'
  | 'updated_at'
  | 'reporter'
  | 'themes'
  | 'governments'
  | 'ref_year'
  | 'ref_number'
  | 'reported_on'
  | 'clarification_due'
>;

/** Maps a list row to a list item; of the reporter only the type and organisation leave the database layer. */
export function toSummary(row: ListRow): ObstacleSummary {
  const reporter = JSON.parse(row.reporter) as Obstacle['reporter'];
  return {
    id: row.id,
    reference: row.reference,
    title: JSON.parse(row.title),
    summary: JSON.parse(row.summary),
    sourceLanguage: row.source_language as Language,
    status: row.status as ObstacleStatus,
    visibility: row.visibility as Visibility,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    reporter: reporter.organisation ? { type: reporter.type, organisation: reporter.organisation } : { type: reporter.type },
    segment: row.segment_key,
    governments: JSON.parse(row.governments),
    themes: JSON.parse(row.themes),
    type: row.type as ObstacleType,
    reportedOn: row.reported_on,
    clarificationDue: row.clarification_due,
  };
}

function toAnalysis(text: string): Analysis {
  const stored = JSON.parse(text) as Partial<Analysis>;
  const empty = emptyAnalysis();
  return {
    description: stored.description ?? empty.description,
    solutions: stored.solutions ?? empty.solutions,
    derogation: stored.derogation ?? empty.derogation,
    otherAspects: stored.otherAspects ?? empty.otherAspects,
    references: stored.references ?? empty.references,
  };
}

/** Maps a stored row to the domain record (repositories never hand out rows). */
export function toRecord(row: ObstacleRow): Omit<Obstacle, 'links' | 'mergedInto'> & { mergedInto: string | null } {
  return {
    id: row.id,
    reference: row.reference,
    title: JSON.parse(row.title),
    summary: JSON.parse(row.summary),
    description: JSON.parse(row.description),
    sourceLanguage: row.source_language as Language,
    status: row.status as ObstacleStatus,
    visibility: row.visibility as Visibility,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    reporter: JSON.parse(row.reporter),
    channel: row.channel as Channel,
    reportedOn: row.reported_on,
    clarificationDue: row.clarification_due,
    segment: row.segment_key,
    governments: JSON.parse(row.governments),
    regions: JSON.parse(row.regions),
    municipalities: JSON.parse(row.municipalities),
    affectedGroups: JSON.parse(row.affected_groups),
    estimatedAffected: row.estimated_affected === null ? null : Number(row.estimated_affected),
    evidence: JSON.parse(row.evidence),
    themes: JSON.parse(row.themes),
    type: row.type as ObstacleType,
    provisions: JSON.parse(row.provisions),
    coReporters: JSON.parse(row.co_reporters),
    analysis: toAnalysis(row.analysis),
    statusReason: row.status_reason,
    referredTo: row.referred_to,
    mergedInto: row.merged_into,
  };
}

function toColumns(o: Obstacle) {
  return {
    title: JSON.stringify(o.title),
    summary: JSON.stringify(o.summary),
    description: JSON.stringify(o.description),
    affected_groups: JSON.stringify(o.affectedGroups),
    source_language: o.sourceLanguage,
    status: o.status,
    visibility: o.visibility,
    type: o.type,
    segment_key: o.segment,
    version: o.version,
    created_at: o.createdAt.toISOString(),
    updated_at: o.updatedAt.toISOString(),
    reporter: JSON.stringify(o.reporter),
    reporter_organisation_key: o.reporter.organisation ?? null,
    channel: o.channel,
    reported_on: o.reportedOn,
    themes: JSON.stringify(o.themes),
    governments: JSON.stringify(o.governments),
    regions: JSON.stringify(o.regions),
    municipalities: JSON.stringify(o.municipalities),
    estimated_affected: o.estimatedAffected,
    evidence: JSON.stringify(o.evidence),
    provisions: JSON.stringify(o.provisions),
    analysis: JSON.stringify(o.analysis),
    co_reporters: JSON.stringify(o.coReporters),
    status_reason: o.statusReason,
    referred_to: o.referredTo,
    merged_into: o.mergedInto?.id ?? null,
    clarification_due: o.clarificationDue,
  };
}

function searchDocument(o: Obstacle): SearchDocument {
  const other = [...o.provisions.map((p) => p.citation), ...o.regions, ...o.municipalities, o.reference].join(' ');
  // Through the same analyser as the texts, so both dialects index the same words (accents removed, stems added).
  const extra = `${analyzeLocalized(o.affectedGroups)} ${analyzeForIndex(other, o.sourceLanguage)}`.trim();
  return { title: o.title, summary: o.summary, description: o.description, extra };
}

function facetKey(o: Pick<Obstacle, 'status' | 'segment' | 'type' | 'visibility' | 'themes'>): FacetKey {
  return { status: o.status, segment: o.segment, type: o.type, visibility: o.visibility, themes: o.themes };
}

const TEXT_FIELDS = ['title', 'summary', 'description', 'affectedGroups', 'provisions', 'regions', 'municipalities'] as const;

interface FindQueries {
  byId: CompiledQuery<FoundRow>;
  byReference: CompiledQuery<FoundRow>;
  accessById: CompiledQuery<AccessRow>;
  accessByReference: CompiledQuery<AccessRow>;
}

type AccessRow = {
  id: string;
  visibility: ObstacleAccessFacts['visibility'];
  status: ObstacleAccessFacts['status'];
  reporter_organisation_key: string | null;
  routed_to: string | { organisation_key: string }[];
};

type LinkRow = { id: string; reference: string; kind: ObstacleLink['kind'] };

/** A row of the record and its links, as a JSON array (text on SQLite, parsed by pg on PostgreSQL). */
type FoundRow = ObstacleRow & {
  links: string | LinkRow[];
  merged_into_reference: string | null;
  routed_to: string | { organisation_key: string }[];
};

/**
 * The reads of one obstacle, compiled with a placeholder value that `withParameters` replaces: the
 * row and its links (both directions) in one statement — one round trip on PostgreSQL.
 */
function compileFindQueries(db: Executor): FindQueries {
  const jsonArrayFrom = db.getExecutor().adapter instanceof SqliteAdapter ? sqliteJsonArrayFrom : postgresJsonArrayFrom;
  // The departments it is routed to now, as a JSON array (access decisions read it).
  const routedTo = (eb: ExpressionBuilder<DB & { o: DB['obstacles'] }, 'o'>) =>
    jsonArrayFrom(
      eb
        .selectFrom('obstacle_routings as r')
        .select('r.organisation_key')
        .whereRef('r.obstacle_id', '=', 'o.id')
        .where('r.ended_at', 'is', null)
        .orderBy('r.organisation_key'),
    ).as('routed_to');
  const one = db.selectFrom('obstacles as o').select((eb) => [
    ...OBSTACLE_COLUMNS,
    jsonArrayFrom(
      eb
        .selectFrom('obstacle_links as l')
        .innerJoin('obstacles as t', 't.seq', 'l.to_seq')
        .select(['t.id', 't.reference', 'l.kind'])
        .whereRef('l.from_seq', '=', 'o.seq')
        .unionAll(
          eb
            .selectFrom('obstacle_links as l')
            .innerJoin('obstacles as t', 't.seq', 'l.from_seq')
            .select(['t.id', 't.reference', 'l.kind'])
            .whereRef('l.to_seq', '=', 'o.seq'),
        ),
    ).as('links'),
    eb.selectFrom('obstacles as mi').select('mi.reference').whereRef('mi.id', '=', 'o.merged_into').as('merged_into_reference'),
    routedTo(eb),
  ]);
  const access = db
    .selectFrom('obstacles as o')
    .select((eb) => ['o.id', 'o.visibility', 'o.status', 'o.reporter_organisation_key', routedTo(eb)]);
  return {
    byId: one.where('o.id', '=', '').compile() as unknown as CompiledQuery<FoundRow>,
    byReference: one.where('o.reference', '=', '').compile() as unknown as CompiledQuery<FoundRow>,
    accessById: access.where('o.id', '=', '').compile() as unknown as CompiledQuery<AccessRow>,
    accessByReference: access.where('o.reference', '=', '').compile() as unknown as CompiledQuery<AccessRow>,
  };
}

function withParameters<R>(query: CompiledQuery<R>, parameters: readonly unknown[]): CompiledQuery<R> {
  if (parameters.length !== query.parameters.length) {
    throw new Error(`a compiled query takes ${query.parameters.length} parameters, not ${parameters.length}`);
  }
  return { ...query, parameters };
}

export class KyselyObstacleRepository implements ObstacleRepository {
  private compiled: FindQueries | undefined;

  constructor(
    private readonly db: Executor,
    private readonly search: SearchCapability,
    /** Collects the obstacles this repository wrote, so read models can refresh them after the commit. */
    private readonly touched?: Set<number>,
  ) {}

  async nextReferenceNumber(year: number): Promise<number> {
    // One row per year, incremented under its row lock: concurrent creates queue here, and a
    // rolled-back create gives its number back, so references have neither gaps nor duplicates.
    const row = await this.db
      .insertInto('reference_counters')
      .values({ year, last_number: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`reference_counters.last_number + 1` }))
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return Number(row.last_number);
  }

  async insert(obstacle: Obstacle, related: string[]): Promise<void> {
    const [, yearText, numberText] = obstacle.reference.split('-');
    const { seq } = await this.db
      .insertInto('obstacles')
      .values({
        id: obstacle.id,
        reference: obstacle.reference,
        ref_year: Number(yearText),
        ref_number: Number(numberText),
        ...toColumns(obstacle),
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    this.touched?.add(Number(seq));
    await this.writeMemberships(Number(seq), obstacle, false);
    await this.writeRelated(Number(seq), related);
    await adjustFacetCounts(this.db, [{ key: facetKey(obstacle), delta: 1 }]);
    await this.search.index(this.db, Number(seq), searchDocument(obstacle), false);
  }

  async update(obstacle: Obstacle, expectedVersion: number, related: string[] | undefined): Promise<boolean> {
    const before = await this.db
      .selectFrom('obstacles as o')
      .select(OBSTACLE_COLUMNS)
      .where('o.id', '=', obstacle.id)
      .executeTakeFirst();
    if (!before || Number(before.version) !== expectedVersion) return false;
    const result = await this.db
      .updateTable('obstacles')
      .set(toColumns(obstacle))
      .where('id', '=', obstacle.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;

    const seq = Number(before.seq);
    this.touched?.add(seq);
    const old = toRecord(before);
    if (old.mergedInto !== (obstacle.mergedInto?.id ?? null)) await this.writeDuplicate(seq, obstacle.mergedInto?.id ?? null);
    const changedFacets = JSON.stringify(facetKey(old)) !== JSON.stringify(facetKey(obstacle));
    if (changedFacets) {
      await adjustFacetCounts(this.db, [
        { key: facetKey(old), delta: -1 },
        { key: facetKey(obstacle), delta: 1 },
      ]);
    }
    if (
      JSON.stringify(old.themes) !== JSON.stringify(obstacle.themes) ||
      JSON.stringify(old.governments) !== JSON.stringify(obstacle.governments)
    ) {
      await this.writeMemberships(seq, obstacle, true);
    }
    if (related !== undefined) {
      await this.db.deleteFrom('obstacle_links').where('from_seq', '=', seq).where('kind', '=', 'related').execute();
      await this.writeRelated(seq, related);
    }
    const textChanged = TEXT_FIELDS.some((field) => JSON.stringify(old[field]) !== JSON.stringify(obstacle[field]));
    if (textChanged) await this.search.index(this.db, seq, searchDocument(obstacle), true);
    return true;
  }

  async findById(id: string): Promise<Obstacle | undefined> {
    return this.findOne('byId', id);
  }

  async findByReference(reference: string): Promise<Obstacle | undefined> {
    return this.findOne('byReference', reference);
  }

  async findAccess(idOrReference: string): Promise<ObstacleAccessFacts | undefined> {
    this.compiled ??= compileFindQueries(this.db);
    const byReference = /^GB-/i.test(idOrReference);
    const query = byReference ? this.compiled.accessByReference : this.compiled.accessById;
    const { rows } = await this.db.executeQuery<AccessRow>(
      withParameters(query, [byReference ? idOrReference.toUpperCase() : idOrReference]),
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const routed: { organisation_key: string }[] = typeof row.routed_to === 'string' ? JSON.parse(row.routed_to) : row.routed_to;
    return {
      id: row.id,
      visibility: row.visibility,
      status: row.status,
      reporter: row.reporter_organisation_key === null ? {} : { organisation: row.reporter_organisation_key },
      ...(routed.length > 0 ? { routedTo: routed.map((r) => r.organisation_key) } : {}),
    };
  }

  async resolveIds(idsOrReferences: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (idsOrReferences.length === 0) return found;
    const references = idsOrReferences.map((v) => v.toUpperCase());
    const rows = await this.db
      .selectFrom('obstacles')
      .select(['id', 'reference'])
      .where((eb) => eb.or([eb('id', 'in', idsOrReferences), eb('reference', 'in', references)]))
      .execute();
    for (const value of idsOrReferences) {
      const row = rows.find((r) => r.id === value || r.reference === value.toUpperCase());
      if (row) found.set(value, row.id);
    }
    return found;
  }

  async currentVersion(id: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('obstacles').select('version').where('id', '=', id).executeTakeFirst();
    return row ? Number(row.version) : undefined;
  }

  /**
   * One obstacle and its links, through queries compiled once per repository: building and
   * compiling a Kysely query costs several times what SQLite needs to answer it.
   */
  private async findOne(by: 'byId' | 'byReference', value: string): Promise<Obstacle | undefined> {
    this.compiled ??= compileFindQueries(this.db);
    const { rows } = await this.db.executeQuery<FoundRow>(withParameters(this.compiled[by], [value]));
    const row = rows[0];
    if (row === undefined) return undefined;
    const links: LinkRow[] = typeof row.links === 'string' ? JSON.parse(row.links) : row.links;
    const unique = new Map<string, ObstacleLink>();
    for (const link of links) {
      if (!unique.has(link.id)) unique.set(link.id, { id: link.id, reference: link.reference, kind: link.kind });
    }
    const sorted = [...unique.values()].sort((a, b) => a.reference.localeCompare(b.reference));
    const record = toRecord(row);
    const mergedInto =
      record.mergedInto && row.merged_into_reference ? { id: record.mergedInto, reference: row.merged_into_reference } : null;
    const routed: { organisation_key: string }[] = typeof row.routed_to === 'string' ? JSON.parse(row.routed_to) : row.routed_to;
    const routedTo = routed.map((r) => r.organisation_key);
    return { ...record, mergedInto, links: sorted, ...(routedTo.length > 0 ? { routedTo } : {}) };
  }

  private async writeMemberships(seq: number, obstacle: Obstacle, replace: boolean): Promise<void> {
    if (replace) {
      await this.db.deleteFrom('obstacle_themes').where('obstacle_seq', '=', seq).execute();
      await this.db.deleteFrom('obstacle_governments').where('obstacle_seq', '=', seq).execute();
    }
    if (obstacle.themes.length > 0) {
      await this.db
        .insertInto('obstacle_themes')
        .values(obstacle.themes.map((theme_key) => ({ obstacle_seq: seq, theme_key })))
        .execute();
    }
    if (obstacle.governments.length > 0) {
      await this.db
        .insertInto('obstacle_governments')
        .values(obstacle.governments.map((government_key) => ({ obstacle_seq: seq, government_key })))
        .execute();
    }
  }

  /** The link of a duplicate to the obstacle it was merged into (read from both sides), or none. */
  private async writeDuplicate(seq: number, survivorId: string | null): Promise<void> {
    await this.db.deleteFrom('obstacle_links').where('from_seq', '=', seq).where('kind', '=', 'duplicate').execute();
    if (survivorId === null) return;
    const survivor = await this.db.selectFrom('obstacles').select('seq').where('id', '=', survivorId).executeTakeFirstOrThrow();
    const to = Number(survivor.seq);
    // A related link between the two gives way to the duplicate link (one link per pair).
    await this.db
      .deleteFrom('obstacle_links')
      .where((eb) =>
        eb.or([
          eb.and([eb('from_seq', '=', seq), eb('to_seq', '=', to)]),
          eb.and([eb('from_seq', '=', to), eb('to_seq', '=', seq)]),
        ]),
      )
      .execute();
    await this.db.insertInto('obstacle_links').values({ from_seq: seq, to_seq: to, kind: 'duplicate' }).execute();
  }

  private async writeRelated(seq: number, related: string[]): Promise<void> {
    if (related.length === 0) return;
    const targets = await this.db.selectFrom('obstacles').select('seq').where('id', 'in', related).execute();
    const rows = targets
      .map((t) => Number(t.seq))
      .filter((to) => to !== seq)
      .map((to_seq) => ({ from_seq: seq, to_seq, kind: 'related' as const }));
    if (rows.length > 0) {
      await this.db
        .insertInto('obstacle_links')
        .values(rows)
        .onConflict((oc) => oc.columns(['from_seq', 'to_seq']).doNothing())
        .execute();
    }
  }
}
