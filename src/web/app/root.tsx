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
  useRouteError,
  useRouteLoaderData,
} from 'react-router';
import { ErrorPage } from '../components/error-page';
import { SiteShell } from '../components/site-shell';
import { i18nFor } from '../i18n';
import type { Messages } from '../i18n/messages';
import { MESSAGES } from '../i18n/resources';
import { DEFAULT_LANGUAGE, languageOfRequest } from '../lib/language';
import themeCss from './theme.css?url';

export const links = () => [
  { rel: 'stylesheet', href: utrechtCss },
  { rel: 'stylesheet', href: themeCss },
  // No favicon yet: an empty one spares every page a 404 request.
  { rel: 'icon', href: 'data:,' },
];

/** Only when the root loader itself failed (it reads nothing that can fail): keys instead of texts. */
const EMPTY_MESSAGES = {} as Messages;

export function loader({ request }: LoaderFunctionArgs) {
  const language = languageOfRequest(request);
  return data(
    { language, messages: MESSAGES[language] },
    { headers: { 'content-language': language, vary: 'Cookie, Accept-Language' } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>('root');
  const language = rootData?.language ?? DEFAULT_LANGUAGE;
  const messages = rootData?.messages ?? EMPTY_MESSAGES;
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
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** The root loader reads only the request's language, which changes with a full page load (the switcher). */
export const shouldRevalidate = () => false;

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const reference =
      typeof error.data === 'object' && error.data !== null && 'reference' in error.data
        ? String(error.data.reference)
        : undefined;
    return <ErrorPage status={error.status} reference={reference} />;
  }
  return <ErrorPage status={500} />;
}
