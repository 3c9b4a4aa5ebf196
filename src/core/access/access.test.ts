import { describe, expect, it } from 'vitest';
import { OBSTACLE_STATUSES, type ObstacleStatus, VISIBILITIES, type Visibility } from '../obstacles/obstacle.js';
import {
  type Actor,
  ANONYMOUS,
  audienceOf,
  can,
  type ObstacleAction,
  obstacleAbilities,
  platformAbilities,
  ROLES,
  type Role,
} from './access.js';

const OWN = 'nl-li';
const OTHER = 'be-vli';

type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', ...ROLES];

function actor(who: Who): Actor {
  return who === 'anonymous' ? ANONYMOUS : { kind: 'user', userId: `u-${who}`, role: who, organisation: OWN };
}

/**
 * The rules of issue 3 of 6, written out as a table rather than computed: for each caller, the
 * visibilities it reads, and when it may see reporters, report and edit. `own` says whether the
 * obstacle was reported by the caller's organisation.
 */
const READS: Record<Who, Visibility[]> = {
  anonymous: ['public'],
  partner: ['public', 'partners'],
  department: ['public', 'partners'],
  decision_maker: ['public', 'partners'],
  observer: ['public', 'partners'],
  admin: ['public', 'partners'],
  secretariat: ['public', 'partners', 'internal'],
};

function expected(who: Who, action: ObstacleAction, v: Visibility, s: ObstacleStatus, own: boolean | 'none'): boolean {
  const reads = READS[who].includes(v);
  switch (action) {
    case 'read_obstacle':
      return reads;
    case 'read_reporter':
      return reads && (who === 'secretariat' || (who === 'partner' && own === true));
    case 'create_obstacle':
      if (who === 'anonymous') return own === 'none';
      if (who === 'secretariat') return true;
      if (who === 'partner') return own === true && v !== 'internal';
      return false;
    case 'edit_obstacle':
      if (who === 'secretariat') return true;
      if (who === 'partner') return own === true && v !== 'internal' && (s === 'reported' || s === 'intake');
      return false;
    case 'transition_obstacle':
      // Without a target: whether the caller makes any move at all (PRODUCT.md: the secretariat runs
      // the lifecycle, decision makers decide, departments start the work).
      return reads && (who === 'secretariat' || who === 'decision_maker' || who === 'department');
    case 'route_obstacle':
      return reads && who === 'secretariat';
    // Without leads or an action's owner in the resource, only the secretariat (see below for those).
    case 'add_action':
    case 'manage_action':
    case 'report_action':
      return reads && who === 'secretariat';
  }
}

const ACTIONS: ObstacleAction[] = [
  'read_obstacle',
  'read_reporter',
  'create_obstacle',
  'edit_obstacle',
  'transition_obstacle',
  'route_obstacle',
  'add_action',
  'manage_action',
  'report_action',
];
const ORIGINS = [true, false, 'none'] as const;

const rows: [Who, ObstacleAction, Visibility, ObstacleStatus, boolean | 'none', boolean][] = [];
for (const who of WHO)
  for (const action of ACTIONS)
    for (const v of VISIBILITIES)
      for (const s of OBSTACLE_STATUSES)
        for (const own of ORIGINS) rows.push([who, action, v, s, own, expected(who, action, v, s, own)]);

describe('can: every role × action × visibility × status × origin', () => {
  it('has the full table', () => {
    expect(rows).toHaveLength(WHO.length * ACTIONS.length * VISIBILITIES.length * OBSTACLE_STATUSES.length * ORIGINS.length);
    // The table is not trivially all-yes or all-no.
    expect(rows.filter((r) => r[5]).length).toBeGreaterThan(100);
    expect(rows.filter((r) => !r[5]).length).toBeGreaterThan(100);
  });

  it.each(rows)('%s %s on a %s obstacle in %s (own organisation: %s) → %s', (who, action, visibility, status, own, allowed) => {
    const reporterOrganisation = own === 'none' ? null : own ? OWN : OTHER;
    expect(can(actor(who), action, { visibility, status, reporterOrganisation })).toBe(allowed);
  });
});

