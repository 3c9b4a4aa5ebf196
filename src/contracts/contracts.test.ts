import { describe, expect, it } from 'vitest';
import { OBSTACLE_ABILITIES, PLATFORM_ABILITIES, ROLES } from '../core/access/access.js';
import { ACTION_KINDS, ACTION_LIMITS as CORE_ACTION_LIMITS } from '../core/actions/action.js';
import type { ActionAbility } from '../core/actions/manage-actions.js';
import { NORM_PHASES, NORM_UNITS } from '../core/calendar/norms.js';
import { CALENDAR_KEYS } from '../core/calendar/working-days.js';
import { DASHBOARD_LIST_LIMIT } from '../core/dashboard/dashboard.js';
import { DECISION_TYPES, MEETING_STATUSES } from '../core/governance/governance.js';
import { EFFECTS, REQUIREMENTS, TRANSITION_NAMES } from '../core/lifecycle/lifecycle.js';
import { ESCALATION_LEVELS } from '../core/monitoring/escalation.js';
import { ACTION_STATUSES, RAGS } from '../core/monitoring/rag.js';
import { NOTIFICATION_KINDS } from '../core/notifications/notification.js';
import {
  CHANNELS,
  TEXT_LIMITS as CORE_TEXT_LIMITS,
  OBSTACLE_STATUSES,
  OBSTACLE_TYPES,
  PROVISION_LEVELS,
  REPORTER_TYPES,
  VISIBILITIES,
} from '../core/obstacles/obstacle.js';
import { SORTS } from '../core/obstacles/ports.js';
import { ORGANISATION_KINDS } from '../core/organisations/manage-organisations.js';
import { ACKNOWLEDGEMENTS, ROUTING_ROLES } from '../core/routing/ports.js';
import { LANGUAGES } from '../core/shared/language.js';
import type { RoundAbility } from '../core/state-of-play/read-state-of-play.js';
import { STATE_OF_PLAY_LIMITS as CORE_STATE_OF_PLAY_LIMITS, ROUND_STATUSES } from '../core/state-of-play/state-of-play.js';
import { type ACTION_ABILITY_KEYS, ACTION_KIND_KEYS, ACTION_LIMITS, ACTION_STATUS_KEYS, RAG_KEYS } from './actions.contract.js';
import { CALENDAR_KEY_LIST, NORM_PHASE_KEYS, NORM_UNIT_KEYS } from './calendar.contract.js';
import { LANGUAGE_KEYS } from './common.contract.js';
import { DASHBOARD_LIST_SIZE } from './dashboard.contract.js';
import { ESCALATION_LEVEL_KEYS } from './escalations.contract.js';
import { DECISION_TYPE_KEYS, MEETING_STATUS_KEYS } from './governance.contract.js';
import { NOTIFICATION_KIND_KEYS } from './inbox.contract.js';
import { EFFECT_KEYS, REQUIREMENT_KEYS, TRANSITION_NAME_KEYS } from './lifecycle.contract.js';
import {
  CHANNEL_KEYS,
  OBSTACLE_ABILITY_KEYS,
  PROVISION_LEVEL_KEYS,
  REPORTER_TYPE_KEYS,
  SORT_KEYS,
  STATUS_KEYS,
  TEXT_LIMITS,
  TYPE_KEYS,
  VISIBILITY_KEYS,
} from './obstacles.contract.js';
import { ORGANISATION_KIND_KEYS } from './reference.contract.js';
import { ACKNOWLEDGEMENT_KEYS, ROUTING_ROLE_KEYS } from './routing.contract.js';
import { PLATFORM_ABILITY_KEYS, ROLE_KEYS } from './session.contract.js';
import { type ROUND_ABILITY_KEYS, ROUND_STATUS_KEYS, STATE_OF_PLAY_LIMITS } from './state-of-play.contract.js';

