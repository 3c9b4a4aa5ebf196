import { data } from 'react-router';

/** Every path that no page matches: a 404 shown by the root error boundary, in the reader's language. */
export function loader() {
  throw data({ kind: 'page' }, { status: 404 });
}

export default function NotFound() {
  return null;
}
