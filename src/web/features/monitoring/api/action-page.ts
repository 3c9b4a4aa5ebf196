import type { AppLoadContext } from 'react-router';
import { serverApi } from '../../../lib/api-context';
import { languageOfRequest } from '../../../lib/language';
import { createGovernanceClient } from '../../governance/api/governance-client';

/** What an action form chooses from: the organisations, and the decisions on the obstacle (none without one). */
export async function actionFormChoices(context: AppLoadContext, request: Request, obstacle?: string) {
  const { api } = serverApi(context, request);
  const gov = createGovernanceClient(context.apiFetch, languageOfRequest(request));
  const [reference, decisions] = await Promise.all([
    api.referenceData(),
    (obstacle ? gov.listDecisions({ obstacle }) : Promise.resolve({ items: [] })).then(
      (answer) =>
        answer.items.map((d) => ({ id: d.id, label: `${d.decidedOn}: ${d.resolved.text?.value ?? d.typeLabel}`.slice(0, 120) })),
      () => [],
    ),
  ]);
  return {
    organisations: reference.organisations.map(({ key, name }) => ({ key, name })),
    governments: reference.governments.map(({ key, label }) => ({ key, label })),
    themes: reference.themes.map(({ key, label }) => ({ key, label })),
    decisions,
  };
}
