import {
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
import { Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { createDecisionClient } from '../api/decision-client';
import { createRoundsClient } from '../api/rounds-client';
import { solvedWith } from '../api/what-if';
import { AmendmentsSection } from '../components/amendments-table';
import { ruleRefText, whyText } from '../components/explain-text';
import { ruleText } from '../components/rule-text';

/**
 * The report of a round, as the .docx says it: the set-up, criteria and weights, the rules the
 * portfolio was solved with, the aggregated scores with their spread, the portfolio (the approved
 * solution, else the newest with a portfolio) with each candidate's explanation, the comparison with
 * the plain ranking, the amendments, and the link to report.docx in the reader's language. The
 * secretariat at any time; others who read the round once it is solved (the API's 409 before).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { api, language } = governanceApi(context, request);
  const rounds = createRoundsClient(context.apiFetch, language);
  const decision = createDecisionClient(context.apiFetch, language);
  const id = params.id ?? '';
  try {
    const [round, reference] = await Promise.all([rounds.getRound(id), api.referenceData()]);
    // The scores: refused (409) to those who see only their own until the round is solved.
    const aggregate = await decision.aggregate(id).catch((error: unknown) => {
      if (error instanceof ApiProblem && error.status === 409) return null;
      throw error;
    });
    const chosen =
      round.solutions.find((s) => s.id === round.approvedSolutionId) ?? round.solutions.find((s) => s.objective !== null);
    const solution = aggregate && chosen ? await rounds.solution(id, chosen.id) : null;
    return {
      round,
      aggregate,
      solution,
      segments: reference.segments,
      organisations: reference.organisations,
      themes: reference.themes,
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export default function RoundReport() {
  const { round, aggregate, solution, segments, organisations, themes } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const candidate = new Map(round.candidates.map((c) => [c.obstacleId, c]));
  const ref = (obstacleId: string | null | undefined) => (obstacleId ? (candidate.get(obstacleId)?.reference ?? obstacleId) : '');
  const organisationName = new Map(organisations.map((o) => [o.key, o.name]));
  const segmentLabel = new Map(segments.map((s) => [s.key, s.label]));
  const keyLabel = new Map([
    ...organisations.map((o) => [o.key, o.name] as const),
    ...themes.map((th) => [th.key, th.label] as const),
  ]);
  const label = (key: string) => keyLabel.get(key) ?? key;
  const criterionName = (key: string) => t(`rounds.criterion.${key}`, { defaultValue: key });
  const title = t('selectionDecision.reportTitle', { name: round.name });
  const rules = Object.entries(solution ? solution.params.rules : (round.rules as Record<string, unknown>)).filter(
    ([, value]) => value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0),
  );
  const differs = solution ? solvedWith(round, solution) : null;
  const amendedTo = new Map((solution?.amendments ?? []).map((a) => [a.obstacleId, a.change]));
  const explanations = solution
    ? [...solution.explanations.filter((e) => e.selected), ...solution.explanations.filter((e) => !e.selected)]
    : [];
  const criteria = solution ? solution.params.criteria : round.criteria;
  const weightTotal = criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to={paths.selectionRound(round.id)}>
          {t('rounds.detailTitle', { name: round.name })}
        </Link>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {aggregate ? (
        <Paragraph>
          <a
            className="utrecht-link"
            id="report-docx-link"
            href={`/api/v1/selection-rounds/${encodeURIComponent(round.id)}/report.docx?lang=${encodeURIComponent(language)}`}
            download
          >
            {t('rounds.report')}
          </a>
        </Paragraph>
      ) : (
        <Paragraph id="report-not-yet">{t('selectionDecision.reportNotYet')}</Paragraph>
      )}
      <dl className="schakel-facts" id="report-facts">
        <div>
          <dt>{t('rounds.status')}</dt>
          <dd>{t(`rounds.statusName.${round.status}`)}</dd>
        </div>
        <div>
          <dt>{t('rounds.segment')}</dt>
          <dd>{segmentLabel.get(round.segment) ?? round.segment}</dd>
        </div>
        <div>
          <dt>{t('rounds.period')}</dt>
          <dd>
            <time dateTime={round.periodStart}>{formatDate(language, round.periodStart)}</time> –{' '}
            <time dateTime={round.periodEnd}>{formatDate(language, round.periodEnd)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('rounds.capacity')}</dt>
          <dd>{round.capacity ?? t('rounds.noLimit')}</dd>
        </div>
        <div>
          <dt>{t('selectionDecision.effortBudget')}</dt>
          <dd>{round.effortBudget ?? t('rounds.noLimit')}</dd>
        </div>
        <div>
          <dt>{t('selectionDecision.aggregation')}</dt>
          <dd>{t(`selectionDecision.aggregationName.${solution ? solution.params.aggregation : round.aggregation}`)}</dd>
        </div>
        <div>
          <dt>{t('rounds.partners')}</dt>
          <dd>{round.partners.map((key) => organisationName.get(key) ?? key).join(', ')}</dd>
        </div>
      </dl>

      <section aria-labelledby="criteria-title">
        <Heading2 id="criteria-title">{t('selectionDecision.criteriaTitle')}</Heading2>
        <div className="schakel-table-wrap">
          <Table id="report-criteria">
            <TableCaption>{t('selectionDecision.criteriaCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('selectionDecision.criterionColumn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('selectionDecision.weight')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('selectionDecision.weightShare')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {criteria.map((c) => (
                <TableRow key={c.key} data-criterion={c.key}>
                  <TableHeaderCell scope="row">{criterionName(c.key)}</TableHeaderCell>
                  <TableCell>{c.weight}</TableCell>
                  <TableCell>{weightTotal > 0 ? `${Math.round((100 * c.weight) / weightTotal)}%` : '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        {differs && (differs.weights.length > 0 || differs.aggregation !== null || differs.rules.length > 0) ? (
          <Paragraph id="report-solved-with">{t('selectionDecision.reportSolvedWith')}</Paragraph>
        ) : null}
      </section>

      <section aria-labelledby="rules-title">
        <Heading2 id="rules-title">{t('selectionDecision.rulesTitle')}</Heading2>
        {rules.length === 0 ? (
          <Paragraph id="report-no-rules">{t('selectionDecision.noRules')}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list" id="report-rules">
            {rules.map(([family, value]) => (
              <li key={family} data-rule={family}>
                {ruleText(t, family, value, ref, label)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {aggregate ? (
        <section aria-labelledby="scores-title">
          <Heading2 id="scores-title">{t('selectionDecision.scoresTitle')}</Heading2>
          <div className="schakel-table-wrap">
            <Table id="report-scores">
              <TableCaption>
                {t('selectionDecision.scoresCaption', {
                  aggregation: t(`selectionDecision.aggregationName.${aggregate.aggregation}`),
                })}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('rounds.reference')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('selectionDecision.score')}</TableHeaderCell>
                  {round.criteria.map((c) => (
                    <TableHeaderCell scope="col" key={c.key}>
                      {criterionName(c.key)}
                    </TableHeaderCell>
                  ))}
                  <TableHeaderCell scope="col">{t('selectionDecision.spread')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {aggregate.items.map((item) => (
                  <TableRow key={item.obstacleId} data-candidate={item.reference}>
                    <TableHeaderCell scope="row">{item.reference}</TableHeaderCell>
                    <TableCell>
                      {item.score === null ? t('selectionDecision.unscored') : item.score.toFixed(2)}
                      {item.partial ? ` (${t('selectionDecision.partial')})` : ''}
                    </TableCell>
                    {round.criteria.map((c) => (
                      <TableCell key={c.key}>
                        {item.perCriterion[c.key] === undefined ? '–' : (item.perCriterion[c.key] ?? 0).toFixed(2)}
                      </TableCell>
                    ))}
                    <TableCell>
                      {item.spread
                        ? t('selectionDecision.spreadText', {
                            min: item.spread.min.toFixed(2),
                            max: item.spread.max.toFixed(2),
                            stddev: item.spread.stddev.toFixed(2),
                            partners: item.spread.partners,
                          })
                        : '–'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ) : null}

      {solution ? (
        <>
          <section aria-labelledby="report-portfolio-title">
            <Heading2 id="report-portfolio-title">{t('selectionDecision.portfolioTitle')}</Heading2>
            <Paragraph>
              <Link className="utrecht-link" id="report-solution-link" to={paths.selectionSolution(round.id, solution.id)}>
                {round.approvedSolutionId === solution.id
                  ? t('selectionDecision.approvedPortfolio')
                  : t('selectionDecision.proposedPortfolio', { status: t(`rounds.solutionStatus.${solution.status}`) })}
              </Link>
            </Paragraph>
            <div className="schakel-table-wrap">
              <Table id="report-portfolio">
                <TableCaption>
                  {t('rounds.portfolioCaption', {
                    selected: solution.selected.length,
                    total: solution.explanations.length,
                  })}
                </TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('rounds.reference')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('rounds.obstacleTitle')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('rounds.inPortfolio')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('rounds.why')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {explanations.map((e) => (
                    <TableRow key={e.id} data-candidate={ref(e.id)} data-selected={String(e.selected)}>
                      <TableHeaderCell scope="row">{ref(e.id)}</TableHeaderCell>
                      <TableCell>{candidate.get(e.id)?.title ?? ''}</TableCell>
                      <TableCell data-amended={amendedTo.get(e.id)}>
                        {e.selected ? t('rounds.selectedYes') : t('rounds.selectedNo')}
                        {amendedTo.has(e.id)
                          ? ` (${amendedTo.get(e.id) === 'include' ? t('selectionDecision.amendedIn') : t('selectionDecision.amendedOut')})`
                          : ''}
                      </TableCell>
                      <TableCell>{whyText(t, e, ref)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </section>
          {solution.comparison ? (
            <section aria-labelledby="report-comparison-title">
              <Heading2 id="report-comparison-title">{t('rounds.comparison')}</Heading2>
              <ul className="utrecht-unordered-list" id="report-comparison">
                <li>{t('rounds.optimisedTotal', { value: solution.comparison.optimisedTotal.toFixed(2) })}</li>
                <li>
                  {t('rounds.greedyTotal', { value: solution.comparison.greedyTotal.toFixed(2) })}
                  {solution.comparison.greedyValid
                    ? ''
                    : ` ${t('rounds.greedyBreaks', {
                        rules: solution.comparison.greedyViolations.map((r) => ruleRefText(t, r)).join(', '),
                      })}`}
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
          <AmendmentsSection
            amendments={solution.amendments}
            ids={{ title: 'report-amendments-title', empty: 'report-no-amendments', table: 'report-amendments' }}
            reference={ref}
            organisationName={organisationName}
          />
        </>
      ) : aggregate ? (
        <Paragraph id="report-no-portfolio">{t('selectionDecision.noPortfolio')}</Paragraph>
      ) : null}
    </div>
  );
}
