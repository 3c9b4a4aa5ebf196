import { Heading2, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HistoryItem, ReferenceData } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { isOneOf, STATUS_KEYS, TRANSITION_NAME_KEYS } from '../../../lib/keys';
import type { Language } from '../../../lib/language';
import { HISTORY_FIELDS, historyFieldKey, showValue, type ValueContext } from '../api/history-values';

/** Who made a change, as far as the caller may know. */
function who(t: TFunction, item: HistoryItem, reference: ReferenceData): string {
  const organisation = item.actor.organisation
    ? (reference.organisations.find((o) => o.key === item.actor.organisation)?.name ?? item.actor.organisation)
    : undefined;
  if (item.actor.kind === 'public') return t('history.public');
  if (item.actor.kind === 'system') return t('history.system');
  if (item.actor.name && organisation) return `${item.actor.name} (${organisation})`;
  return item.actor.name ?? organisation ?? t('history.someone');
}

/**
 * The history of an obstacle, newest first: an ordered list (numbered down), each event with its
 * time, who, the move (from → to) with its label, the reason and the fields it changed.
 */
export function HistoryTimeline({
  items,
  reference,
  mergedInto,
}: {
  items: HistoryItem[];
  reference: ReferenceData;
  mergedInto: ValueContext['mergedInto'];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const context: ValueContext = { t, language, reference, mergedInto };
  const newestFirst = [...items].reverse();
  const status = (key: string | null) => (isOneOf(STATUS_KEYS, key) ? t(`status.${key}`) : (key ?? '—'));
  return (
    <section aria-labelledby="history-title">
      <Heading2 id="history-title">{t('detail.history')}</Heading2>
      {newestFirst.length === 0 ? (
        <Paragraph className="schakel-muted">{t('history.empty')}</Paragraph>
      ) : (
        <ol className="schakel-timeline" reversed>
          {newestFirst.map((item) => {
            const title =
              item.action === 'obstacle.transition'
                ? isOneOf(TRANSITION_NAME_KEYS, item.transition)
                  ? t(`move.${item.transition}`)
                  : t('history.moved')
                : item.action === 'obstacle.create'
                  ? t('history.created')
                  : item.action === 'obstacle.merge_in'
                    ? t('history.mergedIn')
                    : t('history.updated');
            const changes =
              item.action === 'obstacle.create'
                ? []
                : item.changes.filter((c) => c.field !== 'status' && isOneOf(HISTORY_FIELDS, c.field));
            return (
              <li key={item.seq} className="schakel-timeline__event" data-action={item.action}>
                <p className="schakel-timeline__head">
                  <strong>{title}</strong>
                  {item.action === 'obstacle.transition' ? (
                    <span className="schakel-timeline__move">
                      {' '}
                      {t('history.fromTo', { from: status(item.from), to: status(item.to) })}
                    </span>
                  ) : null}
                </p>
                <p className="schakel-muted">
                  <time dateTime={item.at}>{formatDateTime(language, item.at)}</time> ·{' '}
                  {t('history.by', { who: who(t, item, reference) })}
                </p>
                {item.reason ? (
                  <p>
                    <span className="schakel-timeline__label">{t('history.reason')}:</span>{' '}
                    <span className="schakel-prewrap">{item.reason}</span>
                  </p>
                ) : null}
                {changes.length > 0 ? (
                  <dl className="schakel-timeline__changes">
                    {changes.map((change) => {
                      const field = change.field as (typeof HISTORY_FIELDS)[number];
                      const before = showValue(field, change.before, context);
                      const after = showValue(field, change.after, context);
                      return (
                        <div key={change.field}>
                          <dt>{t(`historyField.${historyFieldKey(field)}` as 'historyField.title')}</dt>
                          <dd>
                            {before === undefined && after === undefined
                              ? t('history.changed')
                              : t('history.beforeAfter', {
                                  before: before ?? t('history.emptyValue'),
                                  after: after ?? t('history.emptyValue'),
                                })}
                          </dd>
                        </div>
                      );
                    })}
                  </dl>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
