import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../contracts/common.contract.js';
import { ApiProblem } from '../../../lib/api-client';
import type { createSetupClient } from './setup-client';
import { XLSX_MAX_BYTES } from './setup-client';
import { UPLOAD_MISSING, UPLOAD_TOO_BIG, uploadSheet } from './upload-sheet';

type Client = ReturnType<typeof createSetupClient>;

function recordingClient(answer: () => Promise<{ organisation: string; count: number }>) {
  const calls: { round: string; version: number; bytes: number[]; organisation: string | undefined; csrf: string | undefined }[] =
    [];
  const client = {
    sides: async () => [],
    setRules: async () => {
      throw new Error('not used');
    },
    uploadScores: async (
      round: string,
      version: number,
      file: Uint8Array,
      organisation: string | undefined,
      csrf: string | undefined,
    ) => {
      calls.push({ round, version, bytes: [...file], organisation, csrf });
      return answer();
    },
  } as unknown as Client;
  return { client, calls };
}

const refusal = (error: unknown): Problem => {
  if (error instanceof ApiProblem) return error.problem;
  throw error;
};

function formWith(file: Blob | undefined): FormData {
  const form = new FormData();
  form.set('intent', 'upload');
  form.set('version', '7');
  form.set('csrf', 'token');
  if (file) form.set('file', file, 'scores.xlsx');
  return form;
}

describe('uploading a score sheet from the page', () => {
  it('forwards the file’s bytes with the version, the organisation and the CSRF token; answers the count', async () => {
    const { client, calls } = recordingClient(async () => ({ organisation: 'nl-li', count: 20 }));
    const result = await uploadSheet({
      form: formWith(new Blob([new Uint8Array([80, 75, 3, 4])])),
      round: 'r1',
      organisation: 'nl-li',
      client,
      refusal,
    });
    expect(result).toBe(20);
    expect(calls).toEqual([{ round: 'r1', version: 7, bytes: [80, 75, 3, 4], organisation: 'nl-li', csrf: 'token' }]);
  });

  it('refuses a missing or empty file and one over the limit without calling the API', async () => {
    const { client, calls } = recordingClient(async () => ({ organisation: 'nl-li', count: 1 }));
    for (const [file, code] of [
      [undefined, UPLOAD_MISSING],
      [new Blob([]), UPLOAD_MISSING],
      [new Blob([new Uint8Array(XLSX_MAX_BYTES + 1)]), UPLOAD_TOO_BIG],
    ] as const) {
      const result = await uploadSheet({ form: formWith(file), round: 'r1', organisation: undefined, client, refusal });
      expect(result).toMatchObject({ status: 400, invalidParams: [{ name: 'file', code }] });
    }
    expect(calls).toEqual([]);
  });

  it('gives back the API’s refusal naming the cells', async () => {
    const problem: Problem = {
      type: 'about:blank',
      title: 'Invalid',
      status: 400,
      detail: 'Invalid',
      code: 'validation_failed',
      invalidParams: [{ name: 'Scores!E4', code: 'too_big', reason: 'At most 5.' }],
    };
    const { client } = recordingClient(async () => {
      throw new ApiProblem(400, problem as ConstructorParameters<typeof ApiProblem>[1]);
    });
    const result = await uploadSheet({
      form: formWith(new Blob([new Uint8Array([1])])),
      round: 'r1',
      organisation: undefined,
      client,
      refusal,
    });
    expect(result).toEqual(problem);
  });
});
