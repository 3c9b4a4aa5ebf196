import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Form, Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { ColumnHeaders } from '../../../components/column-headers';
import { SelectField } from '../../../components/form-fields';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { pageRefusal, requireSession } from '../../governance/api/governance-context';
import { actionFormChoices } from '../api/action-page';
import { serverActions } from '../api/actions-context';
import { EscalationBadge, ProgressBar, RagBadge } from '../components/rag-badge';

const LISTS = ['overdue', 'stale'] as const;
type List = (typeof LISTS)[number];

/** The overdue or stale actions of the obstacles the caller reads (signed-in callers), filtered and paged. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const url = new URL(request.url);
  const asked = url.searchParams.get('list');
  const list: List = asked === 'stale' ? 'stale' : 'overdue';
  const filter = {
    organisation: url.searchParams.get('organisation') ?? '',
    government: url.searchParams.get('government') ?? '',
    theme: url.searchParams.get('theme') ?? '',
  };
  try {
    const [page, choices] = await Promise.all([
      serverActions(context, request).list(list, { ...filter, cursor: url.searchParams.get('cursor') ?? '' }),
      actionFormChoices(context, request),
    ]);
    return { list, filter, page, ...choices };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

function query(values: Record<string, string>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) search.set(key, value);
  return search.toString();
}

export default function Monitoring() {
  const { list, filter, page, organisations, governments, themes } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const names = new Map(organisations.map((o) => [o.key, o.name]));
  const title = t('monitoring.pageTitle');
  const heading = list === 'overdue' ? t('monitoring.overdueTitle') : t('monitoring.staleTitle');
  return (
    <div className="schakel-page">
      <PageTitle>{`${heading}: ${title}`}</PageTitle>
      <Heading1>{title}</Heading1>
      <nav aria-label={t('monitoring.listsNav')}>
        <ul className="schakel-meta">
          {LISTS.map((name) => (
            <li key={name}>
              <Link
                className="utrecht-link"
                to={paths.monitoring(query({ list: name, ...filter }))}
                aria-current={name === list ? 'page' : undefined}
              >
                {name === 'overdue' ? t('monitoring.overdueTitle') : t('monitoring.staleTitle')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="schakel-form" id="monitoring-filter">
        <input type="hidden" name="list" value={list} />
        <SelectField
          name="organisation"
          label={t('monitoring.fieldOwner')}
          value={filter.organisation}
          placeholder={t('monitoring.all')}
          options={organisations.map((o) => ({ value: o.key, label: o.name }))}
        />
        <SelectField
          name="government"
          label={t('detail.governments')}
          value={filter.government}
          placeholder={t('monitoring.all')}
          options={governments.map((g) => ({ value: g.key, label: g.label }))}
        />
        <SelectField
          name="theme"
          label={t('detail.themes')}
          value={filter.theme}
          placeholder={t('monitoring.all')}
          options={themes.map((theme) => ({ value: theme.key, label: theme.label }))}
        />
        <div className="schakel-actions">
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t('monitoring.filter')}
          </button>
        </div>
      </Form>
      <Heading2 id="list-heading">{heading}</Heading2>
      <Paragraph className="schakel-muted">
        {list === 'overdue' ? t('monitoring.overdueHint') : t('monitoring.staleHint')}
      </Paragraph>
      {page.items.length === 0 ? (
        <Paragraph id="monitoring-empty">{t('monitoring.empty')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <table className="utrecht-table" id="monitoring-table" aria-labelledby="list-heading">
            <ColumnHeaders
              labels={[
                t('monitoring.columnObstacle'),
                t('monitoring.columnTitle'),
                t('monitoring.columnOwner'),
                t('monitoring.columnDue'),
                t('monitoring.columnProgress'),
                t('monitoring.columnRag'),
                t('monitoring.escalation.columnLevel'),
              ]}
            />
            <tbody className="utrecht-table__body">
              {page.items.map((item) => (
                <tr className="utrecht-table__row" key={item.id} data-action={item.id}>
                  <td className="utrecht-table__cell">
                    <Link className="utrecht-link" to={`${paths.obstacle(item.obstacle.reference)}#actions`}>
                      {item.obstacle.reference}
                    </Link>
                    {item.obstacle.title ? (
                      <>
                        {': '}
                        <LocalizedText text={item.obstacle.title} />
                      </>
                    ) : null}
                  </td>
                  <td className="utrecht-table__cell">
                    <LocalizedText text={item.text.title} />
                  </td>
                  <td className="utrecht-table__cell">{names.get(item.owner.organisation) ?? item.owner.organisation}</td>
                  <td className="utrecht-table__cell">{formatDate(language, item.dueOn)}</td>
                  <td className="utrecht-table__cell">
                    <ProgressBar percent={item.progress} label={t('monitoring.columnProgress')} />
                  </td>
                  <td className="utrecht-table__cell">
                    <RagBadge rag={item.rag} />
                  </td>
                  <td className="utrecht-table__cell">
                    <EscalationBadge level={item.escalation.level} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor ? (
        <Paragraph className="schakel-pagination">
          <Link className="utrecht-link" to={paths.monitoring(query({ list, ...filter, cursor: page.nextCursor }))}>
            {t('monitoring.next')}
          </Link>
        </Paragraph>
      ) : null}
    </div>
  );
}
