import { CSRF_FIELD, useSession } from '../lib/session';

/** The session's CSRF token as a hidden field: in every form that changes something. */
export function CsrfField() {
  const { csrfToken } = useSession();
  return <input type="hidden" name={CSRF_FIELD} value={csrfToken ?? ''} />;
}
