/**
 * The web's only way to data: the JSON API. On the server the fetch function is the in-process
 * `apiFetch` of the load context (Fastify's inject); in the browser it is `window.fetch`. Either
 * way the request is a real API request, with Accept-Language set to the reader's language.
 */
import type { Problem } from '../../contracts/common.contract.js';
import type { ObstacleListResponse, ObstacleResponse } from '../../contracts/obstacles.contract.js';
import type { Language } from './language';

/** A request body as the form made it; the API validates it (CreateObstacleRequest, UpdateObstacleRequest). */
export type JsonBody = Readonly<Record<string, unknown>>;

export type ApiFetch = (path: string, init?: RequestInit) => Promise<Response>;

export interface ThemeItem {
  key: string;
  label: string;
}
export interface SegmentItem {
  key: string;
  label: string;
}
export interface GovernmentItem {
  key: string;
  name: string;
  country: string;
  label: string;
}
export interface OrganisationItem {
  key: string;
  name: string;
  government: string | null;
}

export interface ReferenceData {
  themes: ThemeItem[];
  segments: SegmentItem[];
  governments: GovernmentItem[];
  organisations: OrganisationItem[];
}

/** An API answer that is not a success: the problem+json, or a stand-in when the body is not one. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
    this.name = 'ApiProblem';
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'detail' in value;
}

async function readJson<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem: Problem = isProblem(body)
      ? body
      : {
          type: 'about:blank',
          title: response.statusText,
          status: response.status,
          detail: response.statusText,
          code: 'unknown',
        };
    throw new ApiProblem(response.status, problem);
  }
  return body as T;
}

export interface ListParams {
  q?: string;
  theme?: string[];
  status?: string[];
  segment?: string[];
  type?: string[];
  government?: string[];
  sort?: string;
  cursor?: string;
  limit?: number;
}

export function listQueryString(params: ListParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  for (const key of ['theme', 'status', 'segment', 'type', 'government'] as const) {
    const values = params[key];
    if (values && values.length > 0) search.set(key, values.join(','));
  }
  if (params.sort) search.set('sort', params.sort);
  if (params.cursor) search.set('cursor', params.cursor);
  if (params.limit) search.set('limit', String(params.limit));
  return search.toString();
}

/** How long reference data (themes, segments, governments, organisations) is reused. */
const REFERENCE_TTL_MS = 60_000;

interface CachedAnswer {
  at: number;
  answer: Promise<unknown>;
}
/** Per fetch function (the server's in-process one, or the browser's) and path with language. */
const referenceCache = new WeakMap<ApiFetch, Map<string, CachedAnswer>>();

/** A client of the Schakel API for one reader's language. */
export function createApiClient(fetcher: ApiFetch, language: Language) {
  const headers = { accept: 'application/json', 'accept-language': language };
  const get = async <T>(path: string): Promise<T> => readJson<T>(await fetcher(path, { headers }));
  let cache = referenceCache.get(fetcher);
  if (!cache) {
    cache = new Map();
    referenceCache.set(fetcher, cache);
  }
  const answers = cache;
  // Reference data changes only with a deployment of new reference files: asked once a minute.
  const cached = <T>(path: string): Promise<T> => {
    const key = `${language} ${path}`;
    const hit = answers.get(key);
    if (hit && Date.now() - hit.at < REFERENCE_TTL_MS) return hit.answer as Promise<T>;
    const answer = get<T>(path);
    answers.set(key, { at: Date.now(), answer });
    answer.catch(() => answers.delete(key));
    return answer;
  };

  return {
    listObstacles(params: ListParams): Promise<ObstacleListResponse> {
      const query = listQueryString(params);
      return get(`/api/v1/obstacles${query ? `?${query}` : ''}`);
    },
    async getObstacle(reference: string): Promise<{ obstacle: ObstacleResponse; etag: string | null }> {
      const response = await fetcher(`/api/v1/obstacles/${encodeURIComponent(reference)}`, { headers });
      const obstacle = await readJson<ObstacleResponse>(response);
      return { obstacle, etag: response.headers.get('etag') };
    },
    async createObstacle(body: JsonBody): Promise<ObstacleResponse> {
      const response = await fetcher('/api/v1/obstacles', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return readJson<ObstacleResponse>(response);
    },
    async updateObstacle(reference: string, version: number, body: JsonBody): Promise<ObstacleResponse> {
      const response = await fetcher(`/api/v1/obstacles/${encodeURIComponent(reference)}`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${version}"` },
        body: JSON.stringify(body),
      });
      return readJson<ObstacleResponse>(response);
    },
    async referenceData(): Promise<ReferenceData> {
      const [themes, segments, governments, organisations] = await Promise.all([
        cached<{ items: ThemeItem[] }>('/api/v1/themes'),
        cached<{ items: SegmentItem[] }>('/api/v1/segments'),
        cached<{ items: GovernmentItem[] }>('/api/v1/governments'),
        cached<{ items: OrganisationItem[] }>('/api/v1/organisations'),
      ]);
      return {
        themes: themes.items.map(({ key, label }) => ({ key, label })),
        segments: segments.items.map(({ key, label }) => ({ key, label })),
        governments: governments.items.map(({ key, name, country, label }) => ({ key, name, country, label })),
        organisations: organisations.items.map(({ key, name, government }) => ({ key, name, government })),
      };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
