import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type LifecycleResponse, LifecycleSchema } from '../../contracts/lifecycle.contract.js';
import { CLOSED_STATUSES, TRANSITIONS } from '../../core/lifecycle/lifecycle.js';

/** The machine as it is in core/lifecycle, for clients that show moves (the web's forms): the same for everyone. */
function presentLifecycle(): LifecycleResponse {
  return {
    closedStatuses: [...CLOSED_STATUSES],
    transitions: TRANSITIONS.map((t) => ({
      name: t.name,
      from: [...t.from],
      to: t.to,
      roles: [...t.roles],
      reason: t.reason,
      requires: [...t.requires],
      effects: [...t.effects],
      madeBy: t.madeBy ?? null,
    })),
  };
}

export function lifecycleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const machine = presentLifecycle();
  api.get(
    '/api/v1/lifecycle',
    {
      schema: {
        tags: ['obstacles'],
        summary: 'The lifecycle: every move, who makes it, whether it needs a reason and what else',
        description:
          'The state machine of docs/LIFECYCLE.md. Which moves a caller may make on one obstacle now is in its `abilities` (`transition:<status>`); this says what each move needs. Public.',
        response: { 200: LifecycleSchema },
      },
    },
    async () => machine,
  );
}
