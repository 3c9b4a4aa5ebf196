/**
 * The web's only way to data: the JSON API. On the server the fetch function is the in-process
 * `apiFetch` of the load context (Fastify's inject); in the browser it is `window.fetch`. Either
 * way the request is a real API request, with Accept-Language set to the reader's language.
 */
import type { Problem } from '../../contracts/common.contract.js';
import type { DashboardResponse } from '../../contracts/dashboard.contract.js';
import type { InboxResponse, PreferencesResponse } from '../../contracts/inbox.contract.js';
import type { LifecycleResponse } from '../../contracts/lifecycle.contract.js';
import type { HistoryResponse, ObstacleListResponse, ObstacleResponse } from '../../contracts/obstacles.contract.js';
import type { AbilitiesResponse, SessionResponse, SignInProvidersResponse } from '../../contracts/session.contract.js';
import type { UserResponse } from '../../contracts/users.contract.js';
import type { Language } from './language';

/** The header that carries the session's CSRF token on every write made with the session cookie. */
export const CSRF_HEADER = 'x-csrf-token';

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
  /** The organisation's kind (`information_point` for a GrensInfoPunt, which a referral names). */
  kind: string;
}

export interface OrganisationDetail extends OrganisationItem {
  kindLabel: string;
}

/** What a move asks for (the API's GET /lifecycle), and the body of one (POST …/transitions). */
export type LifecycleMove = LifecycleResponse['transitions'][number];
export interface TransitionBody {
  to: string;
  reason?: string;
  referredTo?: string;
  mergedInto?: string;
}
export type HistoryItem = HistoryResponse['items'][number];
export interface PasswordLink {
  token: string;
  purpose: 'invite' | 'reset';
  expiresAt: string;
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
    /** Seconds from Retry-After (429), when the API gave it. */
    readonly retryAfter?: number,
  ) {
    super(problem.detail);
    this.name = 'ApiProblem';
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'detail' in value;
}

/**
 * The JSON body of an API answer; an answer that is not ok is thrown as an ApiProblem (its
 * problem+json, or one made of the status line), with Retry-After when the API sent it.
 */
