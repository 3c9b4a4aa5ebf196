/**
 * The action form ↔ the API's request body. Without JavaScript the form posts every field; only
 * those the caller may change are sent (`report`: status, progress, evidence, notes), and only
 * those that differ from the action as loaded when changing one.
 */
import type { ActionResponse } from './actions-client';

export const ACTION_KIND_KEYS = ['action', 'milestone'] as const;
export const ACTION_STATUS_KEYS = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const RAG_KEYS = ['green', 'amber', 'red', 'none'] as const;
/** Rows of evidence links the form offers. */
export const EVIDENCE_ROWS = 3;

export interface ActionFormValues {
  kind: string;
  title: string;
  sourceLanguage: string;
  decisionId: string;
  ownerOrganisation: string;
  dueOn: string;
  status: string;
  progress: string;
  weight: string;
  evidence: { url: string; label: string }[];
  notes: string;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

export function readActionForm(form: FormData): ActionFormValues {
  const evidence: ActionFormValues['evidence'] = [];
  for (let i = 0; i < EVIDENCE_ROWS; i += 1) {
    evidence.push({ url: text(form, `evidence.${i}.url`), label: text(form, `evidence.${i}.label`) });
  }
  return {
    kind: text(form, 'kind'),
    title: text(form, 'title'),
    sourceLanguage: text(form, 'sourceLanguage'),
    decisionId: text(form, 'decisionId'),
    ownerOrganisation: text(form, 'owner.organisation'),
    dueOn: text(form, 'dueOn'),
    status: text(form, 'status'),
    progress: text(form, 'progress'),
    weight: text(form, 'weight'),
    evidence,
    notes: text(form, 'notes'),
  };
}

/** The form's values of a stored action (the title in its source language). */
export function actionValues(action: ActionResponse): ActionFormValues {
  const evidence = action.evidence.map((e) => ({ url: e.url, label: e.label }));
  while (evidence.length < EVIDENCE_ROWS) evidence.push({ url: '', label: '' });
  return {
    kind: action.kind,
    title: action.title[action.sourceLanguage] ?? '',
    sourceLanguage: action.sourceLanguage,
    decisionId: action.decisionId ?? '',
    ownerOrganisation: action.owner.organisation,
    dueOn: action.dueOn,
    status: action.status,
    progress: String(action.progress),
    weight: String(action.weight),
    evidence,
    notes: action.notes ?? '',
  };
}

/** A number field as the API wants it: a number when it reads as one, else the text (the API names it). */
function numberOf(value: string): number | string {
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/**
 * The request body: `create` sends the whole plan; `update` sends what changed against `before`,
 * limited to what the caller may change (`plan`: every field; else the report's fields).
 */
export function toActionRequest(
  values: ActionFormValues,
  mode: { kind: 'create' } | { kind: 'update'; before: ActionFormValues; plan: boolean },
): Record<string, unknown> {
  const evidence = values.evidence.filter((e) => e.url !== '' || e.label !== '');
  const report: Record<string, unknown> = {
    status: values.status,
    progress: numberOf(values.progress),
    evidence,
    notes: values.notes === '' ? null : values.notes,
  };
  const plan: Record<string, unknown> = {
    kind: values.kind,
    title: { [values.sourceLanguage]: values.title },
    sourceLanguage: values.sourceLanguage,
    decisionId: values.decisionId === '' ? null : values.decisionId,
    owner: { organisation: values.ownerOrganisation },
    dueOn: values.dueOn,
    weight: numberOf(values.weight),
  };
  if (mode.kind === 'create') return { ...plan, ...report };
  const before = toActionRequest(mode.before, { kind: 'create' });
  const candidate: Record<string, unknown> = mode.plan ? { ...plan, ...report } : report;
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(candidate)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
  }
  return changed;
}
