import { Heading1 } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect, useActionData, useLoaderData } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf, hasSessionCookie, loadSession, refuse } from '../../../lib/session';
import { emptyObstacleForm, readObstacleForm, toCreateDraft } from '../api/obstacle-form-data';
import { ObstacleForm } from '../components/obstacle-form';

/** The form, for whoever may report (the public too); others are refused (403). */
async function load(api: ApiClient, request: Request, serverRequest: Request | undefined) {
  const [session, reference] = await Promise.all([loadSession(api, hasSessionCookie(serverRequest)), api.referenceData()]);
  if (!session.abilities.includes('create_obstacle')) refuse(request, session);
  return { reference };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request, request);
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return load(browserApi().api, request, undefined);
}

/** Creates through the API; on success to the new obstacle's page, else the form with the API's errors. */
async function submit(api: ApiClient, form: FormData) {
  const values = readObstacleForm(form);
  try {
    const created = await api.createObstacle(toCreateDraft(values), csrfOf(form));
    return redirect(`${paths.obstacle(created.reference)}?saved=created`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status < 500)
      return data({ values, problem: error.problem }, { status: error.status });
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, await request.formData());
}

export async function clientAction({ request }: ActionFunctionArgs) {
  return submit(browserApi().api, await request.formData());
}

export default function NewObstacle() {
  const { reference } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const values = result?.values ?? emptyObstacleForm(i18n.language as Language);
  const title = t('form.newTitle');
  return (
    <>
      <PageTitle>{result?.problem ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <ObstacleForm
        key={result ? 'submitted' : 'new'}
        mode="new"
        values={values}
        reference={reference}
        problem={result?.problem}
        cancelHref={paths.register()}
      />
    </>
  );
}
