import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Actor, ANONYMOUS, ROLES, type Role } from '../access/access.js';
import { OBSTACLE_STATUSES, type ObstacleStatus } from '../obstacles/obstacle.js';
import {
  availableTransitions,
  CLOSED_STATUSES,
  checkTransition,
  findTransition,
  isClosed,
  OPEN_STATUSES,
  REQUIREMENTS,
  type Requirement,
  TRANSITION_NAMES,
  TRANSITIONS,
  transitionsFrom,
} from './lifecycle.js';
import { lifecycleMarkdown } from './lifecycle-doc.js';

const user = (role: Role): Actor => ({ kind: 'user', userId: `u-${role}`, role, organisation: 'org' });
const ALL: ReadonlySet<Requirement> = new Set(REQUIREMENTS);

/** PRODUCT.md's diagram, edge by edge (besides withdraw and reopen, which apply to groups). */
const DIAGRAM: [ObstacleStatus, ObstacleStatus][] = [
  ['reported', 'intake'],
  ['intake', 'analysis'],
  ['intake', 'closed_not_an_obstacle'],
  ['intake', 'referred'],
  ['intake', 'merged'],
  ['analysis', 'proposed'],
  ['proposed', 'selected'],
  ['proposed', 'not_selected'],
  ['proposed', 'monitoring_list'],
  ['selected', 'routed'],
  ['routed', 'decided'],
  ['routed', 'analysis'],
  ['decided', 'in_progress'],
  ['decided', 'unsolvable'],
  ['in_progress', 'solved'],
  ['in_progress', 'partially_solved'],
  ['in_progress', 'unsolvable'],
];

