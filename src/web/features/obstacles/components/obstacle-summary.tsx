import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ObstacleListItemResponse } from '../../../../contracts/obstacles.contract.js';
import { LocalizedText } from '../../../components/localized-text';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';

/** One obstacle in the register's result list. */
export function ObstacleSummary({
  item,
  themeLabels,
  segmentLabels,
}: {
  item: Pick<ObstacleListItemResponse, 'id' | 'reference' | 'status' | 'segment' | 'themes' | 'updatedAt' | 'text'>;
  themeLabels: ReadonlyMap<string, string>;
  segmentLabels: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <li className="schakel-result">
      <h3>
        <Link className="utrecht-link" to={paths.obstacle(item.reference)}>
          <LocalizedText text={item.text.title} />
        </Link>
      </h3>
      <LocalizedText as="p" text={item.text.summary} />
      <ul className="schakel-meta">
        <li>{item.reference}</li>
        <li>
          <span className="schakel-badge">{t(`status.${item.status}`)}</span>
        </li>
        <li>{segmentLabels.get(item.segment) ?? item.segment}</li>
        <li>{item.themes.map((key) => themeLabels.get(key) ?? key).join(', ')}</li>
        <li>{t('list.updated', { date: formatDate(language, item.updatedAt) })}</li>
      </ul>
    </li>
  );
}
