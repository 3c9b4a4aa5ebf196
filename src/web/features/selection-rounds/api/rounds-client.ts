/**
 * The selection-round part of the JSON API as the pages use it (docs/SELECTION.md, "Rounds"). Every
 * call is a real API request as the page's caller, with Accept-Language set to the reader's language;
 * a refusal comes back as an ApiProblem.
 */

import type { RoundResponse } from '../../../../contracts/selection-rounds.contract.js';
import { type ApiFetch, ApiProblem, CSRF_HEADER } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

export type { RoundResponse };

async function readJson<T>(response: Response): Promise<T> {
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem =
      typeof body === 'object' && body !== null && 'code' in body && 'status' in body && 'detail' in body
        ? (body as ConstructorParameters<typeof ApiProblem>[1])
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

export function createRoundsClient(fetcher: ApiFetch, language: Language) {
  const headers = { accept: 'application/json', 'accept-language': language };
  return {
    async listRounds(): Promise<RoundResponse[]> {
      return (await readJson<{ items: RoundResponse[] }>(await fetcher('/api/v1/selection-rounds', { headers }))).items;
    },
    async createRound(body: unknown, csrf: string | undefined): Promise<RoundResponse> {
      return readJson(
        await fetcher('/api/v1/selection-rounds', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
          body: JSON.stringify(body),
        }),
      );
    },
  };
}
