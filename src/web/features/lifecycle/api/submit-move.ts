import { data, redirect } from 'react-router';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { paths } from '../../../lib/paths';
import { csrfOf, signInRedirect } from '../../../lib/session';
import { type MoveResult, readMoveForm, toTransitionBody } from './moves';

/**
 * A move posted from the obstacle page (with or without JavaScript): POST …/transitions with the
 * version the page showed as If-Match. Made → back to the obstacle page with a status message;
 * refused → the page again, with the API's problem beside the move's fields and what was typed.
 */
export async function submitMove(api: ApiClient, request: Request, reference: string, form: FormData) {
  const values = readMoveForm(form);
  if (!values) throw data({ reference }, { status: 400 });
  const version = Number(values.version);
  try {
    const moved = await api.transition(
      reference,
      Number.isInteger(version) ? version : 0,
      toTransitionBody(values),
      csrfOf(form),
    );
    return redirect(`${paths.obstacle(moved.reference)}?moved=${encodeURIComponent(moved.status)}`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    if (error instanceof ApiProblem && error.status === 404) throw data({ reference }, { status: 404 });
    if (error instanceof ApiProblem && error.status < 500) {
      return data<MoveResult>({ values, problem: error.problem, status: error.status }, { status: error.status });
    }
    throw error;
  }
}
