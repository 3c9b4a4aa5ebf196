import {
  Alert,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LocalizedText } from '../../../components/localized-text';
import type { ReferenceData } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { useSession } from '../../../lib/session';
import type { ObstacleGovernanceData } from '../api/load-obstacle-governance';
import { AcknowledgementForm } from './acknowledgement-form';

const NOTICES = {
  routed: 'governance.routedNotice',
  decided: 'governance.decidedNotice',
  accepted: 'routing.acceptedNotice',
  added: 'routing.addedNotice',
} as const;

type Routing = ObstacleGovernanceData['routing'][number];

/** The departments of the current round per government, in the order of the proposal (else of routing). */
function byGovernment(routing: readonly Routing[], governmentOf: (organisation: string) => string, order: readonly string[]) {
  const groups = new Map<string, Routing[]>(order.map((government) => [government, []]));
  for (const item of routing) {
    const government = governmentOf(item.organisation);
    groups.set(government, [...(groups.get(government) ?? []), item]);
  }
  return [...groups].filter(([, items]) => items.length > 0);
}

/**
 * Governance on the obstacle page: its routing per government — each department's part, its
 * answer (accepted, declined with the reason, or still to give) and the date it is due by with the
 * calendar that counted it, and for the secretariat why the competence matrix proposed it and the
 * next candidate where a government has nobody left — and its decisions. For whoever may: the
 * department's own accept-or-decline form, and the ways to route it, add departments, or record a
 * decision.
 */
export function ObstacleGovernance({
  obstacle,
  governance,
  reference,
}: {
  obstacle: { reference: string; status: string };
  governance: ObstacleGovernanceData | undefined;
  reference: Pick<ReferenceData, 'organisations' | 'governments' | 'themes'>;
}) {
  const { t, i18n } = useTranslation();
  const { abilities, user } = useSession();
  const [search] = useSearchParams();
  const language = i18n.language as Language;
  const done = search.get('governance');
  const notice = done && done in NOTICES ? NOTICES[done as keyof typeof NOTICES] : undefined;
  const organisations = new Map(reference.organisations.map((o) => [o.key, o]));
  const name = (key: string) => organisations.get(key)?.name ?? key;
  const governmentLabel = (key: string) => reference.governments.find((g) => g.key === key)?.label ?? key;
  const themeLabel = (key: string) => reference.themes.find((x) => x.key === key)?.label ?? key;
  const routing = governance?.routing ?? [];
  const proposal = governance?.proposal ?? null;
  const calendars: Record<string, string> = governance?.calendars ?? {};
  const decisions = governance?.decisions ?? [];
  const canRoute = abilities.includes('manage_governance') && obstacle.status === 'selected';
  const canAdd = abilities.includes('manage_governance') && obstacle.status === 'routed';
  const canRecord = abilities.includes('record_decision') && obstacle.status === 'routed';
  const groups = byGovernment(routing, (key) => organisations.get(key)?.government ?? '', proposal?.governments ?? []);
  const due = (date: string, calendar: string | null) =>
    calendar
      ? t('routing.dueWithCalendar', { date: formatDate(language, date), calendar: calendars[calendar] ?? calendar })
      : formatDate(language, date);
  const mine = routing.find(
    (item) =>
      item.endedAt === null &&
      item.acknowledgement === 'pending' &&
      user?.organisation === item.organisation &&
      obstacle.status === 'routed',
  );
  return (
    <section aria-labelledby="governance-title" id="governance">
      {notice ? (
        <Alert type="ok" role="status">
          <Paragraph>{t(notice)}</Paragraph>
        </Alert>
      ) : null}
      <Heading2 id="governance-title">{t('governance.obstacleSection')}</Heading2>
      <h3 className="utrecht-heading-3">{t('governance.routingTitle')}</h3>
      {routing.length === 0 ? (
        <Paragraph className="schakel-muted">{t('governance.notRouted')}</Paragraph>
      ) : (
        <div id="obstacle-routing">
          {groups.map(([government, items]) => {
            const next = proposal?.next.find((n) => n.government === government);
            return (
              <div key={government || 'none'} className="schakel-table-wrap" data-government={government}>
                <Table className="schakel-routing-table">
                  <TableCaption>{t('routing.governmentCaption', { government: governmentLabel(government) })}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('routing.columnDepartment')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('routing.columnRole')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('routing.columnState')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('routing.columnDue')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {items.map((item) => {
                      const reasons = proposal?.reasons[item.organisation] ?? [];
                      return (
                        <TableRow
                          key={`${item.organisation}-${item.routedAt}`}
                          data-organisation={item.organisation}
                          data-role={item.role}
                          data-acknowledgement={item.acknowledgement}
                        >
                          <TableHeaderCell scope="row">
                            {name(item.organisation)}
                            {reasons.length > 0 ? (
                              <span className="utrecht-form-field-description schakel-reasons" data-proposed={item.organisation}>
                                {reasons
                                  .map((r) =>
                                    t('competences.proposedBecause', {
                                      role: t(`governance.role.${r.matrixRole}`),
                                      theme: themeLabel(r.theme),
                                      government: governmentLabel(r.government),
                                    }),
                                  )
                                  .join(' ')}
                              </span>
                            ) : null}
                          </TableHeaderCell>
                          <TableCell>{t(`governance.role.${item.role}`)}</TableCell>
                          <TableCell>
                            {t(`routing.state.${item.acknowledgement}`)}
                            {item.acknowledgement === 'declined' ? (
                              <>. {t('routing.declinedBecause', { reason: item.declineReason ?? t('routing.noReason') })}</>
                            ) : null}
                            {item.respondedAs === 'secretariat' ? <>. {t('routing.answeredAs')}</> : null}
                          </TableCell>
                          <TableCell>
                            {item.acknowledgement === 'pending' && item.dueOn
                              ? t('routing.answerBy', { date: due(item.dueOn, item.dueCalendar) })
                              : item.acknowledgement === 'accepted' && item.responseDueOn
                                ? t('routing.respondBy', { date: due(item.responseDueOn, item.responseDueCalendar) })
                                : '—'}
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
                {next ? (
                  <Paragraph className="schakel-muted" data-next={next.candidate?.organisation ?? ''}>
                    {t('routing.nobodyLeft')}{' '}
                    {next.candidate
                      ? t('routing.nextCandidate', {
                          candidate: t('routing.candidate', {
                            organisation: name(next.candidate.organisation),
                            role: t(`governance.role.${next.candidate.role}`),
                          }),
                        })
                      : t('routing.noCandidate')}
                  </Paragraph>
                ) : null}
              </div>
            );
          })}
        </div>
      )}
      {mine ? (
        <section aria-labelledby="acknowledge-title" className="schakel-norm" id="acknowledge">
          <h3 className="utrecht-heading-3" id="acknowledge-title">
            {t('routing.answerTitle', { department: name(mine.organisation) })}
          </h3>
          <Paragraph>{t('routing.answerIntro', { role: t(`dashboard.routingRole.${mine.role}`) })}</Paragraph>
          <AcknowledgementForm reference={obstacle.reference} organisation={mine.organisation} role={mine.role} />
        </section>
      ) : null}
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
      {canRoute || canAdd || canRecord ? (
        <div className="schakel-actions">
          {canRoute ? (
            <Link className="schakel-button-link" id="route-obstacle" to={paths.routeObstacle(obstacle.reference)}>
              {t('governance.routeAction')}
            </Link>
          ) : null}
          {canAdd ? (
            <Link className="schakel-button-link" id="add-departments" to={paths.routeObstacle(obstacle.reference)}>
              {t('routing.addDepartments')}
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
