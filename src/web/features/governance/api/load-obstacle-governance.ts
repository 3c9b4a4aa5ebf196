import type { AppLoadContext } from 'react-router';
import { documentLanguage } from '../../../lib/language';
import { createGovernanceClient, type GovernanceClient } from './governance-client';
import { governanceApi } from './governance-context';

/** The governance client of a page request on the server. */
export function serverGovernance(context: AppLoadContext, request: Request): GovernanceClient {
  return governanceApi(context, request).gov;
}

/** The browser's governance client (the session cookie goes with the same-origin request). */
export function browserGovernance(): GovernanceClient {
  return createGovernanceClient((path, init) => fetch(path, { ...init, credentials: 'same-origin' }), documentLanguage());
}

/**
 * What the obstacle page shows of governance: the routing of the current round (departments, lead
 * or involved, each with its answer and due date; declined ones too), the competence matrix's
 * proposal for a routed obstacle (its reasons and next candidates: the secretariat only), the
 * calendars' names, and the decisions on it, all as the API gives them to the caller. A refusal
 * leaves the part out (the page is the obstacle's; these are extras).
 */
export async function loadObstacleGovernance(gov: GovernanceClient, reference: string | undefined) {
  if (!reference) return { routing: [], proposal: null, calendars: {}, decisions: [] };
  const [routing, decisions] = await Promise.all([
    gov.getRouting(reference).then(
      (answer) => {
        const round = Math.max(0, ...answer.items.map((item) => item.round));
        return answer.items.filter((item) => item.round === round);
      },
      () => [],
    ),
    gov.listDecisions({ obstacle: reference }).then(
      (answer) =>
        answer.items.map(({ id, decidedOn, typeLabel, body, resolved }) => ({
          id,
          decidedOn,
          typeLabel,
          body: body.name,
          text: resolved.text,
        })),
      () => [],
    ),
  ]);
  const [proposal, calendars] =
    routing.length === 0
      ? [null, {}]
      : await Promise.all([
          // Only the secretariat may read the proposal (403 for others: then no reasons are shown).
          gov.routingProposal(reference).then(
            (answer) => ({
              governments: answer.governments,
              reasons: Object.fromEntries(answer.departments.map((d) => [d.organisation, d.reasons])),
              next: answer.next,
            }),
            () => null,
          ),
          gov.calendars().then(
            (answer) => Object.fromEntries(answer.items.map((c) => [c.key, c.label])) as Record<string, string>,
            () => ({}) as Record<string, string>,
          ),
        ]);
  return { routing, proposal, calendars, decisions };
}

export type ObstacleGovernanceData = Awaited<ReturnType<typeof loadObstacleGovernance>>;