// The contracts may not import core (dependency rule), so they repeat its closed unions; these
// tests keep the two copies equal, in the same order.
describe('the contract keys mirror the core', () => {
  it.each([
    ['STATUS_KEYS', STATUS_KEYS, 'OBSTACLE_STATUSES', OBSTACLE_STATUSES],
    ['TYPE_KEYS', TYPE_KEYS, 'OBSTACLE_TYPES', OBSTACLE_TYPES],
    ['VISIBILITY_KEYS', VISIBILITY_KEYS, 'VISIBILITIES', VISIBILITIES],
    ['REPORTER_TYPE_KEYS', REPORTER_TYPE_KEYS, 'REPORTER_TYPES', REPORTER_TYPES],
    ['CHANNEL_KEYS', CHANNEL_KEYS, 'CHANNELS', CHANNELS],
    ['PROVISION_LEVEL_KEYS', PROVISION_LEVEL_KEYS, 'PROVISION_LEVELS', PROVISION_LEVELS],
    ['SORT_KEYS', SORT_KEYS, 'SORTS', SORTS],
    ['LANGUAGE_KEYS', LANGUAGE_KEYS, 'LANGUAGES', LANGUAGES],
    ['ROLE_KEYS', ROLE_KEYS, 'ROLES', ROLES],
    ['ORGANISATION_KIND_KEYS', ORGANISATION_KIND_KEYS, 'ORGANISATION_KINDS', ORGANISATION_KINDS],
    ['PLATFORM_ABILITY_KEYS', PLATFORM_ABILITY_KEYS, 'PLATFORM_ABILITIES', PLATFORM_ABILITIES],
    ['OBSTACLE_ABILITY_KEYS', OBSTACLE_ABILITY_KEYS, 'OBSTACLE_ABILITIES', OBSTACLE_ABILITIES],
    ['DECISION_TYPE_KEYS', DECISION_TYPE_KEYS, 'DECISION_TYPES', DECISION_TYPES],
    ['MEETING_STATUS_KEYS', MEETING_STATUS_KEYS, 'MEETING_STATUSES', MEETING_STATUSES],
    ['ROUTING_ROLE_KEYS', ROUTING_ROLE_KEYS, 'ROUTING_ROLES', ROUTING_ROLES],
    ['ACKNOWLEDGEMENT_KEYS', ACKNOWLEDGEMENT_KEYS, 'ACKNOWLEDGEMENTS', ACKNOWLEDGEMENTS],
    ['NORM_PHASE_KEYS', NORM_PHASE_KEYS, 'NORM_PHASES', NORM_PHASES],
    ['NORM_UNIT_KEYS', NORM_UNIT_KEYS, 'NORM_UNITS', NORM_UNITS],
    ['CALENDAR_KEY_LIST', CALENDAR_KEY_LIST, 'CALENDAR_KEYS', CALENDAR_KEYS],
    ['TRANSITION_NAME_KEYS', TRANSITION_NAME_KEYS, 'TRANSITION_NAMES', TRANSITION_NAMES],
    ['REQUIREMENT_KEYS', REQUIREMENT_KEYS, 'REQUIREMENTS', REQUIREMENTS],
    ['EFFECT_KEYS', EFFECT_KEYS, 'EFFECTS', EFFECTS],
    ['NOTIFICATION_KIND_KEYS', NOTIFICATION_KIND_KEYS, 'NOTIFICATION_KINDS', NOTIFICATION_KINDS],
    ['ACTION_KIND_KEYS', ACTION_KIND_KEYS, 'ACTION_KINDS', ACTION_KINDS],
    ['ACTION_STATUS_KEYS', ACTION_STATUS_KEYS, 'ACTION_STATUSES', ACTION_STATUSES],
    ['RAG_KEYS', RAG_KEYS, 'RAGS', RAGS],
    ['ROUND_STATUS_KEYS', ROUND_STATUS_KEYS, 'ROUND_STATUSES', ROUND_STATUSES],
    ['ESCALATION_LEVEL_KEYS', ESCALATION_LEVEL_KEYS, 'ESCALATION_LEVELS', ESCALATION_LEVELS],
  ] as const)('%s equals %s', (_contractName, contractKeys, _coreName, coreKeys) => {
    expect([...contractKeys]).toEqual([...coreKeys]);
    expect(new Set(contractKeys).size).toBe(contractKeys.length);
  });

  it('TEXT_LIMITS equals the core TEXT_LIMITS', () => {
    expect(TEXT_LIMITS).toEqual(CORE_TEXT_LIMITS);
  });

  it('ACTION_LIMITS equals the core ACTION_LIMITS', () => {
    expect(ACTION_LIMITS).toEqual(CORE_ACTION_LIMITS);
  });

  it('STATE_OF_PLAY_LIMITS equals the core STATE_OF_PLAY_LIMITS', () => {
    expect(STATE_OF_PLAY_LIMITS).toEqual(CORE_STATE_OF_PLAY_LIMITS);
  });

  it('DASHBOARD_LIST_SIZE equals the core DASHBOARD_LIST_LIMIT', () => {
    expect(DASHBOARD_LIST_SIZE).toBe(DASHBOARD_LIST_LIMIT);
  });
});

// Compile-time half of the same check: each line fails `tsc` when the unions drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAtCompileTime: Record<string, true> = {
  status: true satisfies Same<(typeof STATUS_KEYS)[number], (typeof OBSTACLE_STATUSES)[number]>,
  type: true satisfies Same<(typeof TYPE_KEYS)[number], (typeof OBSTACLE_TYPES)[number]>,
  visibility: true satisfies Same<(typeof VISIBILITY_KEYS)[number], (typeof VISIBILITIES)[number]>,
  reporterType: true satisfies Same<(typeof REPORTER_TYPE_KEYS)[number], (typeof REPORTER_TYPES)[number]>,
  channel: true satisfies Same<(typeof CHANNEL_KEYS)[number], (typeof CHANNELS)[number]>,
  provisionLevel: true satisfies Same<(typeof PROVISION_LEVEL_KEYS)[number], (typeof PROVISION_LEVELS)[number]>,
  sort: true satisfies Same<(typeof SORT_KEYS)[number], (typeof SORTS)[number]>,
  textLimits: true satisfies Same<typeof TEXT_LIMITS, typeof CORE_TEXT_LIMITS>,
  decisionType: true satisfies Same<(typeof DECISION_TYPE_KEYS)[number], (typeof DECISION_TYPES)[number]>,
  meetingStatus: true satisfies Same<(typeof MEETING_STATUS_KEYS)[number], (typeof MEETING_STATUSES)[number]>,
  actionKind: true satisfies Same<(typeof ACTION_KIND_KEYS)[number], (typeof ACTION_KINDS)[number]>,
  actionStatus: true satisfies Same<(typeof ACTION_STATUS_KEYS)[number], (typeof ACTION_STATUSES)[number]>,
  rag: true satisfies Same<(typeof RAG_KEYS)[number], (typeof RAGS)[number]>,
  escalationLevel: true satisfies Same<(typeof ESCALATION_LEVEL_KEYS)[number], (typeof ESCALATION_LEVELS)[number]>,
  actionAbility: true satisfies Same<(typeof ACTION_ABILITY_KEYS)[number], ActionAbility>,
  roundAbility: true satisfies Same<(typeof ROUND_ABILITY_KEYS)[number], RoundAbility>,
};

it('the unions are equal at compile time too', () => {
  expect(Object.values(sameAtCompileTime).every(Boolean)).toBe(true);
});