describe('actions of an obstacle: lead departments add, owner departments report', () => {
  const routed = (status: ObstacleStatus) => ({
    visibility: 'internal' as const,
    status,
    reporterOrganisation: null,
    routedTo: ['nl-szw', 'nl-bzk'],
    leads: ['nl-szw'],
  });

  it('a lead department adds actions once routed, decided or in progress; an involved one does not', () => {
    const lead = { kind: 'user', userId: 'u', role: 'department', organisation: 'nl-szw' } as const;
    const involved = { ...lead, organisation: 'nl-bzk' };
    for (const status of OBSTACLE_STATUSES) {
      const allowed = status === 'routed' || status === 'decided' || status === 'in_progress';
      expect(can(lead, 'add_action', routed(status)), status).toBe(allowed);
      expect(can(involved, 'add_action', routed(status)), status).toBe(false);
    }
    expect(can(actor('secretariat'), 'add_action', routed('analysis'))).toBe(true);
    expect(can(actor('partner'), 'add_action', { ...routed('routed'), visibility: 'partners' })).toBe(false);
  });

  it('the owner organisation’s department reports on its action; only the secretariat changes the plan', () => {
    const szw = { kind: 'user', userId: 'u', role: 'department', organisation: 'nl-szw' } as const;
    const bzk = { ...szw, organisation: 'nl-bzk' };
    const owned = { ...routed('in_progress'), actionOwner: 'nl-szw' };
    expect(can(szw, 'report_action', owned)).toBe(true);
    expect(can(bzk, 'report_action', owned)).toBe(false);
    expect(can(szw, 'manage_action', owned)).toBe(false);
    expect(can(actor('secretariat'), 'manage_action', owned)).toBe(true);
    expect(can(actor('secretariat'), 'report_action', owned)).toBe(true);
    // Not routed to it and internal: it does not even read the obstacle.
    const hidden = { ...owned, routedTo: [] as string[] };
    expect(can(szw, 'report_action', hidden)).toBe(false);
    expect(can(actor('decision_maker'), 'report_action', { ...owned, visibility: 'partners' as const })).toBe(false);
  });

  it.each(WHO)('%s reads the monitoring lists when signed in', (who) => {
    expect(can(actor(who), 'read_monitoring')).toBe(who !== 'anonymous');
  });
});

