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
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Form,
  Link,
  type LoaderFunctionArgs,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
} from 'react-router';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { createRoundsClient } from '../api/rounds-client';

/**
 * One solution of a round: its status (a running solve shows how long it runs, a refresh link and
 * Cancel), the proposed portfolio — selected and left out, each with why (a keep rule, the rules
 * that block it, the score it would need) — the totals against the plain ranking, the conflicts of
 * an infeasible round; and for those who may, the approval (If-Match on the round).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  try {
    const [round, solution] = await Promise.all([
      client.getRound(params.id ?? ''),
      client.solution(params.id ?? '', params.sid ?? ''),
    ]);
    return { round, solution, now: new Date().toISOString() };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = field(form, 'intent');
  const id = params.id ?? '';
  const sid = params.sid ?? '';
  const { language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  const values = { reason: field(form, 'reason') };
  try {
    if (intent === 'cancel') await client.cancel(id, sid, csrfOf(form));
    else await client.approve(id, Number(field(form, 'version')), { solutionId: sid, reason: values.reason }, csrfOf(form));
    return redirect(`${paths.selectionSolution(id, sid)}?done=${encodeURIComponent(intent)}`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data({ values, problem }, { status: problem.status });
  }
}

export default function RoundSolution() {
  const { round, solution, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const { fields, summary } = useFormErrors(result?.problem, new Map([['reason', t('rounds.approveReason')]]));
  const candidate = new Map(round.candidates.map((c) => [c.obstacleId, c]));
  const ref = (obstacleId: string | null | undefined) => (obstacleId ? (candidate.get(obstacleId)?.reference ?? obstacleId) : '');
  const rule = (r: { rule: string; key?: string | undefined }) =>
    `${t(`rounds.rule.${r.rule}`, { defaultValue: r.rule })}${r.key ? ` (${r.key})` : ''}`;
  const selected = solution.explanations.filter((e) => e.selected);
  const left = solution.explanations.filter((e) => !e.selected);
  const title = t('rounds.solutionTitle', { name: round.name });
  const why = (e: (typeof solution.explanations)[number]): string => {
    if (e.selected) return e.kept ? t('rounds.whyKept') : t('rounds.whySelected');
    if (e.excluded) return t('rounds.whyExcluded');
    const parts: string[] = [];
    if (e.blockedBy && e.blockedBy.length > 0) parts.push(t('rounds.whyBlocked', { rules: e.blockedBy.map(rule).join(', ') }));
    else parts.push(t('rounds.whyScore'));
    if (e.canEnter === false) parts.push(t('rounds.cannotEnter'));
    else if (e.neededScore !== null && e.neededScore !== undefined)
      parts.push(
        e.method === 'swap'
          ? t('rounds.neededSwap', { score: e.neededScore.toFixed(2), reference: ref(e.swapWith) })
          : t('rounds.neededExact', { score: e.neededScore.toFixed(2) }),
      );
    return parts.join(' ');
  };
  const canApprove =
    round.abilities.includes('approve') && round.status === 'solved' && ['optimal', 'feasible'].includes(solution.status);
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to={paths.selectionRound(round.id)}>
          {t('rounds.detailTitle', { name: round.name })}
        </Link>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph id="solution-status" data-status={solution.status}>
        {t('rounds.status')}: {t(`rounds.solutionStatus.${solution.status}`)}
      </Paragraph>
      {round.status === 'solved' || round.status === 'approved' ? (
        <Paragraph>
          <a
            className="utrecht-link"
            id="report-link"
            href={`/api/v1/selection-rounds/${encodeURIComponent(round.id)}/report.docx?lang=${encodeURIComponent(i18n.language)}`}
            download
          >
            {t('rounds.report')}
          </a>
        </Paragraph>
      ) : null}
      {round.approvedSolutionId === solution.id ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('rounds.approved')}</Paragraph>
        </Alert>
      ) : null}
      {solution.status === 'running' ? (
        <Alert type="info" role="status">
          <Paragraph>
            {t('rounds.running', { seconds: Math.max(0, Math.round((Date.parse(now) - Date.parse(solution.createdAt)) / 1000)) })}{' '}
            <Link className="utrecht-link" to={paths.selectionSolution(round.id, solution.id)} reloadDocument>
              {t('rounds.refresh')}
            </Link>
          </Paragraph>
          {round.abilities.includes('manage') ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="intent" value="cancel" />
              <Button type="submit" appearance="secondary-action-button">
                {t('rounds.cancel')}
              </Button>
            </Form>
          ) : null}
        </Alert>
      ) : null}
      {solution.conflicts && solution.conflicts.conflicts.length > 0 ? (
        <section aria-labelledby="conflicts-title">
          <Heading2 id="conflicts-title">{t('rounds.conflicts')}</Heading2>
          <ul className="utrecht-unordered-list" id="conflict-list">
            {solution.conflicts.conflicts.map((set) => (
              <li key={set.join('+')}>{set.map((r) => t(`rounds.rule.${r}`, { defaultValue: r })).join(' + ')}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {solution.explanations.length > 0 ? (
        <section aria-labelledby="portfolio-title">
          <Heading2 id="portfolio-title">{t('rounds.portfolio')}</Heading2>
          <div className="schakel-table-wrap">
            <Table id="portfolio">
              <TableCaption>
                {t('rounds.portfolioCaption', { selected: selected.length, total: solution.explanations.length })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('rounds.reference')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('rounds.inPortfolio')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('rounds.why')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {[...selected, ...left].map((e) => (
                  <TableRow key={e.id} data-candidate={ref(e.id)} data-selected={String(e.selected)}>
                    <TableHeaderCell scope="row">{ref(e.id)}</TableHeaderCell>
                    <TableCell>{e.selected ? t('rounds.selectedYes') : t('rounds.selectedNo')}</TableCell>
                    <TableCell>{why(e)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ) : null}
      {solution.comparison ? (
        <section aria-labelledby="comparison-title">
          <Heading2 id="comparison-title">{t('rounds.comparison')}</Heading2>
          <ul className="utrecht-unordered-list" id="comparison">
            <li>{t('rounds.optimisedTotal', { value: solution.comparison.optimisedTotal.toFixed(2) })}</li>
            <li>
              {t('rounds.greedyTotal', { value: solution.comparison.greedyTotal.toFixed(2) })}
              {solution.comparison.greedyValid
                ? ''
                : ` ${t('rounds.greedyBreaks', { rules: solution.comparison.greedyViolations.map(rule).join(', ') })}`}
            </li>
            <li>
              {t('rounds.rulesChanged', {
                entered: solution.comparison.onlyOptimised.map(ref).join(', ') || '–',
                left: solution.comparison.onlyGreedy.map(ref).join(', ') || '–',
              })}
            </li>
          </ul>
        </section>
      ) : null}
      {canApprove ? (
        <section aria-labelledby="approve-title">
          <Heading2 id="approve-title">{t('rounds.approve')}</Heading2>
          <Form method="post" className="schakel-form" id="approve-form" noValidate>
            <ErrorSummary
              title={t('form.errorSummary')}
              intro={t('form.errorSummaryIntro')}
              errors={summary}
              submission={result}
            />
            <CsrfField />
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="version" value={round.version} />
            <TextField
              name="reason"
              label={t('rounds.approveReason')}
              value={result?.values.reason ?? ''}
              error={fields.get('reason')}
              multiline
            />
            <div className="schakel-actions">
              <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
                {t('rounds.approve')}
              </Button>
            </div>
          </Form>
        </section>
      ) : summary.length > 0 ? (
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
      ) : null}
    </div>
  );
}
