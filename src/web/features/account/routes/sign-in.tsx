import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
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
} from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { ErrorSummary, type SummaryError } from '../../../components/error-summary';
import { TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatTime } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { safeReturnTo } from '../../../lib/return-to';
import { useSession } from '../../../lib/session';

/** Notices the sign-in page shows after another page sent the reader here. */
const NOTICES = ['signed-out', 'password-set'] as const;
type Notice = (typeof NOTICES)[number];

/** Why a sign-in at an identity provider failed: the API sends the browser here with `?error=<code>` (docs/API.md). */
export const OIDC_ERRORS = [
  'oidc_state_invalid',
  'oidc_failed',
  'oidc_unknown_user',
  'oidc_email_unverified',
  'oidc_user_disabled',
  'oidc_provider_unknown',
] as const;
type OidcError = (typeof OIDC_ERRORS)[number];

function readQuery(request: Request) {
  const url = new URL(request.url);
  const done = url.searchParams.get('done');
  const error = url.searchParams.get('error');
  return {
    returnTo: safeReturnTo(url.searchParams.get('returnTo')),
    notice: (NOTICES as readonly string[]).includes(done ?? '') ? (done as Notice) : null,
    oidcError: (OIDC_ERRORS as readonly string[]).includes(error ?? '') ? (error as OidcError) : null,
  };
}

/** The page's query and the identity providers; without the list (API trouble) the password form still works. */
async function load(api: ApiClient, request: Request) {
  const providers = await api.signInProviders().catch(() => []);
  return { ...readQuery(request), providers };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request);
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return load(browserApi().api, request);
}

/** Where a provider's sign-in starts: a full navigation to the API, which sends the browser on to the provider. */
export function providerStartPath(key: string, returnTo: string): string {
  return `/api/v1/session/oidc/${encodeURIComponent(key)}?returnTo=${encodeURIComponent(returnTo)}`;
}

type Failure =
  | { kind: 'invalid'; email: string; problem: Problem }
  | { kind: 'throttled'; email: string; retryAfter: number; until: string }
  | { kind: 'problem'; email: string; problem: Problem };

/**
 * Signs in through the API and goes to `returnTo` (a path of this site only) with the session
 * cookie: on the server the API's Set-Cookie is handed to the browser with the redirect; in the
 * browser the API call itself set it.
 */
async function submit(api: ApiClient, form: FormData) {
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const returnTo = safeReturnTo(String(form.get('returnTo') ?? ''));
  try {
    const { setCookie } = await api.signIn(email, password);
    const headers = new Headers({ 'cache-control': 'no-store' });
    for (const cookie of setCookie) headers.append('set-cookie', cookie);
    return redirect(returnTo, { status: 303, headers });
  } catch (error) {
    if (!(error instanceof ApiProblem) || error.status >= 500) throw error;
    if (error.status === 429) {
      const retryAfter = error.retryAfter ?? 1;
      const until = new Date(Date.now() + retryAfter * 1000).toISOString();
      return data<Failure>({ kind: 'throttled', email, retryAfter, until }, { status: 429 });
    }
    if (error.status === 401) return data<Failure>({ kind: 'invalid', email, problem: error.problem }, { status: 401 });
    return data<Failure>({ kind: 'problem', email, problem: error.problem }, { status: error.status });
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, await request.formData());
}

export async function clientAction({ request }: ActionFunctionArgs) {
  return submit(browserApi().api, await request.formData());
}

export default function SignIn() {
  const { returnTo, notice, oidcError, providers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { user } = useSession();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const language = i18n.language as Language;
  const throttledRef = useRef<HTMLDivElement>(null);
  const throttled = result?.kind === 'throttled' ? result : undefined;
  useEffect(() => {
    if (throttled) throttledRef.current?.focus();
  }, [throttled]);

  const labels = new Map([
    ['email', t('signIn.email')],
    ['password', t('signIn.password')],
  ]);
  const fromApi = useFormErrors(result?.kind === 'problem' ? result.problem : undefined, labels);
  const invalid = result?.kind === 'invalid' ? t('signIn.invalidCredentials') : undefined;
  // A wrong address or password: one message, at the address (the API does not say which was wrong).
  const errors = invalid ? new Map([['email', invalid]]) : fromApi.fields;
  const summary: SummaryError[] = invalid ? [{ fieldId: 'field-email', text: invalid }] : fromApi.summary;
  const title = t('signIn.title');
  const failed = summary.length > 0 || throttled !== undefined || (oidcError !== null && !result);
  return (
    <div className="schakel-page schakel-page--narrow">
      <PageTitle>{failed ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      {notice === 'signed-out' && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('signIn.signedOut')}</Paragraph>
        </Alert>
      ) : null}
      {notice === 'password-set' && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('signIn.passwordSet')}</Paragraph>
        </Alert>
      ) : null}
      {oidcError && !result ? (
        <Alert type="error" role="alert">
          <Heading2>{t('signIn.oidcFailedTitle')}</Heading2>
          <Paragraph>{t(`signIn.oidcErrors.${oidcError}`)}</Paragraph>
        </Alert>
      ) : null}
      {user && !result ? <Paragraph>{t('signIn.alreadySignedIn', { name: user.name })}</Paragraph> : null}
      <Paragraph>{t('signIn.intro')}</Paragraph>
      <Form method="post" className="schakel-form" id="sign-in-form" noValidate>
        {throttled ? (
          <Alert
            type="warning"
            role="alert"
            ref={throttledRef}
            tabIndex={-1}
            // The reason the sign-in was refused takes the focus, also without JavaScript (autofocus).
            autoFocus
          >
            <Heading2>{t('signIn.throttledTitle')}</Heading2>
            <Paragraph>
              {t('signIn.throttled', { count: throttled.retryAfter, time: formatTime(language, new Date(throttled.until)) })}
            </Paragraph>
          </Alert>
        ) : null}
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <TextField
          name="email"
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          value={result?.email ?? ''}
          error={errors.get('email')}
        />
        <TextField
          name="password"
          label={t('signIn.password')}
          type="password"
          autoComplete="current-password"
          value=""
          error={errors.get('password')}
        />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('signIn.submit')}
          </Button>
        </div>
      </Form>
      {providers.length > 0 ? (
        <section aria-labelledby="sign-in-providers">
          <Heading2 id="sign-in-providers">{t('signIn.providersTitle')}</Heading2>
          <Paragraph>{t('signIn.providersIntro')}</Paragraph>
          <ul className="schakel-provider-list">
            {providers.map((provider) => (
              <li key={provider.key}>
                {/* A plain link: the API answers with a redirect to the provider, not with a page of this app. */}
                <a className="utrecht-link" href={providerStartPath(provider.key, returnTo)}>
                  {t('signIn.withProvider', { name: provider.name })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Paragraph className="schakel-muted">{t('signIn.noAccount')}</Paragraph>
    </div>
  );
}
