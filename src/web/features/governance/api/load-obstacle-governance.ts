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
 * What the obstacle page shows of governance: the routing (departments, lead or involved; ended
 * ones left out) and the decisions on it, both as the API gives them to the caller. A refusal
 * leaves the part out (the page is the obstacle's; these are extras).
 */
export async function loadObstacleGovernance(gov: GovernanceClient, reference: string | undefined) {
  if (!reference) return { routing: [], decisions: [] };
  const [routing, decisions] = await Promise.all([
    gov.getRouting(reference).then(
      (answer) => answer.items.filter((item) => item.endedAt === null),
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
  return { routing, decisions };
}

export type ObstacleGovernanceData = Awaited<ReturnType<typeof loadObstacleGovernance>>;
