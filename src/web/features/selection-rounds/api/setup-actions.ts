/**
 * The set-up intents of the round page's action (docs/SELECTION.md, "Pages"): `rules` (PUT …/rules
 * with the candidates to keep and leave out and the budget) and `setup` (PATCH capacity, weights,
 * aggregation, deadline), each with If-Match on the version the page showed. A refusal comes back
 * with the form's values and the API's fields renamed to the form's inputs.
 */

import type { Problem } from '../../../../contracts/common.contract.js';
import type { ApiFetch } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';
import { csrfOf } from '../../../lib/session';
import { createRoundsClient } from './rounds-client';
import { createSetupClient } from './setup-client';
import { type FormValues, readRulesForm, readSetupForm, renameFields, shapeFromForm } from './setup-forms';

/** The form's own refusal (its words are the page's: `selectionSetup.both`): a limit for all and per key. */
export const BOTH = 'every_and_per_key';

export type SetupIntent = 'rules' | 'setup';

export const isSetupIntent = (intent: string): intent is SetupIntent => intent === 'rules' || intent === 'setup';

/** Runs a set-up intent: undefined when the API took it, else the problem with the form's values. */
export async function runSetupIntent(options: {
  intent: SetupIntent;
  form: FormData;
  round: string;
  fetcher: ApiFetch;
  language: Language;
  /** The refusal as a problem (4xx); anything else is thrown on. */
  refusal: (error: unknown) => Problem;
}): Promise<{ values: FormValues; problem: Problem } | undefined> {
  const { intent, form, round, fetcher, language, refusal } = options;
  const version = Number(form.get('version'));
  const csrf = csrfOf(form);
  if (intent === 'rules') {
    const request = readRulesForm(form, shapeFromForm(form));
    if (request.both.length > 0) {
      return {
        values: request.values,
        problem: {
          type: 'about:blank',
          title: BOTH,
          status: 400,
          detail: BOTH,
          code: 'validation_failed',
          invalidParams: request.both.map((name) => ({ name, code: BOTH, reason: BOTH })),
        },
      };
    }
    try {
      await createSetupClient(fetcher, language).setRules(round, version, request.body, csrf);
      return undefined;
    } catch (error) {
      return { values: request.values, problem: renameFields(refusal(error), request.fieldOf) };
    }
  }
  const criteria = [...form.keys()].filter((name) => name.startsWith('weight.')).map((name) => name.slice(7));
  const request = readSetupForm(form, criteria);
  try {
    await createRoundsClient(fetcher, language).updateRound(round, version, request.body, csrf);
    return undefined;
  } catch (error) {
    return { values: request.values, problem: renameFields(refusal(error), request.fieldOf) };
  }
}
