import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { ColumnHeaders } from '../../../components/column-headers';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { pageRefusal, requireSession } from '../../governance/api/governance-context';
import { actionFormChoices } from '../api/action-page';
import { serverActions } from '../api/actions-context';
import { EscalationBadge } from '../components/rag-badge';

const LEVELS = ['', 'political', 'administrative'] as const;
type Level = (typeof LEVELS)[number];

/**
 * The escalations of the escalation ladder, newest first, by the level reached (all, political,
 * administrative): the secretariat sees all, a department those of its own actions (others: 403).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const url = new URL(request.url);
  const asked = url.searchParams.get('level') ?? '';
  const level: Level = (LEVELS as readonly string[]).includes(asked) ? (asked as Level) : '';
  try {
    const [page, choices] = await Promise.all([
      serverActions(context, request).escalations({ level, cursor: url.searchParams.get('cursor') ?? '' }),
      actionFormChoices(context, request),
    ]);
    return { level, page, organisations: choices.organisations };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

function query(values: Record<string, string>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) search.set(key, value);
  return search.toString();
}

export default function Escalations() {
  const { level, page, organisations } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const names = new Map(organisations.map((o) => [o.key, o.name]));
  const title = t('monitoring.escalation.pageTitle');
  const heading = level ? t(`monitoring.escalation.level.${level}`) : t('monitoring.escalation.allLevels');
  return (
    <div className="schakel-page">
      <PageTitle>{`${heading}: ${title}`}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('monitoring.escalation.intro')}</Paragraph>
      <nav aria-label={t('monitoring.escalation.levelsNav')}>
        <ul className="schakel-meta">
          {LEVELS.map((name) => (
            <li key={name || 'all'}>
              <Link
                className="utrecht-link"
                to={paths.escalations(query({ level: name }))}
                aria-current={name === level ? 'page' : undefined}
              >
                {name ? t(`monitoring.escalation.level.${name}`) : t('monitoring.escalation.allLevels')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Heading2 id="escalations-heading">{heading}</Heading2>
      {page.items.length === 0 ? (
        <Paragraph id="escalations-empty">{t('monitoring.escalation.empty')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <table className="utrecht-table" id="escalations-table" aria-labelledby="escalations-heading">
            <ColumnHeaders
              labels={[
                t('monitoring.columnObstacle'),
                t('monitoring.columnTitle'),
                t('monitoring.columnOwner'),
                t('monitoring.escalation.columnTo'),
                t('monitoring.escalation.columnOn'),
                t('monitoring.columnDue'),
                t('monitoring.escalation.columnOverdue'),
                t('monitoring.escalation.columnBody'),
              ]}
            />
            <tbody className="utrecht-table__body">
              {page.items.map((item) => (
                <tr className="utrecht-table__row" key={item.id} data-escalation={item.id} data-level={item.to}>
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
                    <LocalizedText text={item.action.title} />
                  </td>
                  <td className="utrecht-table__cell">{names.get(item.ownerOrganisation) ?? item.ownerOrganisation}</td>
                  <td className="utrecht-table__cell">
                    <EscalationBadge level={item.to} />
                  </td>
                  <td className="utrecht-table__cell">{formatDate(language, item.escalatedOn)}</td>
                  <td className="utrecht-table__cell">{formatDate(language, item.dueOn)}</td>
                  <td className="utrecht-table__cell">{item.workingDaysOverdue}</td>
                  <td className="utrecht-table__cell">
                    {item.body ? item.body.name ? <LocalizedText text={item.body.name} /> : item.body.key : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor ? (
        <Paragraph className="schakel-pagination">
          <Link className="utrecht-link" to={paths.escalations(query({ level, cursor: page.nextCursor }))}>
            {t('monitoring.next')}
          </Link>
        </Paragraph>
      ) : null}
    </div>
  );
}
