import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
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
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { formRefusal, governanceApi, requireSession } from '../api/governance-context';
import { BodyFields, EMPTY_BODY, readBodyForm, toBodyRequest, useBodyErrors } from '../components/body-fields';

/** The governing bodies for the secretariat (manage_governance): the list and a form to add one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request, 'manage_governance');
  const { api, gov } = governanceApi(context, request);
  const [bodies, reference] = await Promise.all([gov.listBodies(), api.referenceData()]);
  return { bodies, governments: reference.governments };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = readBodyForm(form);
  try {
    const added = await governanceApi(context, request).gov.createBody(toBodyRequest(values, true), csrfOf(form));
    return redirect(`${paths.governingBodies()}?added=${encodeURIComponent(added.key)}`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data({ values, problem }, { status: problem.status });
  }
}

export default function GoverningBodies() {
  const { bodies, governments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const { fields, summary } = useBodyErrors(result?.problem);
  const governmentLabel = new Map(governments.map((g) => [g.key, g.label]));
  const changed = search.get('added') ?? search.get('saved');
  const title = t('governance.bodiesTitle');
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      {changed && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('governance.bodySaved', { key: changed })}</Paragraph>
        </Alert>
      ) : null}
      <ul className="utrecht-unordered-list" id="governing-body-list">
        {bodies.map((body) => (
          <li key={body.key} data-body={body.key}>
            <Link className="utrecht-link" to={paths.governingBody(body.key)}>
              {body.text.name?.value ?? body.key}
            </Link>{' '}
            ({body.governments.map((key) => governmentLabel.get(key) ?? key).join(', ')})
            {body.active ? '' : ` · ${t('governance.inactive')}`}
          </li>
        ))}
      </ul>
      <section aria-labelledby="add-body-title">
        <Heading2 id="add-body-title">{t('governance.addBody')}</Heading2>
        <Form method="post" className="schakel-form" id="add-body-form" noValidate>
          <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
          <CsrfField />
          <BodyFields values={result?.values ?? EMPTY_BODY} errors={fields} governments={governments} withKey />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {t('governance.addBody')}
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}