describe('platform actions', () => {
  it.each(WHO)('%s manages users and organisations only when admin', (who) => {
    expect(can(actor(who), 'manage_users')).toBe(who === 'admin');
    expect(can(actor(who), 'manage_organisations')).toBe(who === 'admin');
  });

  it.each(WHO)('%s: governance is the secretariat’s, decisions also decision makers’, meetings for the signed-in', (who) => {
    expect(can(actor(who), 'manage_governance')).toBe(who === 'secretariat');
    expect(can(actor(who), 'manage_norms')).toBe(who === 'secretariat');
    expect(can(actor(who), 'manage_competences')).toBe(who === 'secretariat');
    expect(can(actor(who), 'read_routing_alerts')).toBe(who === 'secretariat');
    expect(can(actor(who), 'manage_state_of_play')).toBe(who === 'secretariat');
    expect(can(actor(who), 'answer_state_of_play')).toBe(who === 'department');
    expect(can(actor(who), 'read_state_of_play')).toBe(who === 'secretariat' || who === 'department');
    expect(can(actor(who), 'read_escalations')).toBe(who === 'secretariat' || who === 'department');
    expect(can(actor(who), 'read_competences')).toBe(who !== 'anonymous');
    expect(can(actor(who), 'read_my_obstacles')).toBe(who === 'department');
    expect(can(actor(who), 'acknowledge_routing')).toBe(who === 'department' || who === 'secretariat');
    expect(can(actor(who), 'record_decision')).toBe(who === 'secretariat' || who === 'decision_maker');
    expect(can(actor(who), 'read_meetings')).toBe(who !== 'anonymous');
    expect(can(actor(who), 'read_dashboard')).toBe(who !== 'anonymous');
  });

  it.each(WHO)('%s works the intake queue only when it takes obstacles into intake (the secretariat)', (who) => {
    expect(can(actor(who), 'work_intake')).toBe(who === 'secretariat');
  });

  it('lets the secretariat run selection rounds, partners score and decision makers read them', () => {
    for (const role of ROLES) {
      const who = actor(role);
      expect(can(who, 'manage_selection')).toBe(role === 'secretariat');
      expect(can(who, 'approve_selection')).toBe(role === 'secretariat');
      expect(can(who, 'score_selection')).toBe(role === 'secretariat' || role === 'partner');
      expect(can(who, 'read_selection')).toBe(role === 'secretariat' || role === 'partner' || role === 'decision_maker');
    }
    for (const action of ['read_selection', 'manage_selection', 'score_selection', 'approve_selection'] as const) {
      expect(can(ANONYMOUS, action)).toBe(false);
    }
  });

  it('lists abilities per role', () => {
    expect(platformAbilities(ANONYMOUS)).toEqual(['create_obstacle']);
    expect(platformAbilities(actor('partner'))).toEqual(['create_obstacle', 'score_selection']);
    expect(platformAbilities(actor('secretariat'))).toEqual([
      'create_obstacle',
      'manage_governance',
      'record_decision',
      'work_intake',
      'manage_norms',
      'manage_competences',
      'read_routing_alerts',
      'manage_selection',
      'score_selection',
      'read_state_of_play',
      'manage_state_of_play',
      'read_escalations',
    ]);
    expect(platformAbilities(actor('admin'))).toEqual(['manage_users', 'manage_organisations']);
    expect(platformAbilities(actor('decision_maker'))).toEqual(['record_decision']);
    expect(platformAbilities(actor('department'))).toEqual(['read_my_obstacles', 'read_state_of_play', 'read_escalations']);
    expect(platformAbilities(actor('observer'))).toEqual([]);
  });

  it('offers edit and the moves on an obstacle exactly when can says so', () => {
    const own = { visibility: 'partners' as const, status: 'intake' as const, reporterOrganisation: OWN };
    expect(obstacleAbilities(actor('partner'), own)).toEqual(['edit']);
    expect(obstacleAbilities(actor('secretariat'), own)).toEqual([
      'edit',
      'transition:analysis',
      'transition:closed_not_an_obstacle',
      'transition:referred',
      'transition:merged',
      'transition:withdrawn',
    ]);
    // A decision is recorded through the decisions module, so it is not offered as a bare move.
    expect(obstacleAbilities(actor('decision_maker'), { ...own, status: 'routed' })).toEqual([]);
    expect(obstacleAbilities(actor('decision_maker'), { ...own, status: 'in_progress' })).toEqual(['transition:unsolvable']);
    expect(obstacleAbilities(actor('department'), { ...own, status: 'decided' })).toEqual(['transition:in_progress']);
    expect(obstacleAbilities(actor('department'), { ...own, status: 'decided', visibility: 'internal' })).toEqual([]);
    expect(obstacleAbilities(actor('secretariat'), { ...own, status: 'solved' })).toEqual(['edit', 'transition:analysis']);
    expect(obstacleAbilities(actor('partner'), { ...own, status: 'analysis' })).toEqual([]);
    expect(obstacleAbilities(actor('partner'), { ...own, reporterOrganisation: OTHER })).toEqual([]);
    expect(obstacleAbilities(actor('observer'), own)).toEqual([]);
    expect(obstacleAbilities(ANONYMOUS, { ...own, visibility: 'public' })).toEqual([]);
  });
});

