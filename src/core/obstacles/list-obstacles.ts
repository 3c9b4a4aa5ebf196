import { type Actor, readableVisibilities, readsRoutedTo } from '../access/access.js';
import { validationError } from '../shared/errors.js';
import { VISIBILITIES } from './obstacle.js';
import type { Catalogue, ObstaclePage, ObstacleQuery, ObstacleSearch } from './ports.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Lists obstacles: filters (AND across facets, OR within one), free text, order and a cursor,
 * with counts per facet for the filtered set. Unknown theme, segment or government keys are a
 * field error rather than an empty page, so a typo in a shared link is visible. Only what the
 * caller may read is listed and counted (core/access): the caller's readable visibilities narrow
 * any visibility filter it sent.
 */
export async function listObstacles(options: {
  actor: Actor;
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
  const readable = readableVisibilities(options.actor);
  const asked = query.visibility;
  const visibility = (asked ?? VISIBILITIES).filter((v) => readable.includes(v));
  // A department also reads what is routed to it, of any visibility it asked for.
  const routedOrganisation = readsRoutedTo(options.actor);
  if (routedOrganisation !== undefined) {
    return search.list({
      ...query,
      visibility,
      routedTo: { organisation: routedOrganisation, visibility: [...(asked ?? VISIBILITIES)] },
    });
  }
  if (visibility.length === 0) {
    return {
      items: [],
      nextCursor: null,
      facets: query.facets ? { theme: {}, status: {}, segment: {}, type: {} } : null,
      total: query.facets ? 0 : null,
    };
  }
  // Readers of every visibility keep an unfiltered list unfiltered (the fast path of the read model).
  const narrowed = asked === undefined && visibility.length === VISIBILITIES.length ? undefined : visibility;
  return search.list({ ...query, visibility: narrowed });
}
