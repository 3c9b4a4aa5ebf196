import {
  Alert,
  Button,
  Heading1,
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
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import type { DashboardItemResponse, DashboardResponse } from '../../../../contracts/dashboard.contract.js';
import { SelectField } from '../../../components/form-fields';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { i18nFor } from '../../../i18n';
import { MESSAGES } from '../../../i18n/resources';
import { ApiProblem } from '../../../lib/api-client';
import { serverApi } from '../../../lib/api-context';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { alertTitle } from '../../governance/api/alert-title';
import { governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { type ChartRow, chartRows } from '../api/chart-option';
import { renderBarChart } from '../api/chart-svg.server';

/** The counts the page charts, in this order. */
const FACETS = ['status', 'theme', 'segment', 'government', 'department', 'rag'] as const;
type Facet = (typeof FACETS)[number];
const FILTERS = ['segment', 'government', 'theme'] as const;

/** The filter from the page's address: one key per filter (the form's selects). */
function filterOf(url: URL): Record<(typeof FILTERS)[number], string> {
  return {
    segment: url.searchParams.get('segment') ?? '',
    government: url.searchParams.get('government') ?? '',
    theme: url.searchParams.get('theme') ?? '',
  };
}

/**
 * The dashboard of a signed-in user (the public signs in first): every count as a bar chart,
 * rendered to SVG here on the server with ECharts, beside a table of the same numbers; the
 * caller's work and the overdue and stale lists. Labels come from the reference endpoints.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { api, language } = serverApi(context, request);
  const filter = filterOf(new URL(request.url));
  let problem: string | null = null;
  let dashboard: DashboardResponse;
  const reference = api.referenceData();
  // The names of the calendars a due date was counted in (public; left out when refused).
  const calendars = governanceApi(context, request)
    .gov.calendars()
    .then(
      (answer) => Object.fromEntries(answer.items.map((c) => [c.key, c.label])) as Record<string, string>,
      () => ({}) as Record<string, string>,
    );
  try {
    try {
      dashboard = await api.dashboard(filter);
    } catch (error) {
      // A hand-made address with an unknown key: say so, and show everything.
      if (!(error instanceof ApiProblem) || error.status !== 400) throw error;
      problem = error.problem.detail ?? error.message;
      dashboard = await api.dashboard({});
      filter.segment = filter.government = filter.theme = '';
    }
  } catch (error) {
    throw pageRefusal(error, request);
  }
  const { themes, segments, governments, organisations } = await reference;
  const t = i18nFor(language, MESSAGES[language]).t;
  const labels: Record<Facet, (key: string) => string> = {
    status: (key) => t(`status.${key}` as never) as string,
    theme: (key) => themes.find((x) => x.key === key)?.label ?? key,
    segment: (key) => segments.find((x) => x.key === key)?.label ?? key,
    government: (key) => governments.find((x) => x.key === key)?.label ?? key,
    department: (key) => organisations.find((x) => x.key === key)?.name ?? key,
    rag: (key) => t(`monitoring.rag.${key}` as never) as string,
  };
  const counts: Record<Facet, Record<string, number>> = { ...dashboard.counts, rag: dashboard.rag };
  const charts = FACETS.map((facet) => {
    const rows = chartRows(counts[facet], labels[facet]);
    const name =
      facet === 'rag' ? t('dashboard.chartNameRag') : t('dashboard.chartName', { facet: t(`dashboard.facet.${facet}`) });
    return { facet, rows, svg: rows.length > 0 ? renderBarChart(rows, name, language) : null };
  });
  return {
    filter,
    problem,
    total: dashboard.total,
    generatedAt: dashboard.generatedAt,
    charts,
    myWork: dashboard.myWork,
    names: {
      organisation: Object.fromEntries(organisations.map((o) => [o.key, o.name])) as Record<string, string>,
      government: Object.fromEntries(governments.map((g) => [g.key, g.label])) as Record<string, string>,
      calendar: await calendars,
    },
    overdue: dashboard.overdue,
    stale: dashboard.stale,
    options: {
      segment: segments.map((x) => ({ value: x.key, label: x.label })),
      government: governments.map((x) => ({ value: x.key, label: x.label })),
      theme: themes.map((x) => ({ value: x.key, label: x.label })),
    },
  };
}

function CountTable({ facet, rows, total }: { facet: Facet; rows: ChartRow[]; total: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <Table className="schakel-chart__table" id={`dashboard-table-${facet}`}>
      <TableCaption>
        {facet === 'rag' ? t('dashboard.tableCaptionRag') : t('dashboard.tableCaption', { facet: t(`dashboard.facet.${facet}`) })}
      </TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t(`dashboard.label.${facet}`)}</TableHeaderCell>
          <TableHeaderCell scope="col" className="schakel-number">
            {t('dashboard.columnCount')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key} data-key={row.key}>
            <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
            <TableCell className="schakel-number">{formatNumber(language, row.value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      {facet !== 'status' && facet !== 'segment' ? null : (
        <tfoot>
          <TableRow>
            <TableHeaderCell scope="row">{t('dashboard.total')}</TableHeaderCell>
            <TableCell className="schakel-number">{formatNumber(language, total)}</TableCell>
          </TableRow>
        </tfoot>
      )}
    </Table>
  );
}

function ItemList({
  id,
  title,
  empty,
  list,
  column,
}: {
  id: string;
  title: string;
  empty: string;
  list: { total: number; items: DashboardItemResponse[] };
  column: { header: string; value: (item: DashboardItemResponse) => string };
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <section aria-labelledby={`${id}-title`} className="schakel-dashboard__list">
      <Heading2 id={`${id}-title`}>{title}</Heading2>
      {list.items.length === 0 ? (
        <Paragraph className="schakel-muted">{empty}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id={id}>
            <TableCaption>
              {t('dashboard.listCaption', {
                shown: formatNumber(language, list.items.length),
                total: formatNumber(language, list.total),
              })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('dashboard.columnReference')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.columnTitle')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.columnStatus')}</TableHeaderCell>
                <TableHeaderCell scope="col">{column.header}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((item) => (
                <TableRow key={item.id} data-reference={item.reference}>
                  <TableCell>
                    <Link className="utrecht-link" to={paths.obstacle(item.reference)}>
                      {item.reference}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <LocalizedText text={item.title} />
                  </TableCell>
                  <TableCell>{t(`status.${item.status}`)}</TableCell>
                  <TableCell>{column.value(item)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="schakel-dashboard__list">
      <Heading2 id={`${id}-title`}>{title}</Heading2>
      {children}
    </section>
  );
}

function Caption({ shown, total }: { shown: number; total: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <TableCaption>
      {t('dashboard.listCaption', { shown: formatNumber(language, shown), total: formatNumber(language, total) })}
    </TableCaption>
  );
}

type MyWork = DashboardResponse['myWork'];
type Names = Record<'organisation' | 'government' | 'calendar', Record<string, string>>;

/** A department's routings that wait for its answer, the soonest due first. */
function Acknowledgements({ part, names }: { part: NonNullable<MyWork['acknowledgements']>; names: Names }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <Part id="dashboard-acknowledgements" title={t('routing.acknowledgementsTitle')}>
      {part.items.length === 0 ? (
        <Paragraph className="schakel-muted">{t('routing.acknowledgementsEmpty')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id="dashboard-acknowledgements">
            <Caption shown={part.items.length} total={part.total} />
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('dashboard.columnReference')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.columnTitle')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnRole')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnDue')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {part.items.map((item) => (
                <TableRow key={item.obstacle.id} data-reference={item.obstacle.reference}>
                  <TableCell>
                    <Link className="utrecht-link" to={`${paths.obstacle(item.obstacle.reference)}#acknowledge`}>
                      {item.obstacle.reference}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <LocalizedText text={item.obstacle.title} />
                  </TableCell>
                  <TableCell>{t(`dashboard.routingRole.${item.role}`)}</TableCell>
                  <TableCell>
                    {item.dueOn ? (
                      <time dateTime={item.dueOn}>
                        {item.dueCalendar
                          ? t('routing.dueWithCalendar', {
                              date: formatDate(language, item.dueOn),
                              calendar: names.calendar[item.dueCalendar] ?? item.dueCalendar,
                            })
                          : formatDate(language, item.dueOn)}
                      </time>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Part>
  );
}

/** The open actions the caller's organisation owns, overdue first. */
function OwnedActions({ part }: { part: NonNullable<MyWork['actions']> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <Part id="dashboard-actions" title={t('routing.actionsTitle')}>
      {part.items.length === 0 ? (
        <Paragraph className="schakel-muted">{t('routing.actionsEmpty')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id="dashboard-actions">
            <Caption shown={part.items.length} total={part.total} />
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('routing.columnAction')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnObstacle')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.columnDue')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('dashboard.columnStatus')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnRag')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="schakel-number">
                  {t('routing.columnProgress')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {part.items.map((item) => (
                <TableRow key={item.id} data-action={item.id} data-overdue={item.overdue ? 'true' : 'false'}>
                  <TableCell>
                    <LocalizedText text={item.title} />
                  </TableCell>
                  <TableCell>
                    <Link className="utrecht-link" to={paths.obstacle(item.obstacle.reference)}>
                      {item.obstacle.reference}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <time dateTime={item.dueOn}>{formatDate(language, item.dueOn)}</time>
                    {item.overdue ? <strong> ({t('routing.overdueMark')})</strong> : null}
                  </TableCell>
                  <TableCell>{t(`monitoring.status.${item.status}`)}</TableCell>
                  <TableCell>{t(`monitoring.rag.${item.rag}`)}</TableCell>
                  <TableCell className="schakel-number">{formatNumber(language, item.progress)} %</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Part>
  );
}

/** The secretariat's open routing alerts, with the way to all of them. */
function Alerts({ part, names }: { part: NonNullable<MyWork['alerts']>; names: Names }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const name = (key: string) => names.organisation[key] ?? key;
  return (
    <Part id="dashboard-alerts" title={t('routing.alertsDashboardTitle')}>
      {part.items.length === 0 ? (
        <Paragraph className="schakel-muted">{t('routing.alertsEmpty')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id="dashboard-alerts">
            <Caption shown={part.items.length} total={part.total} />
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('routing.columnObstacle')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnGovernment')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnDeclined')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('routing.columnCandidate')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {part.items.map((alert) => (
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
                  <TableCell>{names.government[alert.government] ?? alert.government}</TableCell>
                  <TableCell>{alert.declined.map((d) => name(d.organisation)).join(', ')}</TableCell>
                  <TableCell>
                    {alert.candidate
                      ? t('routing.candidate', {
                          organisation: name(alert.candidate.organisation),
                          role: t(`governance.role.${alert.candidate.role}`),
                        })
                      : t('routing.noCandidate')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Paragraph>
        <Link className="utrecht-link" id="dashboard-all-alerts" to={paths.routingAlerts()}>
          {t('routing.allAlerts')}
        </Link>
      </Paragraph>
    </Part>
  );
}

export default function DashboardPage() {
  const { filter, problem, total, generatedAt, charts, myWork, names, overdue, stale, options } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const title = t('dashboard.title');
  const date = (iso: string) => formatDate(language, iso.slice(0, 10));
  return (
    <div className="schakel-page schakel-dashboard">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t('dashboard.intro', { count: total, formattedCount: formatNumber(language, total) })}{' '}
        <span className="schakel-muted">{t('dashboard.generatedAt', { time: formatDateTime(language, generatedAt) })}</span>
      </Paragraph>
      {problem ? (
        <Alert type="error" role="alert">
          <Paragraph>{t('dashboard.badFilter', { detail: problem })}</Paragraph>
        </Alert>
      ) : null}
      <Form method="get" className="schakel-form schakel-filters" id="dashboard-filters" aria-label={t('dashboard.filters')}>
        {FILTERS.map((name) => (
          <SelectField
            key={name}
            name={name}
            label={t(`dashboard.label.${name}`)}
            value={filter[name]}
            placeholder={t('dashboard.all')}
            options={options[name]}
          />
        ))}
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('dashboard.filter')}
          </Button>
        </div>
      </Form>
      <ItemList
        id="dashboard-my-work"
        title={t('dashboard.myWork')}
        empty={t('dashboard.myWorkEmpty')}
        list={myWork}
        column={
          myWork.kind === 'routed'
            ? {
                header: t('dashboard.columnRouted'),
                value: (item) =>
                  item.routing ? `${date(item.routing.routedAt)} (${t(`dashboard.routingRole.${item.routing.role}`)})` : '',
              }
            : { header: t('dashboard.columnUpdated'), value: (item) => date(item.updatedAt) }
        }
      />
      {myWork.acknowledgements ? <Acknowledgements part={myWork.acknowledgements} names={names} /> : null}
      {myWork.actions ? <OwnedActions part={myWork.actions} /> : null}
      {myWork.alerts ? <Alerts part={myWork.alerts} names={names} /> : null}
      {/* For whoever works the intake, this list is part of their work (myWork.intake is the same list). */}
      <ItemList
        id="dashboard-overdue"
        title={t('dashboard.overdue')}
        empty={t('dashboard.overdueEmpty')}
        list={myWork.intake ?? overdue}
        column={{ header: t('dashboard.columnDue'), value: (item) => (item.due ? formatDate(language, item.due) : '') }}
      />
      <ItemList
        id="dashboard-stale"
        title={t('dashboard.stale', { date: formatDate(language, stale.before) })}
        empty={t('dashboard.staleEmpty')}
        list={stale}
        column={{ header: t('dashboard.columnUpdated'), value: (item) => date(item.updatedAt) }}
      />
      {charts.map(({ facet, rows, svg }) => (
        <section key={facet} aria-labelledby={`dashboard-${facet}-title`} className="schakel-chart" id={`dashboard-${facet}`}>
          <Heading2 id={`dashboard-${facet}-title`}>{t(`dashboard.by.${facet}`)}</Heading2>
          {svg === null ? (
            <Paragraph className="schakel-muted">
              {facet === 'rag' ? t('dashboard.noActions') : t('dashboard.noCounts')}
            </Paragraph>
          ) : (
            <div className="schakel-chart__body">
              <div
                className="schakel-chart__figure"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: ECharts' SVG made in this page's loader from counts and escaped labels (pageSvg drops styles and hooks)
                dangerouslySetInnerHTML={{ __html: svg }}
              />
              <CountTable facet={facet} rows={rows} total={total} />
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
