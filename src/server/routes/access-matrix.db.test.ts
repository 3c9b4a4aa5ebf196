/**
 * Every role against every endpoint (issue 3 of 6): allowed → success, not allowed → 403 (or 404
 * where the caller may not even know the obstacle exists), not signed in → 401. Grows with every
 * later endpoint. Also the attacks on the obstacle routes: another organisation's obstacle (IDOR)
 * and a role or organisation sent in a body (mass assignment).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { routingRow } from '../../../test-support/routings.js';
import { SYSTEM_ACTOR } from '../../core/access/access.js';
import { createAction } from '../../core/actions/manage-actions.js';
import { planMeeting } from '../../core/governance/manage-meetings.js';
import { recordDecision } from '../../core/governance/record-decision.js';
import { addUser } from '../../core/identity/add-user.js';
import { defaultMonitoringSettings } from '../../core/monitoring/settings.js';
import type { NewObstacle, ObstacleStatus, Visibility } from '../../core/obstacles/obstacle.js';
import { registerObstacle } from '../../core/obstacles/register-obstacle.js';
import { KyselyIdentityStore } from '../../db/repositories/identity-store.js';
import { KyselyRoutingRepository } from '../../db/repositories/routing-repository.js';
import { createPersistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';
import { argon2idHasher } from '../password-hasher.js';

const CALLERS = [
  'anonymous',
  'admin',
  'secretariat',
  'partner',
  'other_partner',
  'department',
  'decision_maker',
  'observer',
] as const;
type Caller = (typeof CALLERS)[number];

const REPORT = {
  title: { nl: 'Toegangsproef' },
  summary: { nl: 'Wie mag wat?' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  type: 'legal',
  visibility: 'partners',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
} as const;

const OBSTACLES = [
  'public',
  'partners',
  'internal',
  'otherOrganisation',
  'inAnalysis',
  'toMove',
  'decided',
  'routedToDefer',
  'routedToDecide',
  'routedDecided',
  'publicDecided',
  'internalDecided',
  'toRoute',
  'routedHere',
  'routedElsewhere',
] as const;
type Fixture = (typeof OBSTACLES)[number];

const FIXTURES: Record<Fixture, { visibility: Visibility; organisation: string; status: ObstacleStatus }> = {
  public: { visibility: 'public', organisation: 'nl-li', status: 'reported' },
  partners: { visibility: 'partners', organisation: 'nl-li', status: 'intake' },
  internal: { visibility: 'internal', organisation: 'nl-li', status: 'reported' },
  otherOrganisation: { visibility: 'partners', organisation: 'be-vli', status: 'reported' },
  inAnalysis: { visibility: 'partners', organisation: 'nl-li', status: 'analysis' },
  toMove: { visibility: 'partners', organisation: 'nl-li', status: 'reported' },
  decided: { visibility: 'partners', organisation: 'nl-li', status: 'decided' },
  routedToDefer: { visibility: 'partners', organisation: 'nl-li', status: 'routed' },
  routedToDecide: { visibility: 'partners', organisation: 'nl-li', status: 'routed' },
  routedDecided: { visibility: 'partners', organisation: 'nl-li', status: 'routed' },
  publicDecided: { visibility: 'public', organisation: 'nl-li', status: 'routed' },
  internalDecided: { visibility: 'internal', organisation: 'nl-li', status: 'routed' },
  toRoute: { visibility: 'partners', organisation: 'nl-li', status: 'selected' },
  // Internal, routed to the department's organisation (nl-szw) and to another one (nl-bzk).
  routedHere: { visibility: 'internal', organisation: 'nl-li', status: 'routed' },
  routedElsewhere: { visibility: 'internal', organisation: 'nl-li', status: 'routed' },
};

/** A decision the governance rows send (the obstacle is filled in per row). */
const DECISION = {
  body: 'grensoverleg-vl-nl',
  type: 'administrative_change',
  text: { nl: 'Besloten in het overleg.' },
  sourceLanguage: 'nl',
} as const;

/** The department each routed fixture goes to. */
const ROUTED_TO: Partial<Record<Fixture, string>> = { routedHere: 'nl-szw', routedElsewhere: 'nl-bzk' };

type Expect = Record<Caller, number>;
const all = (status: number, overrides: Partial<Expect> = {}): Expect => ({
  anonymous: status,
  admin: status,
  secretariat: status,
  partner: status,
  other_partner: status,
  department: status,
  decision_maker: status,
  observer: status,
  ...overrides,
});

/**
 * [endpoint, what it does, expected status per caller, the problem's code when not the usual one
 * for its status: one code for every refusal, or a code per status].
 */
