/**
 * The state-of-play part of the JSON API as the pages use it: the rounds, one round, opening,
 * answering, reminding and closing. Every call is a real API request as the page's caller, with
 * Accept-Language set; a refusal comes back as an ApiProblem.
 */
import type {
  ItemResponse,
  ReminderResponse,
  RoundListResponse,
  RoundResponse,
} from '../../../../contracts/state-of-play.contract.js';
import { type ApiFetch, CSRF_HEADER, type JsonBody, readJson } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

export type { ItemResponse, ReminderResponse, RoundListResponse, RoundResponse };

const id = (value: string) => encodeURIComponent(value);

/** The path of a round's overview document in a language (a plain link: the browser downloads it). */
export function overviewDocumentPath(round: string, language: Language): string {
  return `/api/v1/state-of-play/${id(round)}/overview.docx?lang=${language}`;
}

export function createStateOfPlayClient(fetcher: ApiFetch, language: Language) {
  const headers = { accept: 'application/json', 'accept-language': language };
  const get = async <T>(path: string): Promise<T> => readJson<T>(await fetcher(path, { headers }));
  const send = async <T>(method: string, path: string, csrf: string | undefined, body?: unknown, version?: number) =>
    readJson<T>(
      await fetcher(path, {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
          ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  return {
    list(): Promise<RoundListResponse> {
      return get('/api/v1/state-of-play');
    },
    get(round: string): Promise<RoundResponse> {
      return get(`/api/v1/state-of-play/${id(round)}`);
    },
    open(body: JsonBody, csrf: string | undefined): Promise<RoundResponse> {
      return send('POST', '/api/v1/state-of-play', csrf, body);
    },
    answer(round: string, item: string, version: number, body: JsonBody, csrf: string | undefined): Promise<ItemResponse> {
      return send('PUT', `/api/v1/state-of-play/${id(round)}/items/${id(item)}/answer`, csrf, body, version);
    },
    remind(round: string, csrf: string | undefined): Promise<ReminderResponse> {
      return send('POST', `/api/v1/state-of-play/${id(round)}/reminders`, csrf);
    },
    close(round: string, version: number, csrf: string | undefined): Promise<RoundResponse> {
      return send('POST', `/api/v1/state-of-play/${id(round)}/close`, csrf, undefined, version);
    },
  };
}

export type StateOfPlayClient = ReturnType<typeof createStateOfPlayClient>;
