/**
 * The set-up calls of the round pages (docs/SELECTION.md, "Pages"): the balance rules (PUT …/rules)
 * and a filled-in score sheet (PUT …/scores.xlsx, the file's bytes as they were uploaded). Real API
 * requests as the page's caller, with If-Match on the round's version; a refusal is an ApiProblem.
 */

import type { RoundResponse } from '../../../../contracts/selection-rounds.contract.js';
import { type ApiFetch, CSRF_HEADER, readJson } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The API's limit for an uploaded score sheet (5 MiB). */
export const XLSX_MAX_BYTES = 5 * 1024 * 1024;

export function createSetupClient(fetcher: ApiFetch, language: Language) {
  const base = '/api/v1/selection-rounds';
  const headers = (version: number, csrf: string | undefined, type: string) => ({
    accept: 'application/json',
    'accept-language': language,
    'content-type': type,
    'if-match': `"${version}"`,
    ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
  });
  return {
    /** The sides of a border segment, each with its regions (the sub-regions of the rules). */
    async sides(segment: string): Promise<{ side: string; regions: string[] }[]> {
      const list = await readJson<{ items: { key: string; sides: { side: string; regions: string[] }[] }[] }>(
        await fetcher('/api/v1/segments', { headers: { accept: 'application/json', 'accept-language': language } }),
      );
      return (list.items.find((s) => s.key === segment)?.sides ?? []).map(({ side, regions }) => ({ side, regions }));
    },
    /** Replace the balance rules, the candidates to keep and leave out, and the effort budget. */
    async setRules(round: string, version: number, body: unknown, csrf: string | undefined): Promise<RoundResponse> {
      return readJson(
        await fetcher(`${base}/${encodeURIComponent(round)}/rules`, {
          method: 'PUT',
          headers: headers(version, csrf, 'application/json'),
          body: JSON.stringify(body),
        }),
      );
    },
    /** Upload a filled-in score sheet, for `organisation` (the secretariat) or the caller's own. */
    async uploadScores(
      round: string,
      version: number,
      file: Uint8Array<ArrayBuffer>,
      organisation: string | undefined,
      csrf: string | undefined,
    ): Promise<{ organisation: string; count: number }> {
      const query = organisation ? `?${new URLSearchParams({ organisation }).toString()}` : '';
      return readJson(
        await fetcher(`${base}/${encodeURIComponent(round)}/scores.xlsx${query}`, {
          method: 'PUT',
          headers: headers(version, csrf, XLSX_TYPE),
          body: file,
        }),
      );
    },
  };
}
