import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ColumnHeaders } from '../../../components/column-headers';
import { LocalizedText } from '../../../components/localized-text';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import type { ActionListResponse, ObstacleEscalationsResponse } from '../api/actions-client';
import { EscalationBadge, ProgressBar, RagBadge } from './rag-badge';

/**
 * The obstacle page's actions and milestones: the roll-up (progress and RAG), each action with its
 * owner, due date, status, progress and RAG (as text and colour), and the links to add or change
 * one for who may.
 */
export function ObstacleActions({
  reference,
  data,
  escalations,
  organisations,
}: {
  reference: string;
  data: ActionListResponse | null;
  /** The escalation history, for who may read it (else null: not shown). */
  escalations?: ObstacleEscalationsResponse | null;
  organisations: readonly { key: string; name: string }[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (!data) return null;
  const names = new Map(organisations.map((o) => [o.key, o.name]));
  const { progress } = data;
  return (
    <section aria-labelledby="actions-heading" id="actions">
      <Heading2 id="actions-heading">{t('monitoring.actionsTitle')}</Heading2>
      {data.items.length === 0 ? (
        <Paragraph className="schakel-muted">{t('monitoring.noActions')}</Paragraph>
      ) : (
        <>
          <Paragraph id="obstacle-progress">
            {t('monitoring.obstacleProgress')}:{' '}
            {progress.percent === null ? (
              '—'
            ) : (
              <ProgressBar percent={progress.percent} label={t('monitoring.obstacleProgress')} />
            )}{' '}
            <RagBadge rag={progress.rag} />{' '}
            {t('monitoring.counts', {
              total: progress.actions.total,
              done: progress.actions.done,
              overdue: progress.actions.overdue,
              stale: progress.actions.stale,
            })}
          </Paragraph>
          <div className="schakel-table-wrap">
            <table className="utrecht-table schakel-actions-table">
              <caption className="schakel-visually-hidden">{t('monitoring.actionsTitle')}</caption>
              <ColumnHeaders
                labels={[
                  t('monitoring.columnTitle'),
                  t('monitoring.columnOwner'),
                  t('monitoring.columnDue'),
                  t('monitoring.columnStatus'),
                  t('monitoring.columnProgress'),
                  t('monitoring.columnRag'),
                  t('monitoring.escalation.columnLevel'),
                ]}
              />
              <tbody className="utrecht-table__body">
                {data.items.map((action) => (
                  <tr className="utrecht-table__row" key={action.id} data-action={action.id}>
                    <td className="utrecht-table__cell">
                      {action.abilities.length > 0 ? (
                        <Link className="utrecht-link" to={paths.editAction(action.id)}>
                          <LocalizedText text={action.text.title} />
                        </Link>
                      ) : (
                        <LocalizedText text={action.text.title} />
                      )}
                      {action.kind === 'milestone' ? ` (${t('monitoring.kind.milestone')})` : ''}
                      {action.evidence.length > 0 ? (
                        <ul className="schakel-evidence">
                          {action.evidence.map((e) => (
                            <li key={e.url}>
                              <a className="utrecht-link" href={e.url} rel="noopener noreferrer">
                                {e.label}
                              </a>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td className="utrecht-table__cell">{names.get(action.owner.organisation) ?? action.owner.organisation}</td>
                    <td className="utrecht-table__cell">{formatDate(language, action.dueOn)}</td>
                    <td className="utrecht-table__cell">{t(`monitoring.status.${action.status}`)}</td>
                    <td className="utrecht-table__cell">
                      <ProgressBar percent={action.progress} label={t('monitoring.columnProgress')} />
                    </td>
                    <td className="utrecht-table__cell">
                      <RagBadge rag={action.rag} />
                      {action.overdue ? ` ${t('monitoring.overdueMark')}` : ''}
                      {action.stale ? ` ${t('monitoring.staleMark')}` : ''}
                    </td>
                    <td className="utrecht-table__cell">
                      <EscalationBadge level={action.escalation.level} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {escalations ? <EscalationHistory data={escalations} /> : null}
      {data.canAdd ? (
        <Paragraph>
          <Link className="schakel-button-link" to={paths.newAction(reference)}>
            {t('monitoring.addAction')}
          </Link>
        </Paragraph>
      ) : null}
    </section>
  );
}

/** The climbs of the obstacle's actions on the escalation ladder, oldest first. */
function EscalationHistory({ data }: { data: ObstacleEscalationsResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const level = (key: 'official' | 'administrative' | 'political') => t(`monitoring.escalation.level.${key}`);
  return (
    <section aria-labelledby="escalations-heading" id="escalations">
      <Heading3 id="escalations-heading">{t('monitoring.escalation.history')}</Heading3>
      {data.items.length === 0 ? (
        <Paragraph className="schakel-muted">{t('monitoring.escalation.noHistory')}</Paragraph>
      ) : (
        <ol className="schakel-escalation-history">
          {data.items.map((item) => (
            <li key={item.id} data-escalation={item.id} data-level={item.to}>
              <EscalationBadge level={item.to} /> <LocalizedText text={item.action.title} />
              {': '}
              {t('monitoring.escalation.step', {
                from: level(item.from),
                to: level(item.to),
                date: formatDate(language, item.escalatedOn),
                days: item.workingDaysOverdue,
                due: formatDate(language, item.dueOn),
                calendar: item.calendar.toUpperCase(),
              })}
              {item.body ? `; ${t('monitoring.escalation.toBody', { body: item.body.name?.value ?? item.body.key })}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
