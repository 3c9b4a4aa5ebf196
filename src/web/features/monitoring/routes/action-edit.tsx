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
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { actionValues, readActionForm, toActionRequest } from '../api/action-form';
import { actionFormChoices } from '../api/action-page';
import { serverActions } from '../api/actions-context';
import { ActionFields, useActionLabels } from '../components/action-fields';
import { ProgressBar, RagBadge } from '../components/rag-badge';

/** One action to change: the whole plan for the secretariat, the report for the owner's department. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  try {
    const action = await serverActions(context, request).get(params.id ?? '');
    if (action.abilities.length === 0) throw data({ code: 'forbidden' }, { status: 403 });
    return { action, ...(await actionFormChoices(context, request, action.obstacle.id)) };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

/** Saves what changed, with the version the form was loaded with as If-Match (412: changed meanwhile). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const id = params.id ?? '';
  const values = readActionForm(form);
  const version = Number(field(form, 'version'));
  const actions = serverActions(context, request);
  try {
    const current = await actions.get(id);
    const body = toActionRequest(values, {
      kind: 'update',
      before: actionValues(current),
      plan: current.abilities.includes('edit'),
    });
    const saved = await actions.update(id, Number.isInteger(version) ? version : 0, body, csrfOf(form));
    return redirect(`${paths.obstacle(saved.obstacle.reference)}?actions=saved#actions`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) throw data({ code: 'action_not_found' }, { status: 404 });
    const problem = formRefusal(error, request);
    return data({ values, problem, conflict: problem.status === 412 }, { status: problem.status });
  }
}

export default function ActionEdit() {
  const { action: stored, organisations, decisions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const { fields, summary } = useFormErrors(result?.conflict ? undefined : result?.problem, useActionLabels());
  const values = result?.values ?? actionValues(stored);
  const name = stored.text.title?.value ?? stored.id;
  const title = t('monitoring.editTitle', { title: name });
  const failed = result?.conflict ? t('monitoring.conflict') : summary.length > 0 ? t('form.errorSummary') : undefined;
  return (
    <div className="schakel-page">
      <PageTitle>{failed ? `${failed}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={paths.obstacle(stored.obstacle.reference)}>
          {stored.obstacle.reference}
        </Link>{' '}
        · <ProgressBar percent={stored.progress} label={t('monitoring.fieldProgress')} /> <RagBadge rag={stored.rag} />
      </Paragraph>
      {result?.conflict ? (
        <Alert type="error" role="alert">
          <Paragraph>
            {t('monitoring.conflict')}{' '}
            <a className="utrecht-link" href={paths.editAction(stored.id)}>
              {t('monitoring.reload')}
            </a>
          </Paragraph>
        </Alert>
      ) : null}
      <Form method="post" className="schakel-form" id="action-form" noValidate>
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <CsrfField />
        <input type="hidden" name="version" value={stored.version} />
        <ActionFields
          values={values}
          errors={fields}
          plan={stored.abilities.includes('edit')}
          organisations={organisations}
          decisions={decisions}
        />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('monitoring.save')}
          </Button>
          <Link className="utrecht-link" to={paths.obstacle(stored.obstacle.reference)}>
            {t('monitoring.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
