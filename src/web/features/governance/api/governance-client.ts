/**
 * The governance part of the JSON API as the pages use it: governing bodies, meetings and their
 * agendas, decisions, and the routing of an obstacle. Like lib/api-client, every call is a real API
 * request as the page's caller (the session cookie forwarded by `apiFetch` on the server), with
 * Accept-Language set to the reader's language; a refusal comes back as an ApiProblem.
 */

import type { CalendarListResponse, HolidayListResponse, NormResponse } from '../../../../contracts/calendar.contract.js';
import type {
  AgendaProposalResponse,
  DecisionResponse,
  GoverningBodyResponse,
  MeetingResponse,
} from '../../../../contracts/governance.contract.js';
import type {
  CompetenceCellResponse,
  MyObstaclesResponse,
  RoutingAlertsResponse,
  RoutingListResponse,
  RoutingProposalResponse,
} from '../../../../contracts/routing.contract.js';
import { type ApiFetch, CSRF_HEADER, type JsonBody, type OrganisationDetail, readJson } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';

/** One change of a cell of the competence matrix (GET …/history). */
export interface CompetenceHistoryItem {
  seq: number;
  at: string;
  actor: string;
  changes: { field: 'lead' | 'involved'; before: unknown; after: unknown }[];
}

export type {
  AgendaProposalResponse,
  CalendarListResponse,
  CompetenceCellResponse,
  DecisionResponse,
  GoverningBodyResponse,
  HolidayListResponse,
  MeetingResponse,
  MyObstaclesResponse,
  NormResponse,
  RoutingAlertsResponse,
  RoutingListResponse,
  RoutingProposalResponse,
};

export interface DecisionFilter {
  body?: string;
  type?: string[];
  from?: string;
  to?: string;
  obstacle?: string;
  meeting?: string;
  cursor?: string;
  limit?: number;
}

