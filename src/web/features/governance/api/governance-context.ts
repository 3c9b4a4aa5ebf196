import { type AppLoadContext, data } from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { ApiProblem } from '../../../lib/api-client';
import { serverApi } from '../../../lib/api-context';
import {
  hasSessionCookie,
  loadSession,
  type PlatformAbility,
  refuse,
  signInRedirect,
  type WebSession,
} from '../../../lib/session';
import { createGovernanceClient } from './governance-client';

/** The clients of a page request (server side): the general one, the governance one, the language. */
export function governanceApi(context: AppLoadContext, request: Request) {
  const { api, language } = serverApi(context, request);
  return { api, gov: createGovernanceClient(context.apiFetch, language), language };
}

/** The caller; the public is sent to sign in and a signed-in user without `ability` gets 403. */
export async function requireSession(context: AppLoadContext, request: Request, ability?: PlatformAbility): Promise<WebSession> {
  const session = await loadSession(serverApi(context, request).api, hasSessionCookie(request));
  if (!session.user || (ability && !session.abilities.includes(ability))) refuse(request, session);
  return session;
}

/** A refusal of the API while loading a page: 401 → sign in, 403 → the 403 page, 404 → not found. */
export function pageRefusal(error: unknown, request: Request): unknown {
  if (error instanceof ApiProblem && error.status === 401) return signInRedirect(request);
  if (error instanceof ApiProblem && error.status === 403) return data({ code: error.problem.code }, { status: 403 });
  if (error instanceof ApiProblem && error.status === 404) return data({ code: error.problem.code }, { status: 404 });
  return error;
}

/** A refused form post: the problem to show with the form (4xx), else thrown on. */
export function formRefusal(error: unknown, request: Request): Problem {
  if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
  if (error instanceof ApiProblem && error.status < 500) return error.problem;
  throw error;
}

/** A form field as a trimmed string ('' when absent). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
