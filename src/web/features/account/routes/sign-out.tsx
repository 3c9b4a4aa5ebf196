import { type ActionFunctionArgs, data, redirect } from 'react-router';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';

/** Only a POST signs out (the button in the header): a link or a prefetch must not. */
export function loader() {
  return redirect(paths.home(), 303);
}

/**
 * Ends the session through the API (with the form's CSRF token) and clears the cookie: on the
 * server the API's Set-Cookie goes to the browser with the redirect. Without a valid token the
 * API refuses (403) and the session stays: the error page says why.
 */
async function submit(api: ApiClient, form: FormData) {
  const headers = new Headers({ 'cache-control': 'no-store' });
  try {
    const { setCookie } = await api.signOut(csrfOf(form));
    for (const cookie of setCookie) headers.append('set-cookie', cookie);
  } catch (error) {
    // Already signed out (the session ended meanwhile): the same outcome.
    if (!(error instanceof ApiProblem) || error.status !== 401) {
      if (error instanceof ApiProblem && error.status === 403) throw data({ code: error.problem.code }, { status: 403 });
      throw error;
    }
  }
  return redirect(`${paths.signIn()}?done=signed-out`, { status: 303, headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, await request.formData());
}

export async function clientAction({ request }: ActionFunctionArgs) {
  return submit(browserApi().api, await request.formData());
}

/** Never shown: the action redirects, or the root error boundary explains a refusal. */
export default function SignOut() {
  return null;
}
