import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Form,
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
import { ChoiceField, SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { LANGUAGE_NAMES, LANGUAGES } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf, signInRedirect } from '../../../lib/session';

/** Who I am (from the API's session), with my organisation's name; the public is sent to sign in. */
async function load(api: ApiClient, request: Request) {
  const [session, reference] = await Promise.all([api.session(), api.referenceData()]);
  if (!session) throw signInRedirect(request);
  const organisation = reference.organisations.find((o) => o.key === session.user.organisation);
  const preferences = await api.preferences();
  return { user: session.user, organisationName: organisation?.name ?? session.user.organisation, preferences };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request);
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return load(browserApi().api, request);
}

/**
 * Changes my notification preferences (`intent=preferences`: the language of my mails, digest
 * only, at the version the page showed) or my password (current and new), with the CSRF token;
 * errors per field.
 */
async function submit(api: ApiClient, request: Request, form: FormData) {
  const intent = form.get('intent') === 'preferences' ? 'preferences' : 'password';
  try {
    if (intent === 'preferences') {
      await api.setPreferences(
        { language: String(form.get('language') ?? ''), digestOnly: form.get('digestOnly') === 'true' },
        String(form.get('version') ?? ''),
        csrfOf(form),
      );
      return redirect(`${paths.account()}?done=preferences`, 303);
    }
    await api.changePassword(String(form.get('currentPassword') ?? ''), String(form.get('newPassword') ?? ''), csrfOf(form));
    return redirect(`${paths.account()}?done=password`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    if (error instanceof ApiProblem && error.status < 500)
      return data<{ problem: Problem; intent: typeof intent }>({ problem: error.problem, intent }, { status: error.status });
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, request, await request.formData());
}

export async function clientAction({ request }: ActionFunctionArgs) {
  return submit(browserApi().api, request, await request.formData());
}

export default function Account() {
  const { user, organisationName, preferences } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const result = submitted?.intent === 'password' ? submitted : undefined;
  const preferencesResult = submitted?.intent === 'preferences' ? submitted : undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { fields, summary } = useFormErrors(
    result?.problem,
    new Map([
      ['currentPassword', t('account.currentPassword')],
      ['newPassword', t('account.newPassword')],
    ]),
  );
  const preferenceErrors = useFormErrors(
    preferencesResult?.problem,
    new Map([
      ['language', t('account.mailLanguage')],
      ['digestOnly', t('account.digestOnly')],
    ]),
  );
  const title = t('account.title');
  return (
    <div className="schakel-page schakel-page--narrow">
      <PageTitle>
        {summary.length > 0 || preferenceErrors.summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}
      </PageTitle>
      <Heading1>{title}</Heading1>
      {search.get('done') === 'password' && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('account.passwordChanged')}</Paragraph>
        </Alert>
      ) : null}
      {search.get('done') === 'preferences' && !submitted ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('account.preferencesSaved')}</Paragraph>
        </Alert>
      ) : null}

      <section aria-labelledby="account-details">
        <Heading2 id="account-details">{t('account.details')}</Heading2>
        <dl className="schakel-facts">
          <div>
            <dt>{t('account.name')}</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>{t('account.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('account.role')}</dt>
            <dd>{t(`role.${user.role}`)}</dd>
          </div>
          <div>
            <dt>{t('account.organisation')}</dt>
            <dd>{organisationName}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="account-preferences">
        <Heading2 id="account-preferences">{t('account.preferencesTitle')}</Heading2>
        {preferences.mailEnabled ? null : <Paragraph id="account-mail-off">{t('account.mailOff')}</Paragraph>}
        <Form method="post" className="schakel-form" id="preferences-form" noValidate>
          <ErrorSummary
            title={t('form.errorSummary')}
            intro={t('form.errorSummaryIntro')}
            errors={preferenceErrors.summary}
            submission={preferencesResult}
          />
          {preferencesResult && preferenceErrors.summary.length === 0 ? (
            <Alert type="error" role="alert">
              <Paragraph>{preferencesResult.problem.detail}</Paragraph>
            </Alert>
          ) : null}
          <CsrfField />
          <input type="hidden" name="intent" value="preferences" />
          <input type="hidden" name="version" value={preferences.version} />
          <SelectField
            name="language"
            label={t('account.mailLanguage')}
            hint={t('account.mailLanguageHint')}
            value={preferences.language}
            options={LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
            error={preferenceErrors.fields.get('language')}
          />
          <ChoiceField
            name="digestOnly"
            type="radio"
            label={t('account.digestOnly')}
            selected={[preferences.digestOnly ? 'true' : 'false']}
            options={[
              { value: 'false', label: t('account.digestOnlyNo') },
              { value: 'true', label: t('account.digestOnlyYes') },
            ]}
            error={preferenceErrors.fields.get('digestOnly')}
          />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {t('account.submitPreferences')}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="account-password">
        <Heading2 id="account-password">{t('account.passwordTitle')}</Heading2>
        <Form method="post" className="schakel-form" id="password-form" noValidate>
          <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
          <CsrfField />
          {/* For password managers: whose password this is. */}
          <input type="hidden" name="username" autoComplete="username" value={user.email} />
          <TextField
            name="currentPassword"
            label={t('account.currentPassword')}
            type="password"
            autoComplete="current-password"
            value=""
            error={fields.get('currentPassword')}
          />
          <TextField
            name="newPassword"
            label={t('account.newPassword')}
            hint={t('account.newPasswordHint')}
            type="password"
            autoComplete="new-password"
            value=""
            error={fields.get('newPassword')}
          />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {t('account.submitPassword')}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="account-sign-out">
        <Heading2 id="account-sign-out">{t('account.signOutTitle')}</Heading2>
        <Paragraph>{t('account.signOutText')}</Paragraph>
        <Form method="post" action={paths.signOut()} id="account-sign-out-form">
          <CsrfField />
          <Button type="submit" appearance="secondary-action-button">
            {t('app.signOut')}
          </Button>
        </Form>
      </section>
    </div>
  );
}