const MATRIX: [
  string,
  {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT';
    path: string | Fixture;
    suffix?:
      | '/transitions'
      | '/history'
      | '/routing'
      | '/actions'
      | '/routing/proposal'
      | '/routings'
      | '/routings/nl-szw/acknowledgement'
      | '/escalations';
    body?: object;
    /** Send `If-Match: *` (PATCH and moves always do). */
    ifMatch?: boolean;
  },
  Expect,
  (string | Partial<Record<number, string>>)?,
][] = [
  [
    'POST /obstacles/{id}/transitions reported → intake',
    { method: 'POST', path: 'toMove', suffix: '/transitions', body: { to: 'intake' } },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'POST /obstacles/{id}/transitions decided → in_progress',
    { method: 'POST', path: 'decided', suffix: '/transitions', body: { to: 'in_progress' } },
    // The secretariat starts the work first; then the department may make no move from `in_progress`,
    // and a decision maker could (declare it unsolvable), but not this one: 409.
    all(403, { anonymous: 401, secretariat: 200, decision_maker: 409 }),
  ],
  [
    'POST /obstacles/{id}/transitions on an internal obstacle',
    { method: 'POST', path: 'internal', suffix: '/transitions', body: { to: 'intake' } },
    all(404, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'POST /obstacles/{id}/transitions with an invalid body',
    { method: 'POST', path: 'partners', suffix: '/transitions', body: { to: 'heaven' } },
    all(400, { anonymous: 401 }),
  ],
  [
    'GET /obstacles/{id}/history of a partners obstacle',
    { method: 'GET', path: 'partners', suffix: '/history' },
    all(200, { anonymous: 404 }),
  ],
  [
    'GET /obstacles/{id}/history of an internal obstacle',
    { method: 'GET', path: 'internal', suffix: '/history' },
    all(404, { secretariat: 200 }),
  ],
  [
    'POST /obstacles/{id}/routing of a selected obstacle',
    {
      method: 'POST',
      path: 'toRoute',
      suffix: '/routing',
      body: { departments: [{ organisation: 'nl-szw', role: 'lead' }] },
    },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'POST /obstacles/{id}/routing of an internal obstacle routed elsewhere',
    {
      method: 'POST',
      path: 'routedElsewhere',
      suffix: '/routing',
      body: { departments: [{ organisation: 'nl-szw', role: 'lead' }] },
    },
    all(404, { anonymous: 401, secretariat: 409 }),
  ],
  [
    'POST /obstacles/{id}/routing with an invalid body',
    { method: 'POST', path: 'toRoute', suffix: '/routing', body: { departments: [{ organisation: 'nl-szw', role: 'chief' }] } },
    all(400, { anonymous: 401 }),
  ],
  [
    'GET /obstacles/{id}/routing of a partners obstacle',
    { method: 'GET', path: 'partners', suffix: '/routing' },
    all(200, { anonymous: 404 }),
  ],
  [
    'GET /obstacles/{id}/routing of an internal obstacle routed to the department',
    { method: 'GET', path: 'routedHere', suffix: '/routing' },
    all(404, { secretariat: 200, department: 200 }),
  ],
  [
    'GET /obstacles/{id}/routing of an internal obstacle routed to another department',
    { method: 'GET', path: 'routedElsewhere', suffix: '/routing' },
    all(404, { secretariat: 200 }),
  ],
  [
    'POST /obstacles/{id}/actions of an internal obstacle the department leads',
    {
      method: 'POST',
      path: 'routedHere',
      suffix: '/actions',
      body: { title: { nl: 'Actie' }, sourceLanguage: 'nl', owner: { organisation: 'nl-szw' }, dueOn: '2027-06-30' },
    },
    all(404, { anonymous: 401, secretariat: 201, department: 201 }),
  ],
  [
    'POST /obstacles/{id}/actions of a decided obstacle the department does not lead',
    {
      method: 'POST',
      path: 'decided',
      suffix: '/actions',
      body: { title: { nl: 'Actie' }, sourceLanguage: 'nl', owner: { organisation: 'nl-szw' }, dueOn: '2027-06-30' },
    },
    all(403, { anonymous: 401, secretariat: 201 }),
  ],
  [
    'POST /obstacles/{id}/actions with an invalid body',
    { method: 'POST', path: 'decided', suffix: '/actions', body: { title: { nl: 'Actie' }, progress: 101 } },
    all(400, { anonymous: 401 }),
  ],
  [
    'GET /obstacles/{id}/actions of a partners obstacle',
    { method: 'GET', path: 'partners', suffix: '/actions' },
    all(200, { anonymous: 404 }),
  ],
  [
    'GET /obstacles/{id}/actions of an internal obstacle routed to the department',
    { method: 'GET', path: 'routedHere', suffix: '/actions' },
    all(404, { secretariat: 200, department: 200 }),
  ],
  [
    'GET /actions/{id} of an internal obstacle routed to the department',
    { method: 'GET', path: '/api/v1/actions/:action' },
    all(404, { secretariat: 200, department: 200 }),
    'action_not_found',
  ],
  [
    'PATCH /actions/{id} progress (the owner department reports)',
    { method: 'PATCH', path: '/api/v1/actions/:action', body: { progress: 10 } },
    all(404, { anonymous: 401, secretariat: 200, department: 200 }),
    { 404: 'action_not_found' },
  ],
  [
    'PATCH /actions/{id} due date (the plan: the secretariat)',
    { method: 'PATCH', path: '/api/v1/actions/:action', body: { dueOn: '2028-01-31' } },
    all(404, { anonymous: 401, secretariat: 200, department: 403 }),
    { 404: 'action_not_found' },
  ],
  [
    'PATCH /actions/{id} of a partners obstacle, owned by another department',
    { method: 'PATCH', path: '/api/v1/actions/:otherAction', body: { progress: 20 } },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  ['GET /monitoring/overdue', { method: 'GET', path: '/api/v1/monitoring/overdue' }, all(200, { anonymous: 401 })],
  [
    'GET /monitoring/stale',
    { method: 'GET', path: '/api/v1/monitoring/stale?organisation=nl-szw' },
    all(200, { anonymous: 401 }),
  ],
  [
    'GET /escalations (the secretariat; a department its own)',
    { method: 'GET', path: '/api/v1/escalations' },
    all(403, { anonymous: 401, secretariat: 200, department: 200 }),
  ],
  [
    'GET /escalations of another organisation',
    { method: 'GET', path: '/api/v1/escalations?organisation=nl-bzk' },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'GET /obstacles/{id}/escalations of an internal obstacle routed to the department',
    { method: 'GET', path: 'routedHere', suffix: '/escalations' },
    all(403, { anonymous: 401, secretariat: 200, department: 200 }),
  ],
  [
    'GET /obstacles/{id}/escalations of an internal obstacle routed to another department (IDOR)',
    { method: 'GET', path: 'routedElsewhere', suffix: '/escalations' },
    all(403, { anonymous: 401, secretariat: 200, department: 404 }),
  ],
  [
    'GET an internal obstacle routed to the department',
    { method: 'GET', path: 'routedHere' },
    all(404, { secretariat: 200, department: 200 }),
  ],
  [
    'GET an internal obstacle routed to another department (IDOR)',
    { method: 'GET', path: 'routedElsewhere' },
    all(404, { secretariat: 200 }),
  ],
  [
    'GET /obstacles/{id}/history of an internal obstacle routed to the department',
    { method: 'GET', path: 'routedHere', suffix: '/history' },
    all(404, { secretariat: 200, department: 200 }),
  ],
  ['GET /lifecycle', { method: 'GET', path: '/api/v1/lifecycle' }, all(200)],
  ['GET /session', { method: 'GET', path: '/api/v1/session' }, all(200, { anonymous: 401 })],
  ['GET /abilities', { method: 'GET', path: '/api/v1/abilities' }, all(200)],
  ['GET /session/providers', { method: 'GET', path: '/api/v1/session/providers' }, all(200)],
  [
    'GET /session/oidc/{key} of an unknown provider',
    { method: 'GET', path: '/api/v1/session/oidc/elsewhere' },
    all(404),
    'oidc_provider_unknown',
  ],
  [
    'GET /session/oidc/{key} with a returnTo on another site',
    { method: 'GET', path: '/api/v1/session/oidc/down?returnTo=%2F%2Fevil.example' },
    all(400),
  ],
  [
    'GET /session/oidc/{key} of a provider that cannot be reached',
    { method: 'GET', path: '/api/v1/session/oidc/down?returnTo=%2Fobstacles' },
    all(502),
    'oidc_failed',
  ],
  [
    'GET /session/oidc/{key}/callback without a started sign-in (to the sign-in page)',
    { method: 'GET', path: '/api/v1/session/oidc/down/callback?code=guessed&state=guessed' },
    all(303),
  ],
  [
    'PUT /session/password with a wrong current password',
    {
      method: 'PUT',
      path: '/api/v1/session/password',
      body: { currentPassword: 'geraden', newPassword: 'een nieuwe lange zin' },
    },
    all(400, { anonymous: 401 }),
  ],
  ['GET /obstacles', { method: 'GET', path: '/api/v1/obstacles' }, all(200)],
  ['GET a public obstacle', { method: 'GET', path: 'public' }, all(200)],
  ['GET a partners obstacle', { method: 'GET', path: 'partners' }, all(200, { anonymous: 404 })],
  ['GET an internal obstacle', { method: 'GET', path: 'internal' }, all(404, { secretariat: 200 })],
  [
    'POST /obstacles',
    { method: 'POST', path: '/api/v1/obstacles', body: REPORT },
    all(403, { anonymous: 201, secretariat: 201, partner: 201, other_partner: 201 }),
  ],
  [
    'PATCH own organisation’s obstacle in intake',
    { method: 'PATCH', path: 'partners', body: { summary: { nl: 'Gewijzigd' } } },
    all(403, { anonymous: 401, secretariat: 200, partner: 200 }),
  ],
  [
    'PATCH own organisation’s obstacle in analysis',
    { method: 'PATCH', path: 'inAnalysis', body: { summary: { nl: 'Gewijzigd' } } },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'PATCH another organisation’s obstacle',
    { method: 'PATCH', path: 'otherOrganisation', body: { summary: { nl: 'Gewijzigd' } } },
    all(403, { anonymous: 401, secretariat: 200, other_partner: 200 }),
  ],
  [
    'PATCH an internal obstacle',
    { method: 'PATCH', path: 'internal', body: { summary: { nl: 'Gewijzigd' } } },
    all(404, { anonymous: 401, secretariat: 200 }),
  ],
  ['GET /users', { method: 'GET', path: '/api/v1/users' }, all(403, { anonymous: 401, admin: 200 })],
  [
    'POST /users',
    {
      method: 'POST',
      path: '/api/v1/users',
      body: { email: 'nieuw@example.org', name: 'Nieuw', role: 'observer', organisation: 'item' },
    },
    all(403, { anonymous: 401, admin: 201 }),
  ],
  [
    'POST /users with an invalid body',
    { method: 'POST', path: '/api/v1/users', body: { email: 'x@example.org', name: 'X', role: 'emperor', organisation: 'item' } },
    all(400, { anonymous: 401 }),
  ],
  [
    'POST /organisations',
    {
      method: 'POST',
      path: '/api/v1/organisations',
      body: { key: 'gemeente-vaals', name: 'Gemeente Vaals', government: 'nl', kind: 'municipality' },
    },
    all(403, { anonymous: 401, admin: 201 }),
  ],
  [
    'PATCH /organisations/{key}',
    { method: 'PATCH', path: '/api/v1/organisations/item', body: { name: 'ITEM (Universiteit Maastricht)' } },
    all(403, { anonymous: 401, admin: 200 }),
  ],
  [
    'PATCH /organisations/{key} with an invalid body',
    { method: 'PATCH', path: '/api/v1/organisations/item', body: { kind: 'castle' } },
    all(400, { anonymous: 401 }),
  ],
  [
    'POST /users/{id}/password-link',
    { method: 'POST', path: '/api/v1/users/:target/password-link' },
    all(403, { anonymous: 401, admin: 201 }),
  ],
  [
    'POST /password with an unknown link',
    { method: 'POST', path: '/api/v1/password', body: { token: 'skl_link_geraden', password: 'een lange zin hier' } },
    all(410),
  ],
  [
    'POST /users/{id}/disable',
    { method: 'POST', path: '/api/v1/users/:target/disable' },
    all(403, { anonymous: 401, admin: 200 }),
  ],
  [
    'PATCH with an invalid body',
    { method: 'PATCH', path: 'partners', body: { summary: 'geen object' } },
    all(400, { anonymous: 401 }),
  ],
  ['GET /governing-bodies', { method: 'GET', path: '/api/v1/governing-bodies' }, all(200)],
  ['GET /governing-bodies/{key}', { method: 'GET', path: '/api/v1/governing-bodies/nl-nrw' }, all(200)],
  [
    'GET /governing-bodies/{key} of an unknown body',
    { method: 'GET', path: '/api/v1/governing-bodies/nergens' },
    all(404),
    'governing_body_not_found',
  ],
  [
    'POST /governing-bodies',
    {
      method: 'POST',
      path: '/api/v1/governing-bodies',
      body: { key: 'benelux-comite', name: { nl: 'Benelux Comité van Ministers' }, governments: ['nl', 'be', 'benelux'] },
    },
    all(403, { anonymous: 401, secretariat: 201 }),
  ],
  [
    'POST /governing-bodies with an invalid body',
    { method: 'POST', path: '/api/v1/governing-bodies', body: { key: 'x-y', name: {}, governments: [] } },
    all(400, { anonymous: 401 }),
  ],
  [
    'PATCH /governing-bodies/{key}',
    { method: 'PATCH', path: '/api/v1/governing-bodies/nl-nds', body: { active: true } },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  ['GET /norms', { method: 'GET', path: '/api/v1/norms' }, all(200, { anonymous: 401 })],
  ['GET /dashboard', { method: 'GET', path: '/api/v1/dashboard' }, all(200, { anonymous: 401 })],
  [
    'GET /state-of-play',
    { method: 'GET', path: '/api/v1/state-of-play' },
    all(403, { anonymous: 401, secretariat: 200, department: 200 }),
  ],
  [
    'POST /state-of-play with an invalid body',
    { method: 'POST', path: '/api/v1/state-of-play', body: { title: '', answerDueOn: 'morgen' } },
    all(400, { anonymous: 401 }),
  ],
  [
    'GET /state-of-play/{id} of an unknown round',
    { method: 'GET', path: '/api/v1/state-of-play/nergens' },
    all(403, { anonymous: 401, secretariat: 404, department: 404 }),
    { 404: 'state_of_play_round_not_found' },
  ],
  [
    'PUT /norms/{phase}',
    { method: 'PUT', path: '/api/v1/norms/escalation_after', body: { amount: 12, unit: 'working_days' } },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'PUT /norms/{phase} with an invalid body',
    { method: 'PUT', path: '/api/v1/norms/escalation_after', body: { amount: 0, unit: 'working_days' } },
    all(400, { anonymous: 401 }),
  ],
  ['GET /competences', { method: 'GET', path: '/api/v1/competences?theme=taxation' }, all(200, { anonymous: 401 })],
  [
    'GET /competences/{theme}/{government}',
    { method: 'GET', path: '/api/v1/competences/taxation/nl' },
    all(200, { anonymous: 401 }),
  ],
  [
    'GET /competences/{theme}/{government} of an unknown theme',
    { method: 'GET', path: '/api/v1/competences/nergens/nl' },
    all(404, { anonymous: 401 }),
    { 404: 'competence_not_found' },
  ],
  [
    'GET /competences/{theme}/{government}/history',
    { method: 'GET', path: '/api/v1/competences/taxation/nl/history' },
    all(200, { anonymous: 401 }),
  ],
  [
    'PUT /competences/{theme}/{government}',
    { method: 'PUT', path: '/api/v1/competences/economy/nl', body: { lead: 'nl-ez', involved: ['nl-fin'] } },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'PUT /competences/{theme}/{government} with an invalid body',
    { method: 'PUT', path: '/api/v1/competences/economy/nl', body: { lead: 'nl-ez', involved: 'nl-fin' } },
    all(400, { anonymous: 401 }),
  ],
  [
    'GET /obstacles/{id}/routing/proposal',
    { method: 'GET', path: 'toRoute', suffix: '/routing/proposal' },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'GET /obstacles/{id}/routing/proposal of an internal obstacle',
    { method: 'GET', path: 'routedElsewhere', suffix: '/routing/proposal' },
    all(404, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'POST /obstacles/{id}/routings (add a department)',
    {
      method: 'POST',
      path: 'routedElsewhere',
      suffix: '/routings',
      body: { departments: [{ organisation: 'nl-fin', role: 'involved' }] },
    },
    all(404, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'POST /obstacles/{id}/routings to an obstacle not routed',
    {
      method: 'POST',
      path: 'inAnalysis',
      suffix: '/routings',
      body: { departments: [{ organisation: 'nl-fin', role: 'involved' }] },
    },
    all(403, { anonymous: 401, secretariat: 409 }),
    { 409: 'obstacle_not_routed' },
  ],
  [
    'POST /obstacles/{id}/routings/{organisation}/acknowledgement with an invalid body',
    { method: 'POST', path: 'routedHere', suffix: '/routings/nl-szw/acknowledgement', body: { decision: 'perhaps' } },
    all(400, { anonymous: 401 }),
  ],
  [
    // Callers run in the order of CALLERS: the secretariat accepts on the department's behalf
    // first, so the department itself then finds it answered already (409).
    'POST /obstacles/{id}/routings/{organisation}/acknowledgement',
    { method: 'POST', path: 'routedHere', suffix: '/routings/nl-szw/acknowledgement', body: { decision: 'accept' } },
    all(403, { anonymous: 401, secretariat: 200, department: 409 }),
    { 409: 'acknowledgement_closed' },
  ],
  ['GET /routing/alerts', { method: 'GET', path: '/api/v1/routing/alerts' }, all(403, { anonymous: 401, secretariat: 200 })],
  ['GET /my/obstacles', { method: 'GET', path: '/api/v1/my/obstacles' }, all(403, { anonymous: 401, department: 200 })],
  ['GET /calendars', { method: 'GET', path: '/api/v1/calendars' }, all(200)],
  ['GET /calendars/{key}/holidays', { method: 'GET', path: '/api/v1/calendars/vl/holidays?year=2028' }, all(200)],
  [
    'GET /calendars/{key}/due-date',
    { method: 'GET', path: '/api/v1/calendars/de-nw/due-date?from=2027-05-25&phase=routing_acknowledgement' },
    all(200),
  ],
  ['GET /meetings', { method: 'GET', path: '/api/v1/meetings' }, all(200, { anonymous: 401 })],
  ['GET /meetings/{id}', { method: 'GET', path: '/api/v1/meetings/:meeting' }, all(200, { anonymous: 401 })],
  [
    'GET /meetings/{id} of an unknown meeting',
    { method: 'GET', path: '/api/v1/meetings/nergens' },
    all(404, { anonymous: 401 }),
    { 404: 'meeting_not_found' },
  ],
  [
    'POST /meetings',
    { method: 'POST', path: '/api/v1/meetings', body: { body: 'nl-nrw', date: '2027-03-01', language: 'de' } },
    all(403, { anonymous: 401, secretariat: 201 }),
  ],
  [
    'POST /meetings with an invalid body',
    { method: 'POST', path: '/api/v1/meetings', body: { body: 'nl-nrw', date: 'morgen' } },
    all(400, { anonymous: 401 }),
  ],
  [
    'PATCH /meetings/{id}',
    { method: 'PATCH', path: '/api/v1/meetings/:meeting', body: { place: 'Brussel' } },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'PUT /meetings/{id}/agenda',
    { method: 'PUT', path: '/api/v1/meetings/:meeting/agenda', body: { items: [{ obstacle: ':routedDecided' }] }, ifMatch: true },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'GET /meetings/{id}/agenda-proposal',
    { method: 'GET', path: '/api/v1/meetings/:meeting/agenda-proposal' },
    all(403, { anonymous: 401, secretariat: 200 }),
  ],
  [
    'GET /meetings/{id}/agenda.docx',
    { method: 'GET', path: '/api/v1/meetings/:meeting/agenda.docx' },
    all(200, { anonymous: 401 }),
  ],
  [
    'GET /meetings/{id}/decisions.docx',
    { method: 'GET', path: '/api/v1/meetings/:meeting/decisions.docx' },
    all(200, { anonymous: 401 }),
  ],
  [
    'GET /meetings/{id}/agenda.docx of an unknown meeting',
    { method: 'GET', path: '/api/v1/meetings/nergens/agenda.docx' },
    all(404, { anonymous: 401 }),
    { 404: 'meeting_not_found' },
  ],
  ['GET /decisions', { method: 'GET', path: '/api/v1/decisions' }, all(200)],
  ['GET /decisions/{id} on a public obstacle', { method: 'GET', path: '/api/v1/decisions/:publicDecision' }, all(200)],
  [
    'GET /decisions/{id} on a partners obstacle',
    { method: 'GET', path: '/api/v1/decisions/:decision' },
    all(200, { anonymous: 404 }),
    'decision_not_found',
  ],
  [
    'GET /decisions/{id} on an internal obstacle',
    { method: 'GET', path: '/api/v1/decisions/:internalDecision' },
    all(404, { secretariat: 200 }),
    'decision_not_found',
  ],
  [
    'POST /decisions (deferred: the obstacle stays routed)',
    {
      method: 'POST',
      path: '/api/v1/decisions',
      body: { ...DECISION, type: 'deferred', reasons: { nl: 'Volgende keer' }, obstacle: ':routedToDefer' },
      ifMatch: true,
    },
    all(403, { anonymous: 401, secretariat: 201, decision_maker: 201 }),
  ],
  [
    'POST /decisions (to act: the obstacle moves on, a second decision finds it in progress)',
    { method: 'POST', path: '/api/v1/decisions', body: { ...DECISION, obstacle: ':routedToDecide' }, ifMatch: true },
    all(403, { anonymous: 401, secretariat: 201, decision_maker: 409 }),
    { 409: 'transition_not_allowed' },
  ],
  [
    'POST /decisions with an invalid body',
    {
      method: 'POST',
      path: '/api/v1/decisions',
      body: { ...DECISION, type: 'magic', obstacle: ':routedToDecide' },
      ifMatch: true,
    },
    all(400, { anonymous: 401 }),
  ],
  [
    'PATCH /decisions/{id}',
    { method: 'PATCH', path: '/api/v1/decisions/:decision', body: { dueOn: '2030-01-01' } },
    all(403, { anonymous: 401, secretariat: 200, decision_maker: 200 }),
  ],
  // The inbox and preferences: every signed-in user, only their own (read_inbox, set_own_preferences).
  ['GET /inbox', { method: 'GET', path: '/api/v1/inbox?unread=true' }, all(200, { anonymous: 401 })],
  [
    'POST /inbox/{id}/read of a notification that is not the caller’s',
    { method: 'POST', path: '/api/v1/inbox/not-mine/read' },
    all(404, { anonymous: 401 }),
    { 404: 'notification_not_found' },
  ],
  ['POST /inbox/read-all', { method: 'POST', path: '/api/v1/inbox/read-all' }, all(200, { anonymous: 401 })],
  ['GET /session/preferences', { method: 'GET', path: '/api/v1/session/preferences' }, all(200, { anonymous: 401 })],
  [
    'PATCH /session/preferences',
    { method: 'PATCH', path: '/api/v1/session/preferences', body: { digestOnly: true } },
    all(200, { anonymous: 401 }),
  ],
];

describeEachDialect('access: every role against every endpoint', (getDb) => {
  let app: FastifyInstance;
  const headers = {} as Record<Caller, Record<string, string>>;
  const ids = {} as Record<Fixture, { id: string; reference: string }>;
  let target = '';
  /** Ids the governance rows name: `:meeting`, `:decision`… */
  const placeholders: Record<string, string> = {};

  beforeAll(async () => {
    app = await buildApp({
      database: getDb(),
      searchWorkers: 0,
      // A provider nobody answers for (the discard port): the start fails with 502, fast.
      oidcProviders: [
        {
          key: 'down',
          issuer: 'http://127.0.0.1:9',
          clientId: 'schakel',
          clientSecret: 'not-a-secret',
          authMethod: 'client_secret_basic',
          scope: 'openid email',
          name: 'Down',
          names: {},
        },
      ],
    });
    for (const caller of CALLERS) {
      headers[caller] =
        caller === 'anonymous'
          ? {}
          : caller === 'other_partner'
            ? await bearer(getDb(), 'partner', 'be-vli')
            : await bearer(getDb(), caller, caller === 'partner' ? 'nl-li' : undefined);
    }
    const store = new KyselyIdentityStore(getDb().db);
    target = (
      await addUser({
        actor: 'system',
        input: { email: 'doelwit@example.org', name: 'Doelwit', role: 'observer', organisation: 'item' },
        store,
        hasher: argon2idHasher,
        commonPasswords: new Set(),
        clock: { now: () => new Date() },
        ids: { newId: () => crypto.randomUUID() },
      })
    ).id;
    const persistence = createPersistence(getDb(), { searchWorkers: 0 });
    try {
      for (const name of OBSTACLES) {
        const fixture = FIXTURES[name];
        const input: NewObstacle = {
          ...REPORT,
          themes: [...REPORT.themes],
          visibility: fixture.visibility,
          reporter: { ...REPORT.reporter, type: 'province', organisation: fixture.organisation },
        };
        const obstacle = await registerObstacle({
          actor: SYSTEM_ACTOR,
          input,
          uow: persistence,
          clock: { now: () => new Date() },
          ids: { newId: () => crypto.randomUUID() },
          importedStatus: fixture.status,
        });
        ids[name] = { id: obstacle.id, reference: obstacle.reference };
        placeholders[`:${name}`] = obstacle.id;
        const department = ROUTED_TO[name];
        if (department) {
          await new KyselyRoutingRepository(getDb().db).insert([
            { ...routingRow(obstacle.id, department, { acknowledgement: 'pending' }), due: { on: '2027-01-15', calendar: 'nl' } },
          ]);
        }
      }
      const clock = { now: () => new Date() };
      const newIds = { newId: () => crypto.randomUUID() };
      const meeting = await planMeeting({
        actor: SYSTEM_ACTOR,
        input: { body: 'grensoverleg-vl-nl', date: '2027-03-01' },
        uow: persistence,
        clock,
        ids: newIds,
      });
      placeholders[':meeting'] = meeting.id;
      for (const [placeholder, fixture] of [
        [':decision', 'routedDecided'],
        [':publicDecision', 'publicDecided'],
        [':internalDecision', 'internalDecided'],
      ] as const) {
        const decision = await recordDecision({
          actor: SYSTEM_ACTOR,
          input: { ...DECISION, text: { ...DECISION.text }, meeting: meeting.id, obstacle: ids[fixture].id },
          expectedVersion: 'any',
          uow: persistence,
          clock,
          ids: newIds,
          settings: defaultMonitoringSettings(),
        });
        placeholders[placeholder] = decision.id;
      }
      for (const [placeholder, fixture, organisation] of [
        [':action', 'routedHere', 'nl-szw'],
        [':otherAction', 'decided', 'nl-bzk'],
      ] as const) {
        const { action } = await createAction({
          actor: SYSTEM_ACTOR,
          idOrReference: ids[fixture].id,
          input: { title: { nl: 'Regeling aanpassen' }, sourceLanguage: 'nl', owner: { organisation }, dueOn: '2027-06-30' },
          uow: persistence,
          clock,
          ids: newIds,
          settings: defaultMonitoringSettings(),
        });
        placeholders[placeholder] = action.id;
      }
    } finally {
      await persistence.close();
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const rows = MATRIX.flatMap(([label, request, expected, code]) =>
    CALLERS.map((caller) => [label, caller, expected[caller], request, code] as const),
  );
  it.each(rows)('%s as %s → %i', async (_label, caller, status, request, expectedCode) => {
    const fill = (text: string) =>
      text.replace(/:[A-Za-z]+/g, (name) => (name === ':target' ? target : (placeholders[name] ?? name)));
    const path = request.path.startsWith('/')
      ? fill(request.path)
      : `/api/v1/obstacles/${ids[request.path as Fixture].id}${request.suffix ?? ''}`;
    const response = await app.inject({
      method: request.method,
      url: path,
      payload: request.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(request.body))),
      headers: {
        ...headers[caller],
        ...(request.method === 'PATCH' ||
        request.method === 'PUT' ||
        (request.method === 'POST' && request.suffix) ||
        request.ifMatch
          ? { 'if-match': '*' }
          : {}),
      },
    });
    expect(response.statusCode, response.body).toBe(status);
    if (status === 303) expect(response.headers.location).toBe('/sign-in?error=oidc_state_invalid');
    if (status >= 400) {
      const code = {
        400: 'validation_failed',
        401: 'unauthenticated',
        403: 'forbidden',
        404: 'obstacle_not_found',
        410: 'link_invalid',
        409: request.suffix === '/transitions' || request.suffix === '/routing' ? 'transition_not_allowed' : 'user_exists',
      }[status];
      const override = typeof expectedCode === 'object' ? expectedCode[status] : expectedCode;
      expect(response.json().code).toBe(override ?? code);
    }
  });

  describe('users (admins)', () => {
    it('lists users without secrets, refuses a taken address (409), an admin disabling itself (403), an unknown user (404)', async () => {
      const list = await app.inject({ url: '/api/v1/users', headers: headers.admin });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toMatch(/argon2|password_hash|token/i);
      const admins = list.json().items.filter((u: { role: string }) => u.role === 'admin');
      expect(admins.length).toBeGreaterThan(0);

      const body = { email: 'DOELWIT@example.org', name: 'Dubbel', role: 'observer', organisation: 'item' };
      const taken = await app.inject({ method: 'POST', url: '/api/v1/users', payload: body, headers: headers.admin });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('user_exists');
      const wrongOrganisation = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { ...body, email: 'ander@example.org', organisation: 'atlantis' },
        headers: headers.admin,
      });
      expect(wrongOrganisation.statusCode).toBe(400);
      expect(wrongOrganisation.json().invalidParams).toEqual([
        expect.objectContaining({ name: 'organisation', code: 'unknown_key' }),
      ]);

      const me = await app.inject({ url: '/api/v1/session', headers: headers.admin });
      const self = await app.inject({
        method: 'POST',
        url: `/api/v1/users/${me.json().user.id}/disable`,
        headers: headers.admin,
      });
      expect(self.statusCode).toBe(403);
      const unknown = await app.inject({ method: 'POST', url: '/api/v1/users/nobody/disable', headers: headers.admin });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('user_not_found');
    });
  });

  describe('organisations (admins)', () => {
    it('adds one that everyone then sees and users can belong to; refuses a taken key, an unknown government, an unknown key', async () => {
      const added = await app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: { key: 'euregio-rijn-waal', name: 'Euregio Rijn-Waal', kind: 'euregio' },
        headers: { ...headers.admin, 'accept-language': 'de' },
      });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toEqual({
        key: 'euregio-rijn-waal',
        name: 'Euregio Rijn-Waal',
        government: null,
        kind: 'euregio',
        kindLabel: 'Euregio',
      });
      const listed = await app.inject({ url: '/api/v1/organisations' });
      expect(listed.json().items.map((o: { key: string }) => o.key)).toContain('euregio-rijn-waal');
      const member = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { email: 'lid@example.org', name: 'Lid', role: 'partner', organisation: 'euregio-rijn-waal' },
        headers: headers.admin,
      });
      expect(member.statusCode).toBe(201);

      const taken = await app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: { key: 'euregio-rijn-waal', name: 'Nog eens', kind: 'euregio' },
        headers: headers.admin,
      });
      expect(taken.statusCode).toBe(409);
      const invalid = await app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        payload: { key: 'Niet Goed', name: 'X', kind: 'euregio', government: 'atlantis' },
        headers: headers.admin,
      });
      expect(invalid.statusCode).toBe(400);
      expect(
        invalid
          .json()
          .invalidParams.map((p: { name: string }) => p.name)
          .sort(),
      ).toEqual(['government', 'key']);
      const unknown = await app.inject({
        method: 'PATCH',
        url: '/api/v1/organisations/nergens',
        payload: { name: 'X' },
        headers: headers.admin,
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('organisation_not_found');
      const renamed = await app.inject({
        method: 'PATCH',
        url: '/api/v1/organisations/euregio-rijn-waal',
        payload: { name: 'Euregio Rhein-Waal', government: 'de-nw' },
        headers: headers.admin,
      });
      expect(renamed.json()).toMatchObject({ name: 'Euregio Rhein-Waal', government: 'de-nw', kind: 'euregio' });
      const again = await app.inject({ url: '/api/v1/organisations' });
      expect(again.json().items.find((o: { key: string }) => o.key === 'euregio-rijn-waal').name).toBe('Euregio Rhein-Waal');
    });
  });

  describe('IDOR: guessing an obstacle the caller may not see', () => {
    it('answers exactly as for an obstacle that does not exist, by id and by reference', async () => {
      for (const key of [ids.internal.id, ids.internal.reference]) {
        const hidden = await app.inject({ url: `/api/v1/obstacles/${key}`, headers: headers.partner });
        const missing = await app.inject({ url: `/api/v1/obstacles/${key.replace(/.$/, '0')}x`, headers: headers.partner });
        expect(hidden.statusCode).toBe(404);
        expect(missing.statusCode).toBe(404);
        expect(Object.keys(hidden.json()).sort()).toEqual(Object.keys(missing.json()).sort());
        expect(hidden.json().code).toBe(missing.json().code);
        expect(hidden.body).not.toContain('Toegangsproef');
      }
      const list = await app.inject({ url: '/api/v1/obstacles?visibility=internal', headers: headers.partner });
      expect(list.json()).toMatchObject({ items: [], total: 0 });
    });
  });

  describe('reporters’ personal data', () => {
    it.each([
      ['secretariat', true],
      ['partner', true],
      ['other_partner', false],
      ['anonymous', false],
      ['observer', false],
      ['decision_maker', false],
    ] as const)('%s sees the reporter’s e-mail: %s; never in a list', async (caller, sees) => {
      const one = await app.inject({ url: `/api/v1/obstacles/${ids.public.id}`, headers: headers[caller] });
      expect(one.statusCode).toBe(200);
      expect(one.body.includes('melder@example.org')).toBe(sees);
      expect(one.body.includes('Mevrouw Melder')).toBe(sees);
      const list = await app.inject({ url: '/api/v1/obstacles?q=toegangsproef', headers: headers[caller] });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('melder@example.org');
    });
  });

  describe('mass assignment', () => {
    async function count(): Promise<number> {
      const row = await getDb()
        .db.selectFrom('obstacles')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    it('refuses a role, organisation or status in a body (400 unknown_field), writing nothing', async () => {
      for (const field of ['role', 'organisation', 'status', 'version', 'reference']) {
        const before = await count();
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/obstacles',
          payload: { ...REPORT, [field]: 'secretariat' },
          headers: headers.partner,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().invalidParams).toEqual([expect.objectContaining({ name: field, code: 'unknown_field' })]);
        expect(await count()).toBe(before);
      }
    });

    it('makes a partner’s report its own organisation’s, and refuses another organisation or an internal one', async () => {
      const own = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: REPORT, headers: headers.partner });
      expect(own.statusCode).toBe(201);
      expect(own.json().reporter.organisation).toBe('nl-li');
      expect(own.json().abilities).toEqual(['edit']);

      const before = await count();
      for (const payload of [
        { ...REPORT, reporter: { type: 'province', organisation: 'be-vli' } },
        { ...REPORT, visibility: 'internal' },
      ]) {
        const refused = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload, headers: headers.partner });
        expect(refused.statusCode).toBe(403);
      }
      // The public speaks for no organisation.
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        payload: { ...REPORT, reporter: { type: 'province', organisation: 'nl-li' } },
      });
      expect(anonymous.statusCode).toBe(401);
      expect(await count()).toBe(before);
    });

    it('does not let a partner move its obstacle out of its reach', async () => {
      for (const payload of [{ visibility: 'internal' }, { reporter: { type: 'province', organisation: 'be-vli' } }]) {
        const response = await app.inject({
          method: 'PATCH',
          url: `/api/v1/obstacles/${ids.partners.id}`,
          payload,
          headers: { ...headers.partner, 'if-match': '*' },
        });
        expect(response.statusCode).toBe(403);
      }
      const read = await app.inject({ url: `/api/v1/obstacles/${ids.partners.id}`, headers: headers.secretariat });
      expect(read.json()).toMatchObject({ visibility: 'partners', reporter: { organisation: 'nl-li' } });
      // A reporter without an organisation stays the partner's own.
      const kept = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${ids.partners.id}`,
        payload: { reporter: { type: 'municipality', name: 'Gemeente' } },
        headers: { ...headers.partner, 'if-match': '*' },
      });
      expect(kept.statusCode).toBe(200);
      expect(kept.json().reporter).toMatchObject({ type: 'municipality', organisation: 'nl-li' });
    });
  });
});
