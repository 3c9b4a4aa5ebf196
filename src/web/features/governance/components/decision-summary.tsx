import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LocalizedText } from '../../../components/localized-text';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import type { DecisionResponse } from '../api/governance-client';

/** One decision in a list: date, body, type, the obstacle (linked) and the text in the reader's language. */
export function DecisionSummary({ decision }: { decision: DecisionResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <li className="schakel-result" data-decision={decision.id}>
      <h2 className="utrecht-heading-3">
        <Link className="utrecht-link" to={paths.decision(decision.id)}>
          {t('governance.decisionOn', { reference: decision.obstacle.reference })}
        </Link>
        {': '}
        <LocalizedText text={decision.obstacle.title} />
      </h2>
      <p className="utrecht-paragraph schakel-muted">
        {formatDate(language, decision.decidedOn)} · <LocalizedText text={decision.body.name} /> ·{' '}
        <span className="schakel-badge">{decision.typeLabel}</span> ·{' '}
        <Link className="utrecht-link" to={paths.obstacle(decision.obstacle.reference)}>
          {decision.obstacle.reference}
        </Link>
      </p>
      <LocalizedText as="p" className="utrecht-paragraph schakel-prewrap" text={decision.resolved.text} />
    </li>
  );
}
