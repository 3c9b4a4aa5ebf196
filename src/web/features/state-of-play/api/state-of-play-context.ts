import type { AppLoadContext } from 'react-router';
import { serverApi } from '../../../lib/api-context';
import { languageOfRequest } from '../../../lib/language';
import { createStateOfPlayClient, type StateOfPlayClient } from './state-of-play-client';

/** The state-of-play client of a page request on the server (as the page's caller). */
export function serverStateOfPlay(context: AppLoadContext, request: Request): StateOfPlayClient {
  return createStateOfPlayClient(context.apiFetch, languageOfRequest(request));
}

/** The organisations' names by key (the reference data), for the department columns. */
export async function organisationNames(context: AppLoadContext, request: Request): Promise<Record<string, string>> {
  const reference = await serverApi(context, request).api.referenceData();
  return Object.fromEntries(reference.organisations.map((o) => [o.key, o.name]));
}

/** The body of an answer as the form made it: numbers where they are numbers, the rest as typed (the API judges). */
export function answerBody(form: { status: string; progress: string; forecastOn: string; note: string }) {
  return {
    status: form.status,
    progress: /^\d{1,6}$/.test(form.progress) ? Number(form.progress) : form.progress,
    forecastOn: form.forecastOn === '' ? null : form.forecastOn,
    note: form.note === '' ? null : form.note,
  };
}
