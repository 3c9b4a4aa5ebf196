/** The register's filters, read from the page's URL (which holds every one of them). */
import type { ListParams } from '../../../lib/api-client';
import { isOneOf, SORT_KEYS, STATUS_KEYS, TYPE_KEYS } from '../../../lib/keys';

export const PAGE_SIZE = 20;
export const FACETS = ['theme', 'status', 'segment', 'type'] as const;
export type Facet = (typeof FACETS)[number];

function values(search: URLSearchParams, name: string): string[] {
  const seen = new Set<string>();
  for (const raw of search.getAll(name)) {
    for (const value of raw.split(',')) {
      const trimmed = value.trim();
      if (trimmed !== '' && trimmed.length <= 64) seen.add(trimmed);
    }
  }
  return [...seen].slice(0, 20);
}

export function listParamsFromUrl(url: URL): ListParams & Required<Pick<ListParams, Facet>> {
  const search = url.searchParams;
  const q = search.get('q')?.trim().slice(0, 200) ?? '';
  const sort = search.get('sort') ?? '';
  const cursor = search.get('cursor') ?? '';
  return {
    q: q || undefined,
    theme: values(search, 'theme'),
    status: values(search, 'status').filter((v) => isOneOf(STATUS_KEYS, v)),
    segment: values(search, 'segment'),
    type: values(search, 'type').filter((v) => isOneOf(TYPE_KEYS, v)),
    sort: isOneOf(SORT_KEYS, sort) && (sort !== 'relevance' || q) ? sort : undefined,
    cursor: cursor && cursor.length <= 500 ? cursor : undefined,
    limit: PAGE_SIZE,
  };
}

/** The URL query of a set of filters (repeated parameters, as the HTML form sends them). */
export function pageQuery(params: ListParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  for (const facet of FACETS) for (const value of params[facet] ?? []) search.append(facet, value);
  if (params.sort) search.set('sort', params.sort);
  if (params.cursor) search.set('cursor', params.cursor);
  return search.toString();
}
