import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Form,
  Link,
  type LoaderFunctionArgs,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
} from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { paths } from '../../../lib/paths';
import { csrfOf, signInRedirect } from '../../../lib/session';
import { requireAbility } from '../api/admin-access';
import { type OrganisationFormValues, readOrganisationForm, toOrganisationBody } from '../api/organisation-form';
import { OrganisationFields } from '../components/organisation-fields';

async function load(api: ApiClient, request: Request, serverRequest: Request | undefined, key: string) {
  await requireAbility(api, request, serverRequest, 'manage_organisations');
  const [organisations, reference] = await Promise.all([api.listOrganisations(), api.referenceData()]);
  const organisation = organisations.find((o) => o.key === key);
  if (!organisation) throw data({ code: 'organisation_not_found' }, { status: 404 });
  return { organisation, governments: reference.governments };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request, request, params.key ?? '');
}

export async function clientLoader({ request, params }: LoaderFunctionArgs) {
  return load(browserApi().api, request, undefined, params.key ?? '');
}

/** Saves name, kind and government through the API (PATCH; the key never changes); back to the list. */
async function submit(api: ApiClient, request: Request, key: string, form: FormData) {
  const values = { ...readOrganisationForm(form), key };
  const { name, kind, government } = toOrganisationBody(values);
  try {
    await api.updateOrganisation(key, { name, kind, government }, csrfOf(form));
    return redirect(`${paths.organisations()}?saved=${encodeURIComponent(key)}`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    if (error instanceof ApiProblem && error.status === 404) throw data({ code: 'organisation_not_found' }, { status: 404 });
    if (error instanceof ApiProblem && error.status < 500) {
      return data<{ values: OrganisationFormValues; problem: Problem }>(
        { values, problem: error.problem },
        { status: error.status },
      );
    }
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, request, params.key ?? '', await request.formData());
}

export async function clientAction({ request, params }: ActionFunctionArgs) {
  return submit(browserApi().api, request, params.key ?? '', await request.formData());
}

export default function OrganisationEdit() {
  const { organisation, governments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { fields, summary } = useFormErrors(
    result?.problem,
    new Map([
      ['name', t('organisations.name')],
      ['kind', t('organisations.kind')],
      ['government', t('organisations.government')],
    ]),
    new Set(['kind', 'government']),
  );
  const values = result?.values ?? {
    key: organisation.key,
    name: organisation.name,
    kind: organisation.kind,
    government: organisation.government ?? '',
  };
  const title = t('organisations.editTitle', { name: organisation.name });
  return (
    <div className="schakel-page schakel-page--narrow">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph className="schakel-muted">
        {t('organisations.key')}: <code>{organisation.key}</code>
      </Paragraph>
      <Form method="post" className="schakel-form" id="edit-organisation-form" noValidate>
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <CsrfField />
        <OrganisationFields values={values} errors={fields} governments={governments} withKey={false} />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('organisations.submitEdit')}
          </Button>
          <Link className="utrecht-link" to={paths.organisations()}>
            {t('organisations.back')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