describe('the lifecycle', () => {
  it('has exactly the moves of PRODUCT.md', () => {
    const edges = new Set<string>();
    for (const t of TRANSITIONS) for (const from of t.from) edges.add(`${from}→${t.to}`);
    const expected = new Set(DIAGRAM.map(([a, b]) => `${a}→${b}`));
    for (const open of OPEN_STATUSES) expected.add(`${open}→withdrawn`);
    for (const closed of CLOSED_STATUSES) expected.add(`${closed}→analysis`);
    expect([...edges].sort()).toEqual([...expected].sort());
  });

  it('splits every status into open or closed, and names every move once', () => {
    expect([...OPEN_STATUSES, ...CLOSED_STATUSES].sort()).toEqual([...OBSTACLE_STATUSES].sort());
    expect(TRANSITIONS.map((t) => t.name).sort()).toEqual([...TRANSITION_NAMES].sort());
    for (const from of OBSTACLE_STATUSES) {
      const targets = transitionsFrom(from).map((t) => t.to);
      expect(new Set(targets).size, `one move per pair from ${from}`).toBe(targets.length);
    }
  });

  it('reaches every status from reported, and every closed status can be reopened', () => {
    const seen = new Set<ObstacleStatus>(['reported']);
    const queue: ObstacleStatus[] = ['reported'];
    while (queue.length > 0) {
      const status = queue.shift() as ObstacleStatus;
      for (const t of transitionsFrom(status)) {
        if (!seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...OBSTACLE_STATUSES].sort());
    for (const closed of CLOSED_STATUSES) expect(findTransition(closed, 'analysis')?.name).toBe('reopen');
  });

  it('requires a reason for every move to a closed status, and for the negative ones', () => {
    for (const t of TRANSITIONS) if (isClosed(t.to)) expect(t.reason, t.name).toBe('required');
    for (const name of ['put_on_monitoring_list', 'return_to_analysis', 'reopen', 'withdraw'] as const) {
      expect(TRANSITIONS.find((t) => t.name === name)?.reason).toBe('required');
    }
    expect(TRANSITIONS.find((t) => t.name === 'start_analysis')?.reason).toBe('optional');
  });

  it('refuses a move that does not exist, naming the statuses that may follow', () => {
    const check = checkTransition({ from: 'reported', to: 'solved', actor: user('secretariat'), present: ALL });
    expect(check).toEqual({ ok: false, problem: 'illegal', allowed: ['intake', 'withdrawn'] });
    expect(checkTransition({ from: 'solved', to: 'solved', actor: user('secretariat'), present: ALL })).toMatchObject({
      problem: 'illegal',
      allowed: ['analysis'],
    });
  });

  it('asks for the reason, then for what else the move needs', () => {
    const secretariat = user('secretariat');
    expect(checkTransition({ from: 'intake', to: 'merged', actor: secretariat, reason: '  ', present: new Set() })).toMatchObject(
      { ok: false, problem: 'reason_required' },
    );
    expect(
      checkTransition({
        from: 'intake',
        to: 'merged',
        actor: secretariat,
        reason: 'Dubbel met GB-2026-0003',
        present: new Set(),
      }),
    ).toMatchObject({ ok: false, problem: 'requirements_missing', missing: ['mergedInto'] });
    expect(
      checkTransition({
        from: 'intake',
        to: 'merged',
        actor: secretariat,
        reason: 'Dubbel met GB-2026-0003',
        present: new Set(['mergedInto']),
      }),
    ).toMatchObject({ ok: true, transition: { name: 'merge' } });
    expect(checkTransition({ from: 'analysis', to: 'proposed', actor: secretariat, present: new Set() })).toMatchObject({
      problem: 'requirements_missing',
      missing: ['analysis'],
    });
  });

  it('leaves routing and decisions to their own modules', () => {
    const secretariat = user('secretariat');
    expect(checkTransition({ from: 'selected', to: 'routed', actor: secretariat, present: ALL })).toMatchObject({
      problem: 'made_elsewhere',
    });
    expect(checkTransition({ from: 'selected', to: 'routed', actor: secretariat, present: ALL, via: 'routing' })).toMatchObject({
      ok: true,
    });
    expect(
      checkTransition({ from: 'routed', to: 'decided', actor: user('decision_maker'), present: ALL, via: 'decisions' }),
    ).toMatchObject({ ok: true });
    expect(
      checkTransition({ from: 'routed', to: 'decided', actor: user('decision_maker'), present: ALL, via: 'routing' }),
    ).toMatchObject({ problem: 'made_elsewhere' });
  });

  // Every role against every move: allowed exactly when the rule lists the role; the public never.
  describe.each(TRANSITIONS.map((t) => [t.name, t] as const))('%s', (_name, t) => {
    const from = t.from[0] as ObstacleStatus;
    const request = { from, to: t.to, reason: 'Besproken in het overleg', present: ALL, via: t.madeBy };
    it.each(ROLES.map((role) => [role, t.roles.includes(role)] as const))('%s may make it: %s', (role, allowed) => {
      const check = checkTransition({ ...request, actor: user(role) });
      if (allowed) expect(check).toMatchObject({ ok: true, transition: { name: t.name } });
      else expect(check).toMatchObject({ ok: false, problem: 'forbidden' });
    });
    it('the public may not', () => {
      expect(checkTransition({ ...request, actor: ANONYMOUS })).toMatchObject({ ok: false, problem: 'forbidden' });
    });
  });

  it('offers each caller the moves it may make itself', () => {
    expect(availableTransitions(ANONYMOUS, 'intake')).toEqual([]);
    expect(availableTransitions(user('secretariat'), 'intake').map((t) => t.to)).toEqual([
      'analysis',
      'closed_not_an_obstacle',
      'referred',
      'merged',
      'withdrawn',
    ]);
    expect(availableTransitions(user('department'), 'decided').map((t) => t.to)).toEqual(['in_progress']);
    // Recording a decision is its own action, not a status change offered here.
    expect(availableTransitions(user('decision_maker'), 'routed')).toEqual([]);
    expect(availableTransitions(user('observer'), 'in_progress')).toEqual([]);
  });

  it('is what docs/LIFECYCLE.md says (npm run docs:lifecycle writes it)', () => {
    const file = readFileSync(new URL('../../../docs/LIFECYCLE.md', import.meta.url), 'utf8');
    expect(file).toBe(lifecycleMarkdown());
  });
});
