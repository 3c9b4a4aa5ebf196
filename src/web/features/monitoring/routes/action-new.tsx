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
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { languageOfRequest } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { formRefusal, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { type ActionFormValues, EVIDENCE_ROWS, readActionForm, toActionRequest } from '../api/action-form';
import { actionFormChoices } from '../api/action-page';
import { serverActions } from '../api/actions-context';
import { ActionFields, useActionLabels } from '../components/action-fields';

/** The form to add an action or milestone to an obstacle: for whoever the API lets add one (`canAdd`). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const reference = params.reference ?? '';
  try {
    const list = await serverActions(context, request).ofObstacle(reference);
    if (!list.canAdd) throw data({ code: 'forbidden' }, { status: 403 });
    const choices = await actionFormChoices(context, request, list.obstacle.id);
    return { obstacle: list.obstacle, language: languageOfRequest(request), ...choices };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const reference = params.reference ?? '';
  const values = readActionForm(form);
  try {
    await serverActions(context, request).create(reference, toActionRequest(values, { kind: 'create' }), csrfOf(form));
    return redirect(`${paths.obstacle(reference)}?actions=added#actions`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) throw data({ reference }, { status: 404 });
    const problem = formRefusal(error, request);
    return data({ values, problem }, { status: problem.status });
  }
}

export default function ActionNew() {
  const { obstacle, language, organisations, decisions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const { fields, summary } = useFormErrors(result?.problem, useActionLabels());
  const values: ActionFormValues = result?.values ?? {
    kind: 'action',
    title: '',
    sourceLanguage: language,
    decisionId: '',
    ownerOrganisation: '',
    dueOn: '',
    status: 'planned',
    progress: '0',
    weight: '1',
    evidence: Array.from({ length: EVIDENCE_ROWS }, () => ({ url: '', label: '' })),
    notes: '',
  };
  const title = t('monitoring.newTitle', { reference: obstacle.reference });
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={paths.obstacle(obstacle.reference)}>
          {obstacle.reference}
        </Link>
      </Paragraph>
      <Form method="post" className="schakel-form" id="action-form" noValidate>
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <CsrfField />
        <ActionFields values={values} errors={fields} plan organisations={organisations} decisions={decisions} />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('monitoring.save')}
          </Button>
          <Link className="utrecht-link" to={paths.obstacle(obstacle.reference)}>
            {t('monitoring.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
