import { validationError } from '../shared/errors.js';
import type { Catalogue, ObstaclePage, ObstacleQuery, ObstacleSearch } from './ports.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Lists obstacles: filters (AND across facets, OR within one), free text, order and a cursor,
 * with counts per facet for the filtered set. Unknown theme, segment or government keys are a
 * field error rather than an empty page, so a typo in a shared link is visible.
 */
export async function listObstacles(options: {
  query: ObstacleQuery;
  catalogue: Catalogue;
  search: ObstacleSearch;
}): Promise<ObstaclePage> {
  const { query, catalogue, search } = options;
  const known = {
    theme: new Set(catalogue.themes.map((t) => t.key)),
    segment: new Set(catalogue.segments.map((s) => s.key)),
    government: new Set(catalogue.governments.map((g) => g.key)),
  };
  const errors = (['theme', 'segment', 'government'] as const).flatMap((name) =>
    (query[name] ?? []).flatMap((value) =>
      known[name].has(value) ? [] : [{ name, code: 'unknown_key' as const, params: { value } }],
    ),
  );
  if (errors.length > 0) throw validationError(errors);
  return search.list(query);
}
