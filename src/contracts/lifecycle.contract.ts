import { z } from 'zod';
import { STATUS_KEYS } from './obstacles.contract.js';
import { ROLE_KEYS } from './session.contract.js';

// The keys below mirror core/lifecycle/lifecycle.ts; contracts.test.ts keeps them equal.
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
export const REQUIREMENT_KEYS = ['analysis', 'referredTo', 'mergedInto', 'routing', 'decision'] as const;
export const EFFECT_KEYS = [
  'links_duplicate_both_ways',
  'reporter_follows_survivor',
  'records_referral',
  'records_decision',
  'clears_closing',
  'records_routing',
  'ends_routing',
] as const;

export const LifecycleSchema = z
  .object({
    closedStatuses: z.array(z.enum(STATUS_KEYS)).meta({ description: 'Statuses in which work on an obstacle has ended.' }),
    transitions: z.array(
      z.object({
        name: z.enum(TRANSITION_NAME_KEYS).meta({ description: 'The stable name of the move (history items name it too).' }),
        from: z.array(z.enum(STATUS_KEYS)),
        to: z.enum(STATUS_KEYS),
        roles: z.array(z.enum(ROLE_KEYS)).meta({ description: 'The roles that may make the move.' }),
        reason: z.enum(['required', 'optional']).meta({ description: 'Whether POST …/transitions must carry a `reason`.' }),
        requires: z.array(z.enum(REQUIREMENT_KEYS)).meta({
          description:
            'What else the move needs: `referredTo` and `mergedInto` are fields of the request; `analysis` the six parts filled in; `routing` and `decision` another module’s use case.',
        }),
        effects: z.array(z.enum(EFFECT_KEYS)),
        madeBy: z
          .enum(['routing', 'decisions'])
          .nullable()
          .meta({ description: 'Made only by another module (routing, recording a decision), never by POST …/transitions.' }),
      }),
    ),
  })
  .meta({ id: 'Lifecycle', description: 'The state machine of an obstacle’s statuses (docs/LIFECYCLE.md).' });
export type LifecycleResponse = z.infer<typeof LifecycleSchema>;
