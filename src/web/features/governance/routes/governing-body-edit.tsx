import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
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
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { LANGUAGES } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../api/governance-context';
import { BodyFields, type BodyFormValues, readBodyForm, toBodyRequest, useBodyErrors } from '../components/body-fields';

/** One governing body to change (the secretariat's); the key stays. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request, 'manage_governance');
  const { api, gov } = governanceApi(context, request);
  try {
    const [body, reference] = await Promise.all([gov.getBody(params.key ?? ''), api.referenceData()]);
    return { body, governments: reference.governments };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

/** Saves with the body's version as If-Match; a 412 says someone changed it first. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const key = params.key ?? '';
  const values = { ...readBodyForm(form), key };
  const version = Number(field(form, 'version'));
  try {
    await governanceApi(context, request).gov.updateBody(
      key,
      Number.isInteger(version) ? version : 0,
      toBodyRequest(values, false),
      csrfOf(form),
    );
    return redirect(`${paths.governingBodies()}?saved=${encodeURIComponent(key)}`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) throw data({ code: 'governing_body_not_found' }, { status: 404 });
    const problem = formRefusal(error, request);
    return data({ values, problem, conflict: problem.status === 412 }, { status: problem.status });
  }
}

export default function GoverningBodyEdit() {
  const { body, governments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const { fields, summary } = useBodyErrors(result?.conflict ? undefined : result?.problem);
  const values: BodyFormValues = result?.values ?? {
    key: body.key,
    name: Object.fromEntries(LANGUAGES.map((language) => [language, body.name[language] ?? ''])) as BodyFormValues['name'],
    governments: body.governments,
    active: body.active,
  };
  const title = t('governance.editBody', { name: body.text.name?.value ?? body.key });
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      {result?.conflict ? (
        <Alert type="error" role="alert">
          <Paragraph>
            {t('governance.bodyConflict')}{' '}
            <a className="utrecht-link" href={paths.governingBody(body.key)}>
              {t('governance.reload')}
            </a>
          </Paragraph>
        </Alert>
      ) : null}
      <Form method="post" className="schakel-form" id="edit-body-form" noValidate>
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <CsrfField />
        <input type="hidden" name="version" value={body.version} />
        <BodyFields values={values} errors={fields} governments={governments} withKey={false} />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('governance.saveBody')}
          </Button>
          <Link className="utrecht-link" to={paths.governingBodies()}>
            {t('governance.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
