import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
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
  useSearchParams,
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
import {
  EMPTY_ORGANISATION,
  type OrganisationFormValues,
  readOrganisationForm,
  toOrganisationBody,
} from '../api/organisation-form';
import { OrganisationFields } from '../components/organisation-fields';

/** The organisations as they are now, for admins (everyone reads them in the API; only admins change them). */
async function load(api: ApiClient, request: Request, serverRequest: Request | undefined) {
  await requireAbility(api, request, serverRequest, 'manage_organisations');
  const [organisations, reference] = await Promise.all([api.listOrganisations(), api.referenceData()]);
  return { organisations, governments: reference.governments };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request, request);
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return load(browserApi().api, request, undefined);
}

/** Adds one through the API; back to the list (303) saying so, or the form with the API's errors. */
async function submit(api: ApiClient, request: Request, form: FormData) {
  const values = readOrganisationForm(form);
  try {
    const added = await api.createOrganisation(toOrganisationBody(values), csrfOf(form));
    return redirect(`${paths.organisations()}?added=${encodeURIComponent(added.key)}`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    if (error instanceof ApiProblem && error.status < 500) {
      return data<{ values: OrganisationFormValues; problem: Problem }>(
        { values, problem: error.problem },
        { status: error.status },
      );
    }
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, request, await request.formData());
}

export async function clientAction({ request }: ActionFunctionArgs) {
  return submit(browserApi().api, request, await request.formData());
}

export default function Organisations() {
  const { organisations, governments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const governmentLabel = new Map(governments.map((g) => [g.key, g.label]));
  const changed = organisations.find((o) => o.key === (search.get('added') ?? search.get('saved')));
  const { fields, summary } = useFormErrors(
    result?.problem,
    new Map([
      ['key', t('organisations.key')],
      ['name', t('organisations.name')],
      ['kind', t('organisations.kind')],
      ['government', t('organisations.government')],
    ]),
    new Set(['kind', 'government']),
  );
  const title = t('organisations.title');
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('organisations.intro')}</Paragraph>
      {changed && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {search.has('added')
              ? t('organisations.added', { name: changed.name })
              : t('organisations.saved', { name: changed.name })}
          </Paragraph>
        </Alert>
      ) : null}
      <div className="schakel-table-wrap">
        <Table id="organisations-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('organisations.columnName')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('organisations.columnKey')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('organisations.columnKind')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('organisations.columnGovernment')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('organisations.columnActions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {organisations.map((organisation) => (
              <TableRow key={organisation.key} data-organisation={organisation.key}>
                <TableCell>{organisation.name}</TableCell>
                <TableCell>
                  <code>{organisation.key}</code>
                </TableCell>
                <TableCell>{organisation.kindLabel}</TableCell>
                <TableCell>
                  {organisation.government ? (governmentLabel.get(organisation.government) ?? organisation.government) : '—'}
                </TableCell>
                <TableCell>
                  <Link
                    className="utrecht-link"
                    to={paths.organisation(organisation.key)}
                    aria-label={t('organisations.editLabel', { name: organisation.name })}
                  >
                    {t('organisations.edit')}
                  </Link>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <section aria-labelledby="organisations-add">
        <Heading2 id="organisations-add">{t('organisations.addTitle')}</Heading2>
        <Form method="post" className="schakel-form" id="add-organisation-form" noValidate>
          <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
          <CsrfField />
          <OrganisationFields values={result?.values ?? EMPTY_ORGANISATION} errors={fields} governments={governments} withKey />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {t('organisations.submitAdd')}
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}
