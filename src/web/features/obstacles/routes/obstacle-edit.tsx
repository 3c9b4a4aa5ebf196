import { Heading1 } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect, useActionData, useLoaderData } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { paths } from '../../../lib/paths';
import { csrfOf, hasSessionCookie, loadSession, refuse } from '../../../lib/session';
import { loadObstacle } from '../api/load-obstacle';
import { readObstacleForm, toUpdateDraft, valuesFromObstacle } from '../api/obstacle-form-data';
import { ObstacleForm } from '../components/obstacle-form';

/** The form, for whoever may edit this obstacle (its `abilities`); the public signs in first, others get 403. */
async function load(api: ApiClient, request: Request, serverRequest: Request | undefined, reference: string | undefined) {
  const loaded = await loadObstacle(api, reference);
  if (!loaded.obstacle.abilities?.includes('edit')) {
    refuse(request, hasSessionCookie(serverRequest) ? await loadSession(api, true) : { user: null });
  }
  return loaded;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request, request, params.reference);
}

export async function clientLoader({ request, params }: LoaderFunctionArgs) {
  return load(browserApi().api, request, undefined, params.reference);
}

/**
 * Saves through the API with If-Match: the version the form was loaded with. A stale version
 * (412) comes back as a conflict, with what the user typed kept.
 */
async function submit(api: ApiClient, reference: string, form: FormData) {
  const values = readObstacleForm(form);
  const version = Number(values.version);
  try {
    const updated = await api.updateObstacle(
      reference,
      Number.isInteger(version) ? version : 0,
      toUpdateDraft(values),
      csrfOf(form),
    );
    return redirect(`${paths.obstacle(updated.reference)}?saved=updated`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) throw data({ reference }, { status: 404 });
    if (error instanceof ApiProblem && error.status < 500) {
      return data({ values, problem: error.problem, conflict: error.status === 412 }, { status: error.status });
    }
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, params.reference ?? '', await request.formData());
}

export async function clientAction({ request, params }: ActionFunctionArgs) {
  return submit(browserApi().api, params.reference ?? '', await request.formData());
}

export default function EditObstacle() {
  const { obstacle, reference } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const values = result?.values ?? valuesFromObstacle(obstacle);
  const title = t('form.editTitle', { reference: obstacle.reference });
  const failed = result?.conflict ? t('form.conflictTitle') : result?.problem ? t('form.errorSummary') : undefined;
  return (
    <>
      <PageTitle>{failed ? `${failed}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <ObstacleForm
        key={result ? `submitted-${values.version}` : `loaded-${obstacle.version}`}
        mode="edit"
        values={values}
        reference={reference}
        problem={result?.conflict ? undefined : result?.problem}
        conflict={result?.conflict ? { reloadHref: paths.editObstacle(obstacle.reference) } : undefined}
        cancelHref={paths.obstacle(obstacle.reference)}
      />
    </>
  );
}
