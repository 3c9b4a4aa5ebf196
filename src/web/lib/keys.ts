/**
 * The closed key lists the pages need (statuses, types…). They equal those of the contracts
 * (keys.test.ts checks it); they are repeated here because importing a value from a contract
 * would bring zod into the browser bundle.
 */
export const STATUS_KEYS = [
  'reported',
  'intake',
  'analysis',
  'proposed',
  'selected',
  'not_selected',
  'monitoring_list',
  'routed',
  'decided',
  'in_progress',
  'solved',
  'partially_solved',
  'unsolvable',
  'closed_not_an_obstacle',
  'referred',
  'merged',
  'withdrawn',
] as const;
export const TYPE_KEYS = ['legal', 'administrative', 'information', 'infrastructure', 'other'] as const;
export const VISIBILITY_KEYS = ['public', 'partners', 'internal'] as const;
export const REPORTER_TYPE_KEYS = [
  'citizen',
  'company',
  'municipality',
  'province',
  'euregio',
  'information_point',
  'department',
  'other',
] as const;
export const CHANNEL_KEYS = ['web', 'email', 'phone', 'letter', 'meeting', 'information_point', 'api', 'import'] as const;
export const PROVISION_LEVEL_KEYS = ['eu', 'international', 'national', 'federal', 'regional', 'local'] as const;
export const SORT_KEYS = [
  '-updatedAt',
  'updatedAt',
  '-createdAt',
  'createdAt',
  'reference',
  '-reference',
  'relevance',
  'clarificationDue',
  '-clarificationDue',
] as const;

export const ROLE_KEYS = ['admin', 'secretariat', 'partner', 'department', 'decision_maker', 'observer'] as const;
export const ORGANISATION_KIND_KEYS = [
  'secretariat',
  'department',
  'region',
  'euregio',
  'information_point',
  'knowledge_institute',
  'municipality',
] as const;

/** The moves of the lifecycle (contracts/lifecycle.contract.ts): each has a label. */
export const TRANSITION_NAME_KEYS = [
  'start_intake',
  'start_analysis',
  'close_not_an_obstacle',
  'refer',
  'merge',
  'propose',
  'select',
  'not_select',
  'put_on_monitoring_list',
  'route',
  'return_to_analysis',
  'decide',
  'decide_not_to_solve',
  'start_work',
  'solve',
  'solve_partially',
  'declare_unsolvable',
  'withdraw',
  'reopen',
] as const;

export type StatusKey = (typeof STATUS_KEYS)[number];
export type TypeKey = (typeof TYPE_KEYS)[number];
export type SortKey = (typeof SORT_KEYS)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
