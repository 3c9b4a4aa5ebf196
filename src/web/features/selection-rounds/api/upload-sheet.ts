/**
 * The upload of a filled-in score sheet from the scores page (docs/SELECTION.md, "Pages"): the
 * multipart form's file, checked for presence and size (the API's 5 MiB), forwarded as it came to
 * PUT …/scores.xlsx with If-Match on the round's version. The API names each refused cell
 * (`Scores!D5`); those names are kept for the page to show.
 */

import type { Problem } from '../../../../contracts/common.contract.js';
import { csrfOf } from '../../../lib/session';
import { type createSetupClient, XLSX_MAX_BYTES } from './setup-client';

/** The page's own refusals (its words are `selectionSetup.uploadMissing` / `uploadTooBig`). */
export const UPLOAD_MISSING = 'upload_missing';
export const UPLOAD_TOO_BIG = 'upload_too_big';

function refusal(code: string): Problem {
  return {
    type: 'about:blank',
    title: code,
    status: 400,
    detail: code,
    code: 'validation_failed',
    invalidParams: [{ name: 'file', code, reason: code }],
  };
}

/** Uploads the sheet: the number of scores saved, or the problem to show with the form. */
export async function uploadSheet(options: {
  form: FormData;
  round: string;
  organisation: string | undefined;
  client: ReturnType<typeof createSetupClient>;
  refusal: (error: unknown) => Problem;
}): Promise<number | Problem> {
  const { form, round, organisation, client } = options;
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) return refusal(UPLOAD_MISSING);
  if (file.size > XLSX_MAX_BYTES) return refusal(UPLOAD_TOO_BIG);
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const result = await client.uploadScores(round, Number(form.get('version')), bytes, organisation, csrfOf(form));
    return result.count;
  } catch (error) {
    return options.refusal(error);
  }
}
