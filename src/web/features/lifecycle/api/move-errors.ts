import type { Problem } from '../../../../contracts/common.contract.js';
import type { SummaryError } from '../../../components/error-summary';
import { isOneOf, STATUS_KEYS, type StatusKey } from '../../../lib/keys';
import { MOVE_FIELDS, missingParts, moveFieldId } from './moves';

type MoveField = (typeof MOVE_FIELDS)[number];

/** The id of an analysis part's heading on the obstacle page (a refused `propose` links to it). */
export function analysisPartId(part: string): string {
  return `analysis-${part}`;
}

/** The words a refused move is shown with, in the reader's language. */
export interface MoveTexts {
  labels: Record<MoveField, string>;
  status: (status: StatusKey) => string;
  part: (part: string) => string;
  notAllowed: string;
  allowedNow: (statuses: string) => string;
  /** For an information point that is not one: the reader chose from a list. */
  chooseOne: string;
  /** The problem's text when it names no field of the form (a CSRF refusal in the page's words). */
  problemText: string | undefined;
}

/**
 * A refused move as its form shows it: 400 field errors beside `reason`, `referredTo`,
 * `mergedInto` and in the summary (linking to the field); 409 `analysis_incomplete` as the missing
 * parts (linking to them on the page); 409 `transition_not_allowed` with the statuses possible now;
 * anything else as its text. A 412 is not an error of the form (the page says "reload").
 */
export function moveErrors(
  to: string,
  problem: Problem | undefined,
  texts: MoveTexts,
): { errors: Map<MoveField, string>; summary: SummaryError[]; missing: string[] } {
  const errors = new Map<MoveField, string>();
  const summary: SummaryError[] = [];
  const missing = missingParts(problem);
  if (!problem || problem.status === 412) return { errors, summary, missing };
  if (problem.code === 'analysis_incomplete') {
    for (const part of missing) summary.push({ fieldId: analysisPartId(part), text: texts.part(part) });
  } else if (problem.code === 'transition_not_allowed') {
    const allowed = (problem.allowed ?? []).filter((s) => isOneOf(STATUS_KEYS, s)).map((s) => texts.status(s));
    summary.push({
      fieldId: undefined,
      text: allowed.length > 0 ? `${texts.notAllowed} ${texts.allowedNow(allowed.join(', '))}` : texts.notAllowed,
    });
  } else {
    for (const invalid of problem.invalidParams ?? []) {
      const field = isOneOf(MOVE_FIELDS, invalid.name) ? invalid.name : undefined;
      const reason = field === 'referredTo' && invalid.code === 'unknown_key' ? texts.chooseOne : invalid.reason;
      if (field && !errors.has(field)) errors.set(field, reason);
      summary.push({
        fieldId: field ? moveFieldId(to, field) : undefined,
        text: field ? `${texts.labels[field]}: ${reason}` : reason,
      });
    }
    if (summary.length === 0) summary.push({ fieldId: undefined, text: texts.problemText ?? problem.detail });
  }
  return { errors, summary, missing };
}
