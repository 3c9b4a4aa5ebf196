import { type LoaderFunctionArgs, redirect } from 'react-router';
import { isLanguage, LANGUAGE_COOKIE, safeReturnPath } from '../../lib/language';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The language switcher: `/language?to=fr&back=/obstacles` remembers the language in a cookie
 * and goes back to the page. A plain link, so it works without JavaScript.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get('to');
  const back = safeReturnPath(url.searchParams.get('back'));
  const headers = new Headers();
  if (isLanguage(to)) {
    headers.append('set-cookie', `${LANGUAGE_COOKIE}=${to}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`);
  }
  headers.set('cache-control', 'no-store');
  return redirect(back, { status: 303, headers });
}
