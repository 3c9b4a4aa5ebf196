import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import type { ApiClient } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatDate, formatNumber } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { requireAbility } from '../../admin/api/admin-access';
import { addDays, clockState, DUE_SOON_DAYS, daysUntil, todayInBrussels } from '../api/intake-clock';

const PAGE_SIZE = 50;

/**
 * The intake queue of the secretariat (who has `work_intake`): obstacles still `reported` or in
 * `intake`, the earliest clarification date first, with the counts of past due and due soon from
 * the API's intake clock (`clarificationDueBefore`).
 */
async function load(api: ApiClient, request: Request, serverRequest: Request | undefined) {
  await requireAbility(api, request, serverRequest, 'work_intake');
  const url = new URL(request.url);
  const cursor = url.searchParams.get('cursor') ?? undefined;
  const today = todayInBrussels();
  const waiting = ['reported', 'intake'];
  const [page, all, overdue, dueSoonOrOverdue] = await Promise.all([
    api.listObstacles({
      status: waiting,
      sort: 'clarificationDue',
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
      facets: false,
    }),
    api.listObstacles({ status: waiting, limit: 1 }),
    api.listObstacles({ clarificationDueBefore: today, limit: 1 }),
    api.listObstacles({ clarificationDueBefore: addDays(today, DUE_SOON_DAYS + 1), limit: 1 }),
  ]);
  const items = page.items.map(({ id, reference, status, clarificationDue, text }) => ({
    id,
    reference,
    status,
    clarificationDue,
    title: text.title,
  }));
  return {
    today,
    items,
    total: all.total ?? items.length,
    nextCursor: page.nextCursor,
    cursor: cursor ?? null,
    overdue: overdue.total ?? 0,
    dueSoon: Math.max(0, (dueSoonOrOverdue.total ?? 0) - (overdue.total ?? 0)),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request, request);
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return load(browserApi().api, request, undefined);
}

export default function IntakeQueue() {
  const { today, items, total, nextCursor, cursor, overdue, dueSoon } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const title = t('intake.title');
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('intake.intro')}</Paragraph>
      <ul className="schakel-intake-counts">
        <li>{t('intake.countWaiting', { count: total, formattedCount: formatNumber(language, total) })}</li>
        <li>
          <span className={overdue > 0 ? 'schakel-clock schakel-clock--overdue' : 'schakel-clock'}>
            {t('intake.countOverdue', { count: overdue, formattedCount: formatNumber(language, overdue) })}
          </span>
        </li>
        <li>
          <span className={dueSoon > 0 ? 'schakel-clock schakel-clock--due_soon' : 'schakel-clock'}>
            {t('intake.countDueSoon', { count: dueSoon, formattedCount: formatNumber(language, dueSoon), days: DUE_SOON_DAYS })}
          </span>
        </li>
      </ul>
      <section aria-labelledby="intake-list">
        <Heading2 id="intake-list">{t('intake.listTitle')}</Heading2>
        {items.length === 0 ? (
          <Paragraph>{t('intake.empty')}</Paragraph>
        ) : (
          <div className="schakel-table-wrap">
            <Table id="intake-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('intake.columnReference')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('intake.columnTitle')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('intake.columnStatus')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('intake.columnDue')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('intake.columnClock')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((item) => {
                  const state = clockState(item.clarificationDue, today);
                  const days = daysUntil(item.clarificationDue, today);
                  return (
                    <TableRow
                      key={item.id}
                      data-reference={item.reference}
                      data-clock={state}
                      className={`schakel-intake-row--${state}`}
                    >
                      <TableCell>
                        <Link className="utrecht-link" to={paths.obstacle(item.reference)}>
                          {item.reference}
                        </Link>
                      </TableCell>
                      <TableCell>
                        <LocalizedText text={item.title} />
                      </TableCell>
                      <TableCell>{t(`status.${item.status}`)}</TableCell>
                      <TableCell>
                        <time dateTime={item.clarificationDue}>{formatDate(language, item.clarificationDue)}</time>
                      </TableCell>
                      <TableCell>
                        <span className={`schakel-clock schakel-clock--${state}`}>
                          {state === 'overdue'
                            ? t('intake.overdue', { count: -days })
                            : state === 'due_soon'
                              ? days === 0
                                ? t('intake.dueToday')
                                : t('intake.dueSoon', { count: days })
                              : t('intake.onTime', { count: days })}
                        </span>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
        {nextCursor || cursor ? (
          <nav className="schakel-pagination" aria-label={t('list.pagination')}>
            <ul className="schakel-link-row">
              {cursor ? (
                <li>
                  <Link className="utrecht-link" to={paths.intake()}>
                    {t('list.first')}
                  </Link>
                </li>
              ) : null}
              {nextCursor ? (
                <li>
                  <Link className="utrecht-link" to={paths.intake(new URLSearchParams({ cursor: nextCursor }).toString())}>
                    {t('list.next')}
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </section>
    </div>
  );
}