export interface MeetingFilter {
  body?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

function query(values: Record<string, string | number | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const id = (value: string) => encodeURIComponent(value);

export function createGovernanceClient(fetcher: ApiFetch, language: Language) {
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
    async listBodies(): Promise<GoverningBodyResponse[]> {
      return (await get<{ items: GoverningBodyResponse[] }>('/api/v1/governing-bodies')).items;
    },
    getBody(key: string): Promise<GoverningBodyResponse> {
      return get(`/api/v1/governing-bodies/${id(key)}`);
    },
    createBody(body: JsonBody, csrf: string | undefined): Promise<GoverningBodyResponse> {
      return send('POST', '/api/v1/governing-bodies', csrf, body);
    },
    updateBody(key: string, version: number, body: JsonBody, csrf: string | undefined): Promise<GoverningBodyResponse> {
      return send('PATCH', `/api/v1/governing-bodies/${id(key)}`, csrf, body, version);
    },
    listMeetings(filter: MeetingFilter): Promise<{ items: MeetingResponse[]; nextCursor: string | null }> {
      return get(`/api/v1/meetings${query({ ...filter })}`);
    },
    getMeeting(meeting: string): Promise<MeetingResponse> {
      return get(`/api/v1/meetings/${id(meeting)}`);
    },
    createMeeting(body: JsonBody, csrf: string | undefined): Promise<MeetingResponse> {
      return send('POST', '/api/v1/meetings', csrf, body);
    },
    updateMeeting(meeting: string, version: number, body: JsonBody, csrf: string | undefined): Promise<MeetingResponse> {
      return send('PATCH', `/api/v1/meetings/${id(meeting)}`, csrf, body, version);
    },
    setAgenda(
      meeting: string,
      version: number,
      items: { obstacle: string; note: string | null }[],
      csrf: string | undefined,
    ): Promise<MeetingResponse> {
      return send('PUT', `/api/v1/meetings/${id(meeting)}/agenda`, csrf, { items }, version);
    },
    agendaProposal(meeting: string): Promise<AgendaProposalResponse> {
      return get(`/api/v1/meetings/${id(meeting)}/agenda-proposal`);
    },
    listDecisions(filter: DecisionFilter): Promise<{ items: DecisionResponse[]; nextCursor: string | null }> {
      return get(`/api/v1/decisions${query({ ...filter })}`);
    },
    getDecision(decision: string): Promise<DecisionResponse> {
      return get(`/api/v1/decisions/${id(decision)}`);
    },
    /** Records a decision on an obstacle; `obstacleVersion` goes as If-Match. */
    createDecision(body: JsonBody, obstacleVersion: number, csrf: string | undefined): Promise<DecisionResponse> {
      return send('POST', '/api/v1/decisions', csrf, body, obstacleVersion);
    },
    getRouting(obstacle: string): Promise<RoutingListResponse> {
      return get(`/api/v1/obstacles/${id(obstacle)}/routing`);
    },
    route(obstacle: string, version: number, body: JsonBody, csrf: string | undefined): Promise<RoutingListResponse> {
      return send('POST', `/api/v1/obstacles/${id(obstacle)}/routing`, csrf, body, version);
    },
    /** Adds departments to a routed obstacle (the secretariat); `version` of the obstacle goes as If-Match. */
    addRoutings(obstacle: string, version: number, body: JsonBody, csrf: string | undefined): Promise<RoutingListResponse> {
      return send('POST', `/api/v1/obstacles/${id(obstacle)}/routings`, csrf, body, version);
    },
    /** Governments of routed obstacles where no department accepted or is pending (the secretariat). */
    routingAlerts(): Promise<RoutingAlertsResponse> {
      return get('/api/v1/routing/alerts');
    },
    /** What is routed to the caller's department now (department users). */
    myObstacles(): Promise<MyObstaclesResponse> {
      return get('/api/v1/my/obstacles');
    },
    /** Accept or decline a routing for a department. */
    acknowledge(obstacle: string, organisation: string, body: JsonBody, csrf: string | undefined) {
      return send('POST', `/api/v1/obstacles/${id(obstacle)}/routings/${id(organisation)}/acknowledgement`, csrf, body);
    },
    /** The routing the competence matrix proposes (the secretariat). */
    routingProposal(obstacle: string): Promise<RoutingProposalResponse> {
      return get(`/api/v1/obstacles/${id(obstacle)}/routing/proposal`);
    },
    /** The competence matrix (signed-in users). */
    async competences(): Promise<CompetenceCellResponse[]> {
      return (await get<{ items: CompetenceCellResponse[] }>('/api/v1/competences')).items;
    },
    competence(theme: string, government: string): Promise<CompetenceCellResponse> {
      return get(`/api/v1/competences/${id(theme)}/${id(government)}`);
    },
    competenceHistory(theme: string, government: string): Promise<{ items: CompetenceHistoryItem[] }> {
      return get(`/api/v1/competences/${id(theme)}/${id(government)}/history?limit=500`);
    },
    updateCompetence(theme: string, government: string, version: number, body: JsonBody, csrf: string | undefined) {
      return send<CompetenceCellResponse>('PUT', `/api/v1/competences/${id(theme)}/${id(government)}`, csrf, body, version);
    },
    /** The norm durations per phase (signed-in users). */
    async listNorms(): Promise<NormResponse[]> {
      return (await get<{ items: NormResponse[] }>('/api/v1/norms')).items;
    },
    updateNorm(phase: string, version: number, body: JsonBody, csrf: string | undefined): Promise<NormResponse> {
      return send('PUT', `/api/v1/norms/${id(phase)}`, csrf, body, version);
    },
    calendars(): Promise<CalendarListResponse> {
      return get('/api/v1/calendars');
    },
    holidays(calendar: string, year: number): Promise<HolidayListResponse> {
      return get(`/api/v1/calendars/${id(calendar)}/holidays${query({ year })}`);
    },
    /** The departments (organisations of kind `department`), as they are now. */
    async departments(): Promise<OrganisationDetail[]> {
      const all = (await get<{ items: OrganisationDetail[] }>('/api/v1/organisations')).items;
      return all.filter((organisation) => organisation.kind === 'department');
    },
  };
}

export type GovernanceClient = ReturnType<typeof createGovernanceClient>;
