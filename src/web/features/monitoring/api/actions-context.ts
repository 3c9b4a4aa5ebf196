import type { AppLoadContext } from 'react-router';
import { documentLanguage, languageOfRequest } from '../../../lib/language';
import { type ActionsClient, createActionsClient } from './actions-client';

/** The actions client of a page request on the server (as the page's caller). */
export function serverActions(context: AppLoadContext, request: Request): ActionsClient {
  return createActionsClient(context.apiFetch, languageOfRequest(request));
}

/** The browser's actions client (the session cookie goes with the same-origin request). */
export function browserActions(): ActionsClient {
  return createActionsClient((path, init) => fetch(path, { ...init, credentials: 'same-origin' }), documentLanguage());
}

/** What the obstacle page shows of its actions; a refusal leaves the section out (the page is the obstacle's). */
export async function loadObstacleActions(actions: ActionsClient, reference: string | undefined) {
  if (!reference) return null;
  return actions.ofObstacle(reference).catch(() => null);
}

/** The escalation history of the obstacle's actions, for who may read it (the secretariat, departments); else none. */
export async function loadObstacleEscalations(actions: ActionsClient, reference: string | undefined) {
  if (!reference) return null;
  return actions.obstacleEscalations(reference).catch(() => null);
}

export type ObstacleActionsData = Awaited<ReturnType<typeof loadObstacleActions>>;
