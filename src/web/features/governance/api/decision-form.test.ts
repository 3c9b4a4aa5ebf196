import { describe, expect, it } from 'vitest';
import { readDecisionForm, toDecisionRequest, toFormProblem } from './decision-form';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe('the decision form', () => {
  it('makes the request with texts in the chosen language and only the owners filled in', () => {
    const values = readDecisionForm(
      form([
        ['body', 'grensoverleg-vl-nl'],
        ['meeting', 'm1'],
        ['type', 'deferred'],
        ['sourceLanguage', 'fr'],
        ['text', ' Reporté. '],
        ['reasons', 'Attendre'],
        ['owner.nl.office', 'Minister'],
        ['owner.vl.name', ''],
        ['departments', 'nl-fin'],
        ['departments', 'vl-fin'],
        ['version', '7'],
      ]),
      ['nl', 'vl'],
    );
    expect(toDecisionRequest(values, 'GB-2026-0001')).toEqual({
      body: 'grensoverleg-vl-nl',
      meeting: 'm1',
      obstacle: 'GB-2026-0001',
      type: 'deferred',
      sourceLanguage: 'fr',
      text: { fr: 'Reporté.' },
      reasons: { fr: 'Attendre' },
      politicalOwners: [{ government: 'nl', office: 'Minister' }],
      departments: ['nl-fin', 'vl-fin'],
    });
    expect(values.version).toBe('7');
  });

  it('names the form fields in the API errors', () => {
    const problem = toFormProblem({
      type: 'about:blank',
      title: 'x',
      status: 400,
      detail: 'x',
      code: 'validation_failed',
      invalidParams: [
        { name: 'reasons', code: 'x', reason: 'required' },
        { name: 'text.nl', code: 'x', reason: 'too long' },
        { name: 'politicalOwners.1.government', code: 'x', reason: 'unknown' },
        { name: 'departments.0', code: 'x', reason: 'unknown' },
        { name: 'dueOn', code: 'x', reason: 'before' },
      ],
    });
    expect(problem.invalidParams?.map((p) => p.name)).toEqual(['reasons', 'text', 'politicalOwners', 'departments', 'dueOn']);
  });
});
