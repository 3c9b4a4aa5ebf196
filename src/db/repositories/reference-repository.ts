import type { Kysely, Transaction } from 'kysely';
import type { Catalogue, ReferenceDataRepository } from '../../core/obstacles/ports.js';
import type { DB } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Reads the reference data (themes, governments, segments, organisations) in their set order. */
export async function readCatalogue(db: Executor): Promise<Catalogue> {
  const [themes, governments, segments, organisations] = await Promise.all([
    db.selectFrom('themes').selectAll().orderBy('position').execute(),
    db.selectFrom('governments').selectAll().orderBy('position').execute(),
    db.selectFrom('segments').selectAll().orderBy('position').execute(),
    db.selectFrom('organisations').selectAll().orderBy('position').execute(),
  ]);
  return {
    themes: themes.map((t) => ({
      key: t.key,
      label: { nl: t.label_nl, fr: t.label_fr, de: t.label_de, en: t.label_en },
      inSeed: Number(t.in_seed) === 1,
    })),
    governments: governments.map((g) => ({
      key: g.key,
      name: g.name,
      label: JSON.parse(g.label),
      country: g.country,
      level: g.level,
      kind: g.kind,
    })),
    segments: segments.map((s) => ({ key: s.key, name: JSON.parse(s.name), sides: JSON.parse(s.sides) })),
    organisations: organisations.map((o) => ({ key: o.key, name: o.name, government: o.government_key, kind: o.kind })),
  };
}

/**
 * The catalogue changes only when an admin edits reference data, so it is read once and kept;
 * `invalidate()` drops it after such an edit. Shared by every transaction of one app.
 */
export class CatalogueCache {
  private cached: Promise<Catalogue> | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The catalogue; when it is not cached yet it is read through `executor` — inside a
   * transaction that must be the transaction itself (SQLite has one connection, which the
   * transaction holds).
   */
  get(executor: Kysely<DB> | Transaction<DB> = this.db): Promise<Catalogue> {
    if (!this.cached) {
      this.cached = readCatalogue(executor);
      this.cached.catch(() => {
        this.cached = undefined;
      });
    }
    return this.cached;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}

export class CachedReferenceRepository implements ReferenceDataRepository {
  constructor(
    private readonly cache: CatalogueCache,
    private readonly executor?: Kysely<DB> | Transaction<DB>,
  ) {}

  catalogue(): Promise<Catalogue> {
    return this.cache.get(this.executor);
  }
}
