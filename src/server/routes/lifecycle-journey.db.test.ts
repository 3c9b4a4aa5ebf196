/**
 * The two journeys issue 4 of 6 is judged by, through the HTTP API on both databases: one obstacle
 * from `reported` to `solved` and another to `unsolvable`, every step made by a role allowed to
 * make it after every other role was refused (401 for the public, 403 for the signed-in roles that
 * may read it but not move it), each refusal changing nothing; the routing to departments, a
 * decision recorded in a meeting, the history naming every move in order, and the audit chain
 * whole at the end.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import type { Role } from '../../core/access/access.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { buildApp } from '../build-app.js';

const REPORT = {
  title: { nl: 'Grenspendelaars dubbel belast op hun pensioen' },
  summary: { nl: 'Wie in Vlaanderen werkte en in Nederland woont, betaalt twee keer.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  governments: ['nl', 'vl'],
  themes: ['taxation'],
  type: 'legal',
  visibility: 'partners',
  reporter: { type: 'citizen', name: 'Een Grenspendelaar', email: 'pendelaar@example.org' },
} as const;

const ANALYSIS = {
  analysis: {
    description: { nl: 'Beide belastingstelsels heffen over hetzelfde pensioen.' },
    solutions: { nl: 'Een regel in het belastingverdrag.' },
    derogation: { possible: false, explanation: { nl: 'Een afwijking lost dubbele heffing niet op.' } },
    otherAspects: { nl: 'Raakt ongeveer 2.000 mensen.' },
    references: [{ title: 'Analyse grenspendelaars', url: 'https://example.org/analyse' }],
  },
  provisions: [
    { side: 'NL', citation: 'Wet IB 2001, art. 3.81', level: 'national' },
    { side: 'VL', citation: 'WIB 1992, art. 34', level: 'federal' },
  ],
};

const SIGNED_IN: Role[] = ['admin', 'secretariat', 'partner', 'department', 'decision_maker', 'observer'];

describeEachDialect('lifecycle journeys (reported → solved, reported → unsolvable)', (getDb) => {
  let app: FastifyInstance;
  const as = {} as Record<Role, Record<string, string>>;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    for (const role of SIGNED_IN) as[role] = await bearer(getDb(), role);
  });
  afterAll(async () => {
    await app.close();
  });

  async function read(id: string): Promise<{ status: string; version: number; statusReason: string | null }> {
    const response = await app.inject({ url: `/api/v1/obstacles/${id}`, headers: as.secretariat });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /**
   * One step: every caller but those allowed is refused first (the public 401, the others 403) and
   * the obstacle stays as it was; then the allowed role makes it, with the version it read.
   */
  async function step(
    id: string,
    label: string,
    allowed: Role,
    alsoAllowed: Role[],
    send: (headers: Record<string, string>) => Promise<LightMyRequestResponse>,
  ): Promise<LightMyRequestResponse> {
    const before = await read(id);
    const ifMatch = { 'if-match': `"${before.version}"` };
    const anonymous = await send(ifMatch);
    expect(anonymous.statusCode, `${label} as the public: ${anonymous.body}`).toBe(401);
    for (const role of SIGNED_IN.filter((r) => r !== allowed && !alsoAllowed.includes(r))) {
      const refused = await send({ ...as[role], ...ifMatch });
      expect(refused.statusCode, `${label} as ${role}: ${refused.body}`).toBe(403);
      expect(refused.json().code).toBe('forbidden');
    }
    expect(await read(id)).toEqual(before);
    const done = await send({ ...as[allowed], ...ifMatch });
    expect(done.statusCode, `${label} as ${allowed}: ${done.body}`).toBeLessThan(300);
    return done;
  }

  const move = (id: string, body: object) => (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: `/api/v1/obstacles/${id}/transitions`, payload: body, headers });

  /** Reported by the public, then taken to `routed` by the secretariat, step by step. */
  async function toRouted(): Promise<string> {
    const reported = await app.inject({ method: 'POST', url: '/api/v1/obstacles', payload: REPORT });
    expect(reported.statusCode, reported.body).toBe(201);
    const { id, status } = reported.json();
    expect(status).toBe('reported');
    await step(id, 'intake', 'secretariat', [], move(id, { to: 'intake' }));
    await step(id, 'analysis', 'secretariat', [], move(id, { to: 'analysis' }));
    await step(id, 'the analysis', 'secretariat', [], (headers) =>
      app.inject({ method: 'PATCH', url: `/api/v1/obstacles/${id}`, payload: ANALYSIS, headers }),
    );
    await step(id, 'proposed', 'secretariat', [], move(id, { to: 'proposed' }));
    await step(id, 'selected', 'secretariat', [], move(id, { to: 'selected' }));
    const routing = {
      departments: [
        { organisation: 'nl-fin', role: 'lead' },
        { organisation: 'vl-fin', role: 'involved' },
      ],
    };
    await step(id, 'routed', 'secretariat', [], (headers) =>
      app.inject({ method: 'POST', url: `/api/v1/obstacles/${id}/routing`, payload: routing, headers }),
    );
    expect((await read(id)).status).toBe('routed');
    return id;
  }

  async function meeting(): Promise<string> {
    const planned = await app.inject({
      method: 'POST',
      url: '/api/v1/meetings',
      payload: { body: 'grensoverleg-vl-nl', date: '2027-02-15', language: 'nl' },
      headers: as.secretariat,
    });
    expect(planned.statusCode, planned.body).toBe(201);
    return planned.json().id;
  }

  async function historyMoves(id: string): Promise<string[]> {
    const history = await app.inject({ url: `/api/v1/obstacles/${id}/history`, headers: as.observer });
    expect(history.statusCode).toBe(200);
    return history
      .json()
      .items.map((e: { transition: string | null }) => e.transition)
      .filter((t: string | null) => t !== null);
  }

  it('takes one obstacle from reported to solved, each step by a role allowed and refused for the others', async () => {
    const id = await toRouted();
    const meetingId = await meeting();
    // The agenda proposal of the meeting's body has the routed obstacle on it.
    const proposal = await app.inject({ url: `/api/v1/meetings/${meetingId}/agenda-proposal`, headers: as.secretariat });
    expect(proposal.statusCode, proposal.body).toBe(200);
    expect(JSON.stringify(proposal.json())).toContain(id);

    const decision = {
      body: 'grensoverleg-vl-nl',
      meeting: meetingId,
      obstacle: id,
      type: 'treaty_or_agreement',
      text: { nl: 'Het belastingverdrag krijgt een pensioenregel.' },
      sourceLanguage: 'nl',
      politicalOwners: [
        { government: 'nl', office: 'Staatssecretaris van Financiën' },
        { government: 'vl', office: 'Vlaams minister van Financiën' },
      ],
      departments: ['nl-fin', 'vl-fin'],
      dueOn: '2027-12-31',
    };
    // Decision makers and the secretariat record decisions; the decision maker does it here.
    const recorded = await step(id, 'a decision', 'decision_maker', ['secretariat'], (headers) =>
      app.inject({ method: 'POST', url: '/api/v1/decisions', payload: decision, headers }),
    );
    expect(recorded.statusCode).toBe(201);
    expect((await read(id)).status).toBe('in_progress');

    await step(id, 'solved', 'secretariat', [], move(id, { to: 'solved', reason: 'Het verdrag is aangepast.' }));
    expect(await read(id)).toMatchObject({ status: 'solved', statusReason: 'Het verdrag is aangepast.' });
    expect(await historyMoves(id)).toEqual([
      'start_intake',
      'start_analysis',
      'propose',
      'select',
      'route',
      'decide',
      'start_work',
      'solve',
    ]);
    const decisions = await app.inject({ url: `/api/v1/decisions?obstacle=${id}`, headers: as.partner });
    expect(decisions.json().items.map((d: { id: string }) => d.id)).toEqual([recorded.json().id]);
    expect((await verifyAuditTrail(getDb().location)).ok).toBe(true);
  });

  it('takes another to unsolvable by a decision not to solve it, which needs its reasons', async () => {
    const id = await toRouted();
    const meetingId = await meeting();
    const decision = {
      body: 'grensoverleg-vl-nl',
      meeting: meetingId,
      obstacle: id,
      type: 'not_to_be_solved',
      text: { nl: 'De belemmering wordt niet opgelost.' },
      sourceLanguage: 'nl',
    };
    const version = (await read(id)).version;
    const withoutReasons = await app.inject({
      method: 'POST',
      url: '/api/v1/decisions',
      payload: decision,
      headers: { ...as.secretariat, 'if-match': `"${version}"`, 'accept-language': 'de' },
    });
    expect(withoutReasons.statusCode).toBe(400);
    expect(withoutReasons.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['reasons']);
    expect(await read(id)).toMatchObject({ status: 'routed', version });

    const reasons = { nl: 'Beide verdragspartners willen de heffing behouden.' };
    await step(id, 'a decision not to solve', 'secretariat', ['decision_maker'], (headers) =>
      app.inject({ method: 'POST', url: '/api/v1/decisions', payload: { ...decision, reasons }, headers }),
    );
    expect(await read(id)).toMatchObject({ status: 'unsolvable', statusReason: reasons.nl });
    expect(await historyMoves(id)).toEqual([
      'start_intake',
      'start_analysis',
      'propose',
      'select',
      'route',
      'decide',
      'decide_not_to_solve',
    ]);
    // Closed: no more moves but reopening, by the secretariat with a reason.
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/obstacles/${id}/transitions`,
      payload: { to: 'in_progress' },
      headers: { ...as.secretariat, 'if-match': '*' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).toEqual(['analysis']);
    expect((await verifyAuditTrail(getDb().location)).ok).toBe(true);
  });
});
