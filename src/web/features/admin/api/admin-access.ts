import { data } from 'react-router';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { hasSessionCookie, loadSession, type PlatformAbility, refuse, signInRedirect } from '../../../lib/session';

/** An API refusal on an admin page: the public signs in, other roles get the 403 page. */
export function refused(error: unknown, request: Request): unknown {
  if (error instanceof ApiProblem && error.status === 401) return signInRedirect(request);
  if (error instanceof ApiProblem && error.status === 403) return data({ code: error.problem.code }, { status: 403 });
  return error;
}

/**
 * For pages whose data anyone may read (the organisations, the intake queue's obstacles) but that
 * serve one kind of user (admins, the secretariat): the
 * caller's abilities decide who sees the page (the API decides again on every change).
 */
export async function requireAbility(
  api: ApiClient,
  request: Request,
  serverRequest: Request | undefined,
  ability: PlatformAbility,
): Promise<void> {
  const session = await loadSession(api, hasSessionCookie(serverRequest));
  if (!session.abilities.includes(ability)) refuse(request, session);
}