describe('transition_obstacle with a target status', () => {
  // Written out, not computed from core/lifecycle: who may make which move.
  const cases: [Who, ObstacleStatus, ObstacleStatus, boolean][] = [
    ['secretariat', 'reported', 'intake', true],
    ['secretariat', 'intake', 'merged', true],
    ['secretariat', 'solved', 'analysis', true],
    ['secretariat', 'reported', 'solved', false],
    ['decision_maker', 'in_progress', 'unsolvable', true],
    ['decision_maker', 'routed', 'decided', true],
    ['decision_maker', 'reported', 'intake', false],
    ['department', 'decided', 'in_progress', true],
    ['department', 'in_progress', 'solved', false],
    ['partner', 'reported', 'withdrawn', false],
    ['observer', 'reported', 'intake', false],
    ['admin', 'reported', 'intake', false],
    ['anonymous', 'reported', 'intake', false],
  ];
  it.each(cases)('%s moving %s → %s: %s', (who, status, to, allowed) => {
    expect(can(actor(who), 'transition_obstacle', { visibility: 'public', status, reporterOrganisation: null, to })).toBe(
      allowed,
    );
  });

  it('refuses every move on an obstacle the caller may not read', () => {
    const internal = { visibility: 'internal' as const, status: 'decided' as const, reporterOrganisation: null };
    expect(can(actor('department'), 'transition_obstacle', { ...internal, to: 'in_progress' })).toBe(false);
    expect(can(actor('secretariat'), 'transition_obstacle', { ...internal, to: 'in_progress' })).toBe(true);
  });
});

describe('obstacles routed to a department', () => {
  const routedHere = { status: 'routed' as const, reporterOrganisation: OTHER, routedTo: ['nl-bzk', OWN] };
  const routedElsewhere = { ...routedHere, routedTo: ['nl-bzk'] };

  it.each(VISIBILITIES)('a department reads a %s obstacle routed to its organisation, not one routed elsewhere', (visibility) => {
    expect(can(actor('department'), 'read_obstacle', { ...routedHere, visibility })).toBe(true);
    expect(can(actor('department'), 'read_obstacle', { ...routedElsewhere, visibility })).toBe(visibility !== 'internal');
  });

  it('gives a routed department its moves on an internal obstacle, and nothing more', () => {
    const decided = { ...routedHere, visibility: 'internal' as const, status: 'decided' as const };
    expect(can(actor('department'), 'transition_obstacle', { ...decided, to: 'in_progress' })).toBe(true);
    expect(obstacleAbilities(actor('department'), decided)).toEqual(['transition:in_progress']);
    expect(obstacleAbilities(actor('department'), { ...decided, routedTo: ['nl-bzk'] })).toEqual([]);
    expect(can(actor('department'), 'read_reporter', decided)).toBe(false);
    expect(can(actor('department'), 'edit_obstacle', decided)).toBe(false);
    expect(can(actor('department'), 'route_obstacle', decided)).toBe(false);
  });

  it.each(WHO.filter((w) => w !== 'department' && w !== 'secretariat'))(
    'does not let a %s of a routed organisation read an internal obstacle',
    (who) => {
      expect(can(actor(who), 'read_obstacle', { ...routedHere, visibility: 'internal' })).toBe(false);
    },
  );

  it('lets only the secretariat route, and only what it reads', () => {
    const selected = { visibility: 'internal' as const, status: 'selected' as const, reporterOrganisation: null };
    expect(WHO.filter((who) => can(actor(who), 'route_obstacle', selected))).toEqual(['secretariat']);
  });
});

describe('audienceOf', () => {
  it('tells apart every input of can that comes from the caller', () => {
    const audiences = new Set([
      audienceOf(ANONYMOUS),
      ...ROLES.map((role) => audienceOf({ kind: 'user', userId: 'a', role, organisation: OWN })),
      ...ROLES.map((role) => audienceOf({ kind: 'user', userId: 'b', role, organisation: OTHER })),
    ]);
    expect(audiences.size).toBe(1 + 2 * ROLES.length);
    // Two users of one role and organisation share answers.
    expect(audienceOf({ kind: 'user', userId: 'x', role: 'partner', organisation: OWN })).toBe(
      audienceOf({ kind: 'user', userId: 'y', role: 'partner', organisation: OWN }),
    );
  });
});