export async function readJson<T>(response: Response): Promise<T> {
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
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
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiProblem(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
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
  /** The intake clock: only obstacles in `reported` or `intake` whose clarification date is before this day. */
  clarificationDueBefore?: string;
  /** false: no facet counts and no total (cheaper). */
  facets?: boolean;
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
  if (params.clarificationDueBefore) search.set('clarificationDueBefore', params.clarificationDueBefore);
  if (params.facets === false) search.set('facets', 'false');
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

/**
 * A client of the Schakel API for one reader's language. `fetcher` makes the caller's requests
 * (with the session); `referenceFetcher` those that are the same for everyone (reference data, the
 * public's abilities), whose answers are kept a minute per fetcher.
 */
export function createApiClient(fetcher: ApiFetch, language: Language, referenceFetcher: ApiFetch = fetcher) {
  const headers = { accept: 'application/json', 'accept-language': language };
  const get = async <T>(path: string): Promise<T> => readJson<T>(await fetcher(path, { headers }));
  /** A write: JSON body, and the session's CSRF token when the caller has one. */
  const send = async <T>(
    method: string,
    path: string,
    csrf: string | undefined,
    body?: unknown,
    extra: Record<string, string> = {},
  ) => {
    const response = await fetcher(path, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
        ...extra,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { response, body: await readJson<T>(response) };
  };
  let cache = referenceCache.get(referenceFetcher);
  if (!cache) {
    cache = new Map();
    referenceCache.set(referenceFetcher, cache);
  }
  const answers = cache;
  // Reference data changes only with a deployment of new reference files: asked once a minute.
  const cached = <T>(path: string): Promise<T> => {
    const key = `${language} ${path}`;
    const hit = answers.get(key);
    if (hit && Date.now() - hit.at < REFERENCE_TTL_MS) return hit.answer as Promise<T>;
    const answer = referenceFetcher(path, { headers }).then((response) => readJson<T>(response));
    answers.set(key, { at: Date.now(), answer });
    answer.catch(() => answers.delete(key));
    return answer;
  };

  return {
    /** The dashboard of the signed-in caller, narrowed by the filter (GET /api/v1/dashboard). */
    dashboard(filter: { segment?: string; government?: string; theme?: string }): Promise<DashboardResponse> {
      const query = new URLSearchParams();
      for (const name of ['segment', 'government', 'theme'] as const) {
        const value = filter[name];
        if (value) query.set(name, value);
      }
      const search = query.toString();
      return get(`/api/v1/dashboard${search ? `?${search}` : ''}`);
    },
    listObstacles(params: ListParams): Promise<ObstacleListResponse> {
      const query = listQueryString(params);
      return get(`/api/v1/obstacles${query ? `?${query}` : ''}`);
    },
    async getObstacle(reference: string): Promise<{ obstacle: ObstacleResponse; etag: string | null }> {
      const response = await fetcher(`/api/v1/obstacles/${encodeURIComponent(reference)}`, { headers });
      const obstacle = await readJson<ObstacleResponse>(response);
      return { obstacle, etag: response.headers.get('etag') };
    },
    async createObstacle(body: JsonBody, csrf: string | undefined): Promise<ObstacleResponse> {
      return (await send<ObstacleResponse>('POST', '/api/v1/obstacles', csrf, body)).body;
    },
    async updateObstacle(
      reference: string,
      version: number,
      body: JsonBody,
      csrf: string | undefined,
    ): Promise<ObstacleResponse> {
      const path = `/api/v1/obstacles/${encodeURIComponent(reference)}`;
      return (await send<ObstacleResponse>('PATCH', path, csrf, body, { 'if-match': `"${version}"` })).body;
    },

    /** Moves the obstacle (If-Match: the version the form was shown with). */
    async transition(
      reference: string,
      version: number,
      body: TransitionBody,
      csrf: string | undefined,
    ): Promise<ObstacleResponse> {
      const path = `/api/v1/obstacles/${encodeURIComponent(reference)}/transitions`;
      return (await send<ObstacleResponse>('POST', path, csrf, body, { 'if-match': `"${version}"` })).body;
    },
    /** The obstacle's whole history, oldest first (as the API gives it), page after page. */
    async history(reference: string): Promise<HistoryItem[]> {
      const items: HistoryItem[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const page: HistoryResponse = await get<HistoryResponse>(
          `/api/v1/obstacles/${encodeURIComponent(reference)}/history?limit=500${query}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return items;
    },
    /** The lifecycle's moves (the same for everyone: kept a minute). */
    async lifecycle(): Promise<LifecycleMove[]> {
      return (await cached<LifecycleResponse>('/api/v1/lifecycle')).transitions;
    },
    /** Who am I: the session, or null for the public (401). */
    async session(): Promise<SessionResponse | null> {
      const response = await fetcher('/api/v1/session', { headers });
      if (response.status === 401) return null;
      return readJson<SessionResponse>(response);
    },
    /** The identity providers to sign in with (OpenID Connect), names in the reader's language: the same for everyone. */
    async signInProviders(): Promise<SignInProvidersResponse['items']> {
      return (await cached<SignInProvidersResponse>('/api/v1/session/providers')).items;
    },
    /** What the public may do (the same for every reader: kept a minute). */
    publicAbilities(): Promise<AbilitiesResponse> {
      return cached<AbilitiesResponse>('/api/v1/abilities');
    },
    /**
     * Signs in; the session cookie comes back in `setCookie` (on the server, to hand to the
     * browser; in the browser the browser keeps it itself and the list is empty).
     */
    async signIn(email: string, password: string): Promise<{ session: SessionResponse; setCookie: string[] }> {
      const { response, body } = await send<SessionResponse>('POST', '/api/v1/session', undefined, { email, password });
      return { session: body, setCookie: response.headers.getSetCookie() };
    },
    /** Signs out (the session ends; `setCookie` clears the cookie). */
    async signOut(csrf: string | undefined): Promise<{ setCookie: string[] }> {
      const { response } = await send<null>('DELETE', '/api/v1/session', csrf);
      return { setCookie: response.headers.getSetCookie() };
    },
    /** My notifications, newest first (`unread`: only the unread ones), with my unread count. */
    inbox(params: { unread?: boolean; cursor?: string; limit?: number } = {}): Promise<InboxResponse> {
      const search = new URLSearchParams();
      if (params.unread) search.set('unread', 'true');
      if (params.cursor) search.set('cursor', params.cursor);
      if (params.limit) search.set('limit', String(params.limit));
      const query = search.toString();
      return get(`/api/v1/inbox${query ? `?${query}` : ''}`);
    },
    async markRead(id: string, csrf: string | undefined): Promise<void> {
      await send('POST', `/api/v1/inbox/${encodeURIComponent(id)}/read`, csrf);
    },
    async markAllRead(csrf: string | undefined): Promise<void> {
      await send('POST', '/api/v1/inbox/read-all', csrf);
    },
    preferences(): Promise<PreferencesResponse> {
      return get('/api/v1/session/preferences');
    },
    /** Changes my preferences when my account is still at `version` (412 otherwise). */
    async setPreferences(
      body: { language?: string; digestOnly?: boolean },
      version: string,
      csrf: string | undefined,
    ): Promise<PreferencesResponse> {
      return (await send<PreferencesResponse>('PATCH', '/api/v1/session/preferences', csrf, body, { 'if-match': `"${version}"` }))
        .body;
    },
    async changePassword(currentPassword: string, newPassword: string, csrf: string | undefined): Promise<void> {
      await send<null>('PUT', '/api/v1/session/password', csrf, { currentPassword, newPassword });
    },
    /** Sets a password with a one-time link (no session, no CSRF token: the link is the proof). */
    async setPasswordWithLink(token: string, password: string): Promise<void> {
      await send<null>('POST', '/api/v1/password', undefined, { token, password });
    },

    async listUsers(): Promise<UserResponse[]> {
      return (await get<{ items: UserResponse[] }>('/api/v1/users')).items;
    },
    async createUser(
      body: { email: string; name: string; role: string; organisation: string },
      csrf: string | undefined,
    ): Promise<UserResponse> {
      return (await send<UserResponse>('POST', '/api/v1/users', csrf, body)).body;
    },
    async disableUser(id: string, csrf: string | undefined): Promise<UserResponse> {
      return (await send<UserResponse>('POST', `/api/v1/users/${encodeURIComponent(id)}/disable`, csrf)).body;
    },
    async passwordLink(id: string, csrf: string | undefined): Promise<PasswordLink> {
      return (await send<PasswordLink>('POST', `/api/v1/users/${encodeURIComponent(id)}/password-link`, csrf)).body;
    },

    /** The organisations as they are now (not the minute-old reference data): for the admin pages. */
    async listOrganisations(): Promise<OrganisationDetail[]> {
      return (await get<{ items: OrganisationDetail[] }>('/api/v1/organisations')).items;
    },
    async createOrganisation(
      body: { key: string; name: string; kind: string; government: string | null },
      csrf: string | undefined,
    ): Promise<OrganisationDetail> {
      const added = (await send<OrganisationDetail>('POST', '/api/v1/organisations', csrf, body)).body;
      answers.clear(); // the reference data of the next page has it
      return added;
    },
    async updateOrganisation(
      key: string,
      body: { name?: string; kind?: string; government?: string | null },
      csrf: string | undefined,
    ): Promise<OrganisationDetail> {
      const changed = (await send<OrganisationDetail>('PATCH', `/api/v1/organisations/${encodeURIComponent(key)}`, csrf, body))
        .body;
      answers.clear();
      return changed;
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
        organisations: organisations.items.map(({ key, name, government, kind }) => ({ key, name, government, kind })),
      };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
