import utrechtCss from '@utrecht/component-library-css/dist/index.css?url';
import { type ReactNode, useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import {
  data,
  type HeadersFunction,
  isRouteErrorResponse,
  Links,
  type LoaderFunctionArgs,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useRouteError,
  useRouteLoaderData,
} from 'react-router';
import { ErrorPage } from '../components/error-page';
import { SiteShell } from '../components/site-shell';
import { i18nFor } from '../i18n';
import type { Messages } from '../i18n/messages';
import { MESSAGES } from '../i18n/resources';
import { serverApi } from '../lib/api-context';
import { cookieValue, DEFAULT_LANGUAGE } from '../lib/language';
import { useNonce } from '../lib/nonce';
import { loadSession, SESSION_COOKIE } from '../lib/session';
import themeCss from './theme.css?url';

export const links = () => [
  { rel: 'stylesheet', href: utrechtCss },
  { rel: 'stylesheet', href: themeCss },
  // No favicon yet: an empty one spares every page a 404 request.
  { rel: 'icon', href: 'data:,' },
];

/** Only when the root loader itself failed (it reads nothing that can fail): keys instead of texts. */
const EMPTY_MESSAGES = {} as Messages;

/**
 * The reader's language and texts, and who they are (the session: user, abilities, CSRF token),
 * from the API with the page request's session cookie.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, language } = serverApi(context, request);
  const session = await loadSession(api, cookieValue(request.headers.get('cookie'), SESSION_COOKIE) !== undefined);
  return data(
    { language, messages: MESSAGES[language], session },
    { headers: { 'content-language': language, vary: 'Cookie, Accept-Language' } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root');
  const language = rootData?.language ?? DEFAULT_LANGUAGE;
  const messages = rootData?.messages ?? EMPTY_MESSAGES;
  const nonce = useNonce();
  // Marks the page as enhanced (also error pages): the browser journeys wait for it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="schakel-theme utrecht-document utrecht-document--surface">
        <I18nextProvider i18n={i18nFor(language, messages)}>
          <SiteShell language={language}>{children}</SiteShell>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The language changes only with a full page load (the switcher); the session with a form post
 * (sign in, sign out, a password set): the root loader runs again only after a successful post.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod !== undefined && formMethod.toUpperCase() !== 'GET' && defaultShouldRevalidate;

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const detail = typeof error.data === 'object' && error.data !== null ? (error.data as Record<string, unknown>) : {};
    const reference = 'reference' in detail ? String(detail.reference) : undefined;
    const code = 'code' in detail ? String(detail.code) : undefined;
    return <ErrorPage status={error.status} reference={reference} code={code} />;
  }
  return <ErrorPage status={500} />;
}
