import type { Repositories, UnitOfWork } from '../core/obstacles/ports.js';
import type { Database } from './create-database.js';
import { KyselyObstacleRepository } from './repositories/obstacle-repository.js';
import { KyselyObstacleSearch } from './repositories/obstacle-search.js';
import { CachedReferenceRepository, CatalogueCache } from './repositories/reference-repository.js';
import { searchCapability } from './search/search-capability.js';

/**
 * The core's ports, implemented on one database. `transaction` gives repositories bound to one
 * transaction; `obstacles`, `search` and `reference` read outside any transaction.
 */
export interface Persistence extends UnitOfWork {
  obstacles: KyselyObstacleRepository;
  search: KyselyObstacleSearch;
  reference: CachedReferenceRepository;
  catalogue: CatalogueCache;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
}

export function createPersistence(database: Database): Persistence {
  const capability = searchCapability(database.dialect);
  const catalogue = new CatalogueCache(database.db);
  const reference = new CachedReferenceRepository(catalogue);
  return {
    obstacles: new KyselyObstacleRepository(database.db, capability),
    search: new KyselyObstacleSearch(database.db, capability),
    reference,
    catalogue,
    async transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
      return database.db.transaction().execute((tx) =>
        work({
          obstacles: new KyselyObstacleRepository(tx, capability),
          reference: new CachedReferenceRepository(catalogue, tx),
        }),
      );
    },
    async ping() {
      await database.db.selectFrom('themes').select('key').limit(1).execute();
    },
  };
}
