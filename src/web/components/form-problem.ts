import type { TFunction } from 'i18next';
/**
 * A refused form post as the pages show it: the API's `invalidParams` per field (beside the field
 * and in the error summary, each linking to its field), or the problem's detail when it names no
 * field of the form (a CSRF failure, a conflict).
 */
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../contracts/common.contract.js';
import type { SummaryError } from './error-summary';
import { fieldId } from './form-fields';

export interface FormErrors {
  /** The first error of each field, by the field's name. */
  fields: Map<string, string>;
  summary: SummaryError[];
}

export function formErrors(
  problem: Problem | undefined,
  labels: ReadonlyMap<string, string>,
  /** Fields chosen from a list: the API's list of allowed keys means nothing to the reader, `chooseOne` does. */
  options: { choices?: ReadonlySet<string> | undefined; chooseOne?: string; problemText?: string | undefined } = {},
): FormErrors {
  const fields = new Map<string, string>();
  const summary: SummaryError[] = [];
  if (!problem) return { fields, summary };
  for (const invalid of problem.invalidParams ?? []) {
    const label = labels.get(invalid.name);
    if (label === undefined) continue;
    const reason = options.choices?.has(invalid.name) && options.chooseOne ? options.chooseOne : invalid.reason;
    if (!fields.has(invalid.name)) fields.set(invalid.name, reason);
    summary.push({ fieldId: fieldId(invalid.name), text: `${label}: ${reason}` });
  }
  if (summary.length === 0) summary.push({ fieldId: undefined, text: options.problemText ?? problem.detail });
  return { fields, summary };
}

/**
 * `formErrors` in the reader's language, where the page has its own words: a refused CSRF token
 * (the API's detail speaks to programmers) and a choice from a list.
 */
export function useFormErrors(
  problem: Problem | undefined,
  labels: ReadonlyMap<string, string>,
  choices?: ReadonlySet<string>,
): FormErrors {
  const { t } = useTranslation();
  return formErrors(problem, labels, { choices, chooseOne: t('form.chooseOne'), problemText: problemText(t, problem) });
}

/** The text for a problem that names no field: our own for a CSRF refusal, else the API's detail. */
export function problemText(t: TFunction, problem: Problem | undefined): string | undefined {
  if (!problem) return undefined;
  return problem.code === 'csrf_failed' ? t('error.csrfText') : problem.detail;
}
