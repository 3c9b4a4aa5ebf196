/**
 * GET /api/v1/lifecycle on both databases: the machine of core/lifecycle as the web reads it (which
 * moves need a reason, a target, another module), the same for every caller.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { CLOSED_STATUSES, TRANSITIONS } from '../../core/lifecycle/lifecycle.js';
import { buildApp } from '../build-app.js';

describeEachDialect('GET /api/v1/lifecycle', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('gives every move of the machine with its reason, requirements and the module that makes it', async () => {
    const response = await app.inject({ url: '/api/v1/lifecycle' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.closedStatuses).toEqual([...CLOSED_STATUSES]);
    expect(body.transitions.map((t: { name: string }) => t.name)).toEqual(TRANSITIONS.map((t) => t.name));
    const byName = new Map(body.transitions.map((t: { name: string }) => [t.name, t]));
    expect(byName.get('refer')).toEqual({
      name: 'refer',
      from: ['intake'],
      to: 'referred',
      roles: ['secretariat'],
      reason: 'required',
      requires: ['referredTo'],
      effects: ['records_referral'],
      madeBy: null,
    });
    expect(byName.get('start_intake')).toMatchObject({ reason: 'optional', requires: [], madeBy: null });
    expect(byName.get('propose')).toMatchObject({ requires: ['analysis'] });
    expect(byName.get('merge')).toMatchObject({ reason: 'required', requires: ['mergedInto'] });
    expect(byName.get('route')).toMatchObject({ madeBy: 'routing' });
    expect(byName.get('decide')).toMatchObject({ madeBy: 'decisions', roles: ['secretariat', 'decision_maker'] });
  });

  it('is the same for the public and a signed-in caller', async () => {
    const anonymous = await app.inject({ url: '/api/v1/lifecycle' });
    const secretariat = await app.inject({ url: '/api/v1/lifecycle', headers: await bearer(getDb(), 'secretariat') });
    expect(secretariat.statusCode).toBe(200);
    expect(secretariat.json()).toEqual(anonymous.json());
  });
});
