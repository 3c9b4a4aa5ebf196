import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Form,
  Link,
  type LoaderFunctionArgs,
  redirect,
  useLoaderData,
  useNavigation,
} from 'react-router';
import { CsrfField } from '../../../components/csrf-field';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatDateTime } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf, hasSessionCookie, signInRedirect } from '../../../lib/session';

const PAGE_SIZE = 20;

/** My notifications (only the unread ones with `?unread=true`), newest first, a page at a time. */
async function load(api: ApiClient, request: Request, serverRequest: Request | undefined) {
  if (!hasSessionCookie(serverRequest)) throw signInRedirect(request);
  const url = new URL(request.url);
  const unread = url.searchParams.get('unread') === 'true';
  const cursor = url.searchParams.get('cursor') ?? undefined;
  try {
    const inbox = await api.inbox({ unread, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    return { unreadOnly: unread, ...inbox };
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    throw error;
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request, request);
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return load(browserApi().api, request, undefined);
}

/** Marks one notification read (`id`) or all of them (`intent=read-all`), then back to the same list. */
async function submit(api: ApiClient, request: Request, form: FormData) {
  try {
    const id = form.get('id');
    if (form.get('intent') === 'read-all') await api.markAllRead(csrfOf(form));
    else if (typeof id === 'string' && id !== '') await api.markRead(id, csrfOf(form));
    const url = new URL(request.url);
    return redirect(`${url.pathname}${url.search}`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    if (error instanceof ApiProblem && error.status < 500) throw data({ code: error.problem.code }, { status: error.status });
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, request, await request.formData());
}

export async function clientAction({ request }: ActionFunctionArgs) {
  return submit(browserApi().api, request, await request.formData());
}

export default function Inbox() {
  const { items, unread, nextCursor, unreadOnly } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const navigation = useNavigation();
  const title = t('inbox.title');
  const filter = unreadOnly ? 'unread=true&' : '';
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph id="inbox-count" role="status">
        {unread === 0 ? t('inbox.noneUnread') : t('inbox.unreadCount', { count: unread })}
      </Paragraph>
      <div className="schakel-toolbar">
        <nav aria-label={t('inbox.filter')}>
          <ul className="schakel-inline-list">
            <li>
              {unreadOnly ? (
                <Link to={paths.inbox()}>{t('inbox.all')}</Link>
              ) : (
                <strong aria-current="page">{t('inbox.all')}</strong>
              )}
            </li>
            <li>
              {unreadOnly ? (
                <strong aria-current="page">{t('inbox.unreadOnly')}</strong>
              ) : (
                <Link to={paths.inbox('unread=true')}>{t('inbox.unreadOnly')}</Link>
              )}
            </li>
          </ul>
        </nav>
        {unread > 0 ? (
          <Form method="post" id="inbox-read-all">
            <CsrfField />
            <input type="hidden" name="intent" value="read-all" />
            <Button type="submit" appearance="secondary-action-button" busy={navigation.state === 'submitting'}>
              {t('inbox.markAllRead')}
            </Button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <Alert type="info">
          <Paragraph>{unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')}</Paragraph>
        </Alert>
      ) : (
        <ol className="schakel-inbox" aria-label={title}>
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? 'schakel-inbox__item' : 'schakel-inbox__item schakel-inbox__item--unread'}>
              <Heading2 className="schakel-inbox__subject">
                <Link to={item.link}>{item.subject}</Link>
              </Heading2>
              <Paragraph>{item.body}</Paragraph>
              <Paragraph className="schakel-muted">
                <time dateTime={item.createdAt}>{formatDateTime(language, item.createdAt)}</time> ·{' '}
                {item.readAt ? t('inbox.read') : <strong>{t('inbox.unread')}</strong>}
              </Paragraph>
              {item.readAt ? null : (
                <Form method="post" className="schakel-inline-form">
                  <CsrfField />
                  <input type="hidden" name="id" value={item.id} />
                  <Button type="submit" appearance="subtle-button" aria-label={t('inbox.markReadOf', { subject: item.subject })}>
                    {t('inbox.markRead')}
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
      {nextCursor ? (
        <Paragraph>
          <Link to={paths.inbox(`${filter}cursor=${encodeURIComponent(nextCursor)}`)} rel="next">
            {t('inbox.next')}
          </Link>
        </Paragraph>
      ) : null}
    </div>
  );
}
