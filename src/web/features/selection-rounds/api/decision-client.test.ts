import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../lib/api-client';
import { createDecisionClient } from './decision-client';

function recorder(status = 200, body: unknown = {}) {
  const calls: { path: string; init: RequestInit | undefined }[] = [];
  const fetcher = async (path: string, init?: RequestInit) => {
    calls.push({ path, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetcher };
}

describe('the decision client of the selection rounds', () => {
  it('starts a what-if solve with its weights and rules and the CSRF token', async () => {
    const { calls, fetcher } = recorder(202, { id: 's2', status: 'running' });
    const started = await createDecisionClient(fetcher, 'de').whatIf(
      'r 1',
      { criteria: [{ key: 'impact', weight: 5 }] },
      'token',
    );
    expect(started.id).toBe('s2');
    expect(calls[0]?.path).toBe('/api/v1/selection-rounds/r%201/solve');
    expect(calls[0]?.init?.method).toBe('POST');
    const headers = (calls[0]?.init?.headers ?? {}) as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('token');
    expect(headers['accept-language']).toBe('de');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ criteria: [{ key: 'impact', weight: 5 }] });
  });

  it('asks for two solutions side by side', async () => {
    const { calls, fetcher } = recorder(200, { entered: [] });
    await createDecisionClient(fetcher, 'nl').compare('r1', 'a/1', 'b');
    expect(calls[0]?.path).toBe('/api/v1/selection-rounds/r1/solutions/a%2F1/compare/b');
    expect(calls[0]?.init?.method).toBeUndefined();
  });

  it('sends an amendment, and a refusal comes back with the fields the API names', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'invalid',
      code: 'validation_failed',
      invalidParams: [{ name: 'reason', reason: 'required' }],
    };
    const { calls, fetcher } = recorder(400, problem);
    const error = await createDecisionClient(fetcher, 'fr')
      .amend('r1', { solutionId: 's1', obstacleId: 'o1', change: 'include', reason: '' }, 'token')
      .catch((e: unknown) => e);
    expect(calls[0]?.path).toBe('/api/v1/selection-rounds/r1/amendments');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      solutionId: 's1',
      obstacleId: 'o1',
      change: 'include',
      reason: '',
    });
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).problem.invalidParams?.[0]?.name).toBe('reason');
  });
});
