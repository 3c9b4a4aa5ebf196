/**
 * The decision side of the selection-round API as the pages use it (docs/SELECTION.md, "Pages"): a
 * what-if solve, two solutions side by side, amendments, the aggregated scores for the report.
 * Every call is a real API request as the page's caller, in the reader's language; a refusal comes
 * back as an ApiProblem.
 */

import type { z } from 'zod';
import type { AggregateSchema, AmendmentSchema, CompareSchema } from '../../../../contracts/selection-rounds.contract.js';
import { type ApiFetch, CSRF_HEADER, readJson } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

export type Comparison = z.infer<typeof CompareSchema>;
export type Aggregate = z.infer<typeof AggregateSchema>;
export type Amendment = z.infer<typeof AmendmentSchema>;

export function createDecisionClient(fetcher: ApiFetch, language: Language) {
  const headers = { accept: 'application/json', 'accept-language': language };
  const base = (round: string) => `/api/v1/selection-rounds/${encodeURIComponent(round)}`;
  const post = async <T>(path: string, body: unknown, csrf: string | undefined): Promise<T> =>
    readJson<T>(
      await fetcher(path, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
        body: JSON.stringify(body),
      }),
    );
  return {
    /** Start a solve with weights, aggregation and rules for this solve only; the round keeps its own. */
    whatIf(round: string, body: Record<string, unknown>, csrf: string | undefined): Promise<{ id: string; status: string }> {
      return post(`${base(round)}/solve`, body, csrf);
    },
    async compare(round: string, a: string, b: string): Promise<Comparison> {
      return readJson(
        await fetcher(`${base(round)}/solutions/${encodeURIComponent(a)}/compare/${encodeURIComponent(b)}`, { headers }),
      );
    },
    amend(
      round: string,
      body: { solutionId: string; obstacleId: string; change: string; reason: string },
      csrf: string | undefined,
    ): Promise<Amendment> {
      return post(`${base(round)}/amendments`, body, csrf);
    },
    async aggregate(round: string): Promise<Aggregate> {
      return readJson(await fetcher(`${base(round)}/aggregate`, { headers }));
    },
  };
}
