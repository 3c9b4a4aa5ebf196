/**
 * The closed key lists of governance the pages need. They equal those of the contracts
 * (keys.test.ts checks it); repeated here because a value from a contract would bring zod into
 * the browser bundle.
 */
export const DECISION_TYPE_KEYS = [
  'administrative_change',
  'legislative_change',
  'derogation',
  'treaty_or_agreement',
  'information_measure',
  'not_to_be_solved',
  'deferred',
] as const;
export const MEETING_STATUS_KEYS = ['planned', 'held'] as const;
export const PROPOSAL_REASON_KEYS = ['escalated', 'awaiting_decision', 'cold_case'] as const;
export const ROUTING_ROLE_KEYS = ['lead', 'involved'] as const;

/** Types whose decision needs reasons (the API refuses them without, naming `reasons`). */
export const TYPES_WITH_REASONS: readonly string[] = ['not_to_be_solved', 'deferred'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date of a filter, or undefined when it is not YYYY-MM-DD (what the date input sends). */
export function isoDate(value: string | null | undefined): string | undefined {
  return value && ISO_DATE.test(value) ? value : undefined;
}
