/**
 * The actions part of the JSON API as the pages use it: an obstacle's actions and progress, one
 * action, adding and changing one, and the overdue and stale lists. Every call is a real API request
 * as the page's caller, with Accept-Language set; a refusal comes back as an ApiProblem.
 */
import type { ActionListResponse, ActionResponse, MonitoringListResponse } from '../../../../contracts/actions.contract.js';
import type { EscalationListResponse, ObstacleEscalationsResponse } from '../../../../contracts/escalations.contract.js';
import { type ApiFetch, CSRF_HEADER, type JsonBody, readJson } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

export type { ActionListResponse, ActionResponse, EscalationListResponse, MonitoringListResponse, ObstacleEscalationsResponse };

export interface MonitoringFilter {
  level?: string;
  organisation?: string;
  government?: string;
  theme?: string;
  cursor?: string;
}

const id = (value: string) => encodeURIComponent(value);

function query(values: MonitoringFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function createActionsClient(fetcher: ApiFetch, language: Language) {
  const headers = { accept: 'application/json', 'accept-language': language };
  const get = async <T>(path: string): Promise<T> => readJson<T>(await fetcher(path, { headers }));
  const send = async <T>(method: string, path: string, csrf: string | undefined, body: unknown, version?: number) =>
    readJson<T>(
      await fetcher(path, {
        method,
        headers: {
          ...headers,
          'content-type': 'application/json',
          ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
          ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
        },
        body: JSON.stringify(body),
      }),
    );
  return {
    ofObstacle(obstacle: string): Promise<ActionListResponse> {
      return get(`/api/v1/obstacles/${id(obstacle)}/actions`);
    },
    get(action: string): Promise<ActionResponse> {
      return get(`/api/v1/actions/${id(action)}`);
    },
    create(obstacle: string, body: JsonBody, csrf: string | undefined): Promise<ActionResponse> {
      return send('POST', `/api/v1/obstacles/${id(obstacle)}/actions`, csrf, body);
    },
    update(action: string, version: number, body: JsonBody, csrf: string | undefined): Promise<ActionResponse> {
      return send('PATCH', `/api/v1/actions/${id(action)}`, csrf, body, version);
    },
    list(flag: 'overdue' | 'stale', filter: MonitoringFilter): Promise<MonitoringListResponse> {
      return get(`/api/v1/monitoring/${flag}${query(filter)}`);
    },
    escalations(filter: { level?: string; organisation?: string; cursor?: string }): Promise<EscalationListResponse> {
      return get(`/api/v1/escalations${query(filter)}`);
    },
    obstacleEscalations(obstacle: string): Promise<ObstacleEscalationsResponse> {
      return get(`/api/v1/obstacles/${id(obstacle)}/escalations`);
    },
  };
}

export type ActionsClient = ReturnType<typeof createActionsClient>;
