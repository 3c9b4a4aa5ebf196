/** The form to record a decision: what it sent, and the API request made of it. */
import type { Problem } from '../../../../contracts/common.contract.js';

export interface DecisionFormValues {
  body: string;
  meeting: string;
  decidedOn: string;
  type: string;
  sourceLanguage: string;
  text: string;
  reasons: string;
  conditions: string;
  /** Per government key: name and office. */
  owners: Record<string, { name: string; office: string }>;
  departments: string[];
  dueOn: string;
  version: string;
}

export function readDecisionForm(form: FormData, governments: readonly string[]): DecisionFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const owners: DecisionFormValues['owners'] = {};
  for (const government of governments) {
    owners[government] = { name: text(`owner.${government}.name`), office: text(`owner.${government}.office`) };
  }
  return {
    body: text('body'),
    meeting: text('meeting'),
    decidedOn: text('decidedOn'),
    type: text('type'),
    sourceLanguage: text('sourceLanguage'),
    text: text('text'),
    reasons: text('reasons'),
    conditions: text('conditions'),
    owners,
    departments: form.getAll('departments').map(String),
    dueOn: text('dueOn'),
    version: text('version'),
  };
}

/** The request: texts in the chosen language; empty optional fields are left out. */
export function toDecisionRequest(values: DecisionFormValues, obstacle: string): Record<string, unknown> {
  const language = values.sourceLanguage;
  const inLanguage = (value: string) => ({ [language]: value });
  const owners = Object.entries(values.owners)
    .filter(([, owner]) => owner.name !== '' || owner.office !== '')
    .map(([government, owner]) => ({
      government,
      ...(owner.name ? { name: owner.name } : {}),
      ...(owner.office ? { office: owner.office } : {}),
    }));
  return {
    body: values.body,
    ...(values.meeting ? { meeting: values.meeting } : {}),
    ...(values.decidedOn ? { decidedOn: values.decidedOn } : {}),
    obstacle,
    type: values.type,
    sourceLanguage: language,
    text: inLanguage(values.text),
    ...(values.reasons ? { reasons: inLanguage(values.reasons) } : {}),
    ...(values.conditions ? { conditions: inLanguage(values.conditions) } : {}),
    ...(owners.length > 0 ? { politicalOwners: owners } : {}),
    ...(values.departments.length > 0 ? { departments: values.departments } : {}),
    ...(values.dueOn ? { dueOn: values.dueOn } : {}),
  };
}

/**
 * The API's field names as the form's: a text's language (`text.nl`) is the text field, an
 * owner's or department's index (`politicalOwners.1.office`, `departments.0`) the group.
 */
export function toFormProblem(problem: Problem): Problem {
  if (!problem.invalidParams) return problem;
  return {
    ...problem,
    invalidParams: problem.invalidParams.map((invalid) => ({
      ...invalid,
      name: invalid.name.replace(/^(text|reasons|conditions)\..*$/, '$1').replace(/^(politicalOwners|departments)\..*$/, '$1'),
    })),
  };
}
