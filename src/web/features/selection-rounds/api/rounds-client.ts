/**
 * The selection-round part of the JSON API as the pages use it (docs/SELECTION.md, "Rounds"). Every
 * call is a real API request as the page's caller, with Accept-Language set to the reader's language;
 * a refusal comes back as an ApiProblem.
 */

import type { z } from 'zod';
import type {
  ProgressSchema,
  RoundDetailSchema,
  RoundResponse,
  ScoreSchema,
  SolutionSchema,
} from '../../../../contracts/selection-rounds.contract.js';
import { type ApiFetch, CSRF_HEADER, readJson } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

export type { RoundResponse };
export type RoundDetail = z.infer<typeof RoundDetailSchema>;
export type ScoreItem = z.infer<typeof ScoreSchema>;
export type SolutionDetail = z.infer<typeof SolutionSchema>;
export type ScoringProgress = z.infer<typeof ProgressSchema>;

export function createRoundsClient(fetcher: ApiFetch, language: Language) {
  const headers = { accept: 'application/json', 'accept-language': language };
  const base = '/api/v1/selection-rounds';
  const id = (value: string) => encodeURIComponent(value);
  const send = async <T>(method: string, path: string, csrf: string | undefined, body?: unknown): Promise<T> =>
    readJson<T>(
      await fetcher(path, {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  return {
    async getRound(round: string): Promise<RoundDetail> {
      return readJson(await fetcher(`${base}/${id(round)}`, { headers }));
    },
    async progress(round: string): Promise<ScoringProgress> {
      return readJson(await fetcher(`${base}/${id(round)}/progress`, { headers }));
    },
    /** Change the round (If-Match on its version): `{ status: 'scoring' }` opens it to the partners. */
    async updateRound(round: string, version: number, body: unknown, csrf: string | undefined): Promise<RoundResponse> {
      return readJson(
        await fetcher(`${base}/${id(round)}`, {
          method: 'PATCH',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'if-match': `"${version}"`,
            ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
          },
          body: JSON.stringify(body),
        }),
      );
    },
    async scores(round: string, organisation: string | undefined): Promise<ScoreItem[]> {
      const query = organisation ? `?${new URLSearchParams({ organisation }).toString()}` : '';
      return (await readJson<{ items: ScoreItem[] }>(await fetcher(`${base}/${id(round)}/scores${query}`, { headers }))).items;
    },
    /** Save a batch of scores (If-Match on the round's version). */
    async saveScores(round: string, version: number, body: unknown, csrf: string | undefined): Promise<unknown> {
      return readJson(
        await fetcher(`${base}/${id(round)}/scores`, {
          method: 'PUT',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'if-match': `"${version}"`,
            ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
          },
          body: JSON.stringify(body),
        }),
      );
    },
    async solution(round: string, solution: string): Promise<SolutionDetail> {
      return readJson(await fetcher(`${base}/${id(round)}/solutions/${id(solution)}`, { headers }));
    },
    /** Approve the round's portfolio (If-Match on the round's version). */
    async approve(round: string, version: number, body: unknown, csrf: string | undefined): Promise<unknown> {
      return readJson(
        await fetcher(`${base}/${id(round)}/approve`, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'if-match': `"${version}"`,
            ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
          },
          body: JSON.stringify(body),
        }),
      );
    },
    addCandidate(round: string, obstacle: string, csrf: string | undefined): Promise<unknown> {
      return send('POST', `${base}/${id(round)}/candidates`, csrf, { candidates: [{ obstacle }] });
    },
    removeCandidate(round: string, obstacle: string, csrf: string | undefined): Promise<unknown> {
      return send('DELETE', `${base}/${id(round)}/candidates/${id(obstacle)}`, csrf);
    },
    solve(round: string, csrf: string | undefined): Promise<{ id: string; status: string }> {
      return send('POST', `${base}/${id(round)}/solve`, csrf, {});
    },
    cancel(round: string, solution: string, csrf: string | undefined): Promise<unknown> {
      return send('POST', `${base}/${id(round)}/solutions/${id(solution)}/cancel`, csrf, {});
    },
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
