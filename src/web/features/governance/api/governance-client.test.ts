import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../lib/api-client';
import { createGovernanceClient } from './governance-client';

function recorder(status = 200, body: unknown = { items: [], nextCursor: null }) {
  const calls: { path: string; init: RequestInit | undefined }[] = [];
  const fetcher = async (path: string, init?: RequestInit) => {
    calls.push({ path, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetcher };
}

describe('the governance client', () => {
  it('asks for decisions with only the filters given, in the reader’s language', async () => {
    const { calls, fetcher } = recorder();
    await createGovernanceClient(fetcher, 'fr').listDecisions({
      body: 'nl-nrw',
      type: ['deferred', 'derogation'],
      from: '',
      to: '2026-12-31',
    });
    expect(calls[0]?.path).toBe('/api/v1/decisions?body=nl-nrw&type=deferred%2Cderogation&to=2026-12-31');
    expect(((calls[0]?.init?.headers ?? {}) as Record<string, string>)['accept-language']).toBe('fr');
  });

  it('sends the agenda with the meeting’s version as If-Match and the CSRF token', async () => {
    const { calls, fetcher } = recorder(200, { id: 'm1' });
    await createGovernanceClient(fetcher, 'nl').setAgenda('m 1', 4, [{ obstacle: 'GB-1', note: null }], 'token');
    const call = calls[0];
    expect(call?.path).toBe('/api/v1/meetings/m%201/agenda');
    expect(call?.init?.method).toBe('PUT');
    const headers = (call?.init?.headers ?? {}) as Record<string, string>;
    expect(headers['if-match']).toBe('"4"');
    expect(headers['x-csrf-token']).toBe('token');
    expect(JSON.parse(String(call?.init?.body))).toEqual({ items: [{ obstacle: 'GB-1', note: null }] });
  });

  it('turns a refusal into an ApiProblem with the API’s problem', async () => {
    const problem = { type: 'about:blank', title: 'Precondition failed', status: 412, detail: 'stale', code: 'version_mismatch' };
    const { fetcher } = recorder(412, problem);
    const error = await createGovernanceClient(fetcher, 'nl')
      .createDecision({}, 3, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(412);
    expect((error as ApiProblem).problem.code).toBe('version_mismatch');
  });

  it('adds departments to a routed obstacle with its version as If-Match and the CSRF token', async () => {
    const { calls, fetcher } = recorder(200, { obstacle: {}, items: [] });
    const body = { departments: [{ organisation: 'nl-fin', role: 'involved' }] };
    await createGovernanceClient(fetcher, 'de').addRoutings('GB-2026-0042', 7, body, 'token');
    const call = calls[0];
    expect(call?.path).toBe('/api/v1/obstacles/GB-2026-0042/routings');
    expect(call?.init?.method).toBe('POST');
    const headers = (call?.init?.headers ?? {}) as Record<string, string>;
    expect(headers['if-match']).toBe('"7"');
    expect(headers['x-csrf-token']).toBe('token');
    expect(headers['accept-language']).toBe('de');
    expect(JSON.parse(String(call?.init?.body))).toEqual(body);
  });

  it('reads the routing alerts, and answers a routing for a department without If-Match', async () => {
    const { calls, fetcher } = recorder(200, { items: [] });
    const client = createGovernanceClient(fetcher, 'en');
    expect(await client.routingAlerts()).toEqual({ items: [] });
    expect(calls[0]?.path).toBe('/api/v1/routing/alerts');
    await client.acknowledge('GB-1', 'nl szw', { decision: 'decline', reason: 'Niet van ons' }, 'token');
    expect(calls[1]?.path).toBe('/api/v1/obstacles/GB-1/routings/nl%20szw/acknowledgement');
    const headers = (calls[1]?.init?.headers ?? {}) as Record<string, string>;
    expect(headers['if-match']).toBeUndefined();
    expect(headers['x-csrf-token']).toBe('token');
  });

  it('keeps only the organisations of kind department', async () => {
    const { fetcher } = recorder(200, {
      items: [
        { key: 'nl-fin', name: 'Financiën', kind: 'department', government: 'nl' },
        { key: 'item', name: 'ITEM', kind: 'knowledge_institute', government: null },
      ],
    });
    expect((await createGovernanceClient(fetcher, 'nl').departments()).map((o) => o.key)).toEqual(['nl-fin']);
  });
});
