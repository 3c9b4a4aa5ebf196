import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { type ActionFunctionArgs, data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { paths } from '../../../lib/paths';

type Failure = { kind: 'link_invalid' } | { kind: 'problem'; problem: Problem };

/**
 * Sets the password with the one-time link of an invite or a reset (the token is in the path),
 * then on to sign in. An unknown, used or expired link (410) is said plainly.
 */
async function submit(api: ApiClient, token: string, form: FormData) {
  try {
    await api.setPasswordWithLink(token, String(form.get('password') ?? ''));
    return redirect(`${paths.signIn()}?done=password-set`, 303);
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.status >= 500) throw error;
    const aboutToken = error.problem.invalidParams?.some((p) => p.name === 'token') ?? false;
    if (error.status === 410 || aboutToken) return data<Failure>({ kind: 'link_invalid' }, { status: 410 });
    return data<Failure>({ kind: 'problem', problem: error.problem }, { status: error.status });
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, params.token ?? '', await request.formData());
}

export async function clientAction({ request, params }: ActionFunctionArgs) {
  return submit(browserApi().api, params.token ?? '', await request.formData());
}

export default function SetPassword() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const title = t('setPassword.title');
  const { fields, summary } = useFormErrors(
    result?.kind === 'problem' ? result.problem : undefined,
    new Map([['password', t('setPassword.password')]]),
  );
  if (result?.kind === 'link_invalid') {
    return (
      <div className="schakel-page schakel-page--narrow">
        <PageTitle>{t('setPassword.linkInvalidTitle')}</PageTitle>
        <Heading1>{t('setPassword.linkInvalidTitle')}</Heading1>
        <Alert type="error" role="alert">
          <Paragraph>{t('setPassword.linkInvalidText')}</Paragraph>
        </Alert>
        <Paragraph>
          <Link className="utrecht-link" to={paths.signIn()}>
            {t('signIn.title')}
          </Link>
        </Paragraph>
      </div>
    );
  }
  return (
    <div className="schakel-page schakel-page--narrow">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('setPassword.intro')}</Paragraph>
      <Form method="post" className="schakel-form" id="set-password-form" noValidate>
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <TextField
          name="password"
          label={t('setPassword.password')}
          hint={t('account.newPasswordHint')}
          type="password"
          autoComplete="new-password"
          value=""
          error={fields.get('password')}
        />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('setPassword.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
