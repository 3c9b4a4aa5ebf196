import { Alert, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LocalizedText } from '../../../components/localized-text';
import type { OrganisationItem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { useSession } from '../../../lib/session';
import type { ObstacleGovernanceData } from '../api/load-obstacle-governance';

/**
 * Governance on the obstacle page: its routing and decisions, and for whoever may, the way to
 * route it (a selected obstacle, the secretariat) or to record a decision (a routed one).
 */
export function ObstacleGovernance({
  obstacle,
  governance,
  organisations,
}: {
  obstacle: { reference: string; status: string };
  governance: ObstacleGovernanceData | undefined;
  organisations: readonly OrganisationItem[];
}) {
  const { t, i18n } = useTranslation();
  const { abilities } = useSession();
  const [search] = useSearchParams();
  const language = i18n.language as Language;
  const done = search.get('governance');
  const name = new Map(organisations.map((o) => [o.key, o.name]));
  const routing = governance?.routing ?? [];
  const decisions = governance?.decisions ?? [];
  const canRoute = abilities.includes('manage_governance') && obstacle.status === 'selected';
  const canRecord = abilities.includes('record_decision') && obstacle.status === 'routed';
  return (
    <section aria-labelledby="governance-title" id="governance">
      {done === 'routed' || done === 'decided' ? (
        <Alert type="ok" role="status">
          <Paragraph>{t(done === 'routed' ? 'governance.routedNotice' : 'governance.decidedNotice')}</Paragraph>
        </Alert>
      ) : null}
      <Heading2 id="governance-title">{t('governance.obstacleSection')}</Heading2>
      <h3 className="utrecht-heading-3">{t('governance.routingTitle')}</h3>
      {routing.length === 0 ? (
        <Paragraph className="schakel-muted">{t('governance.notRouted')}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list" id="obstacle-routing">
          {routing.map((item) => (
            <li key={item.organisation} data-role={item.role}>
              {name.get(item.organisation) ?? item.organisation}: {t(`governance.role.${item.role}`)} (
              {formatDate(language, item.routedAt)})
            </li>
          ))}
        </ul>
      )}
      <h3 className="utrecht-heading-3">{t('governance.decisionsTitle')}</h3>
      {decisions.length === 0 ? (
        <Paragraph className="schakel-muted">{t('governance.noDecisionsOnObstacle')}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list" id="obstacle-decisions">
          {decisions.map((decision) => (
            <li key={decision.id}>
              <Link className="utrecht-link" to={paths.decision(decision.id)}>
                {formatDate(language, decision.decidedOn)} · {decision.typeLabel}
              </Link>{' '}
              (<LocalizedText text={decision.body} />
              ): <LocalizedText text={decision.text} />
            </li>
          ))}
        </ul>
      )}
      {canRoute || canRecord ? (
        <div className="schakel-actions">
          {canRoute ? (
            <Link className="schakel-button-link" id="route-obstacle" to={paths.routeObstacle(obstacle.reference)}>
              {t('governance.routeAction')}
            </Link>
          ) : null}
          {canRecord ? (
            <Link className="schakel-button-link" id="record-decision" to={paths.recordDecision(obstacle.reference)}>
              {t('governance.recordAction')}
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
