import {
  Heading1,
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
import { Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { alertTitle } from '../api/alert-title';
import { governanceApi, pageRefusal, requireSession } from '../api/governance-context';

/**
 * The secretariat's routing alerts (read_routing_alerts): each government of a routed obstacle
 * where no department accepted or is still to answer, with the declines and their reasons, the
 * next candidate of the competence matrix, and the way to add departments to the obstacle.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request, 'read_routing_alerts');
  const { api, gov } = governanceApi(context, request);
  try {
    const [alerts, reference] = await Promise.all([gov.routingAlerts(), api.referenceData()]);
    return {
      items: alerts.items,
      governments: Object.fromEntries(reference.governments.map((g) => [g.key, g.label])) as Record<string, string>,
      organisations: Object.fromEntries(reference.organisations.map((o) => [o.key, o.name])) as Record<string, string>,
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export default function RoutingAlerts() {
  const { items, governments, organisations } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const title = t('routing.alertsTitle');
  const name = (key: string) => organisations[key] ?? key;
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('routing.alertsIntro')}</Paragraph>
      {items.length === 0 ? (
        <Paragraph id="routing-alerts-empty">{t('routing.alertsEmpty')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id="routing-alerts">
            <TableCaption>{t('routing.alertsCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('routing.columnObstacle')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnGovernment')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnDeclined')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnCandidate')}</TableHeaderCell>
                <TableHeaderCell scope="col">
                  <span className="schakel-visually-hidden">{t('competences.actions')}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((alert) => (
                <TableRow
                  key={`${alert.obstacle.id}-${alert.government}`}
                  data-reference={alert.obstacle.reference}
                  data-government={alert.government}
                >
                  <TableCell>
                    <Link className="utrecht-link" to={paths.obstacle(alert.obstacle.reference)}>
                      {`${alert.obstacle.reference} · ${alertTitle(alert, language)}`}
                    </Link>
                  </TableCell>
                  <TableCell>{governments[alert.government] ?? alert.government}</TableCell>
                  <TableCell>
                    <ul className="utrecht-unordered-list">
                      {alert.declined.map((declined) => (
                        <li key={declined.organisation} data-declined={declined.organisation}>
                          {name(declined.organisation)}: {declined.reason ?? t('routing.noReason')}
                        </li>
                      ))}
                    </ul>
                  </TableCell>
                  <TableCell data-candidate={alert.candidate?.organisation ?? ''}>
                    {alert.candidate
                      ? t('routing.candidate', {
                          organisation: name(alert.candidate.organisation),
                          role: t(`governance.role.${alert.candidate.role}`),
                        })
                      : t('routing.noCandidate')}
                  </TableCell>
                  <TableCell>
                    <Link className="utrecht-link" to={paths.routeObstacle(alert.obstacle.reference)}>
                      {t('routing.addDepartments')}
                      <span className="schakel-visually-hidden"> ({alert.obstacle.reference})</span>
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
