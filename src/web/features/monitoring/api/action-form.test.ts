import { describe, expect, it } from 'vitest';
import { type ActionFormValues, readActionForm, toActionRequest } from './action-form';

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
}

const VALUES: ActionFormValues = {
  kind: 'action',
  title: 'Regeling aanpassen',
  sourceLanguage: 'nl',
  decisionId: '',
  ownerOrganisation: 'nl-szw',
  dueOn: '2027-06-30',
  status: 'planned',
  progress: '0',
  weight: '2',
  evidence: [
    { url: '', label: '' },
    { url: '', label: '' },
    { url: '', label: '' },
  ],
  notes: '',
};

describe('the action form', () => {
  it('reads every field, trimmed, with three evidence rows', () => {
    const values = readActionForm(
      form({
        kind: 'milestone',
        title: '  Circulaire  ',
        sourceLanguage: 'fr',
        'owner.organisation': 'be-fin',
        dueOn: '2027-01-31',
        status: 'in_progress',
        progress: '40',
        weight: '3',
        'evidence.1.url': 'https://example.org/a',
        'evidence.1.label': 'A',
        notes: 'x',
      }),
    );
    expect(values).toMatchObject({ kind: 'milestone', title: 'Circulaire', sourceLanguage: 'fr', ownerOrganisation: 'be-fin' });
    expect(values.evidence).toEqual([
      { url: '', label: '' },
      { url: 'https://example.org/a', label: 'A' },
      { url: '', label: '' },
    ]);
  });

  it('creates with the whole plan: numbers as numbers, empty rows and notes left out or null', () => {
    expect(toActionRequest(VALUES, { kind: 'create' })).toEqual({
      kind: 'action',
      title: { nl: 'Regeling aanpassen' },
      sourceLanguage: 'nl',
      decisionId: null,
      owner: { organisation: 'nl-szw' },
      dueOn: '2027-06-30',
      weight: 2,
      status: 'planned',
      progress: 0,
      evidence: [],
      notes: null,
    });
    // What is not a whole number goes as written: the API names the field.
    expect(toActionRequest({ ...VALUES, progress: 'veel' }, { kind: 'create' }).progress).toBe('veel');
  });

  it('changes only what differs, and a reporter only its report’s fields', () => {
    const after = { ...VALUES, progress: '55', dueOn: '2028-01-01', notes: 'Loopt.' };
    expect(toActionRequest(after, { kind: 'update', before: VALUES, plan: true })).toEqual({
      dueOn: '2028-01-01',
      progress: 55,
      notes: 'Loopt.',
    });
    expect(toActionRequest(after, { kind: 'update', before: VALUES, plan: false })).toEqual({ progress: 55, notes: 'Loopt.' });
    expect(toActionRequest(VALUES, { kind: 'update', before: VALUES, plan: true })).toEqual({});
  });
});
