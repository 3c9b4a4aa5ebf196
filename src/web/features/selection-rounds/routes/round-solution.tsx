import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
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
import { ChoiceField, SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { createDecisionClient } from '../api/decision-client';
import { createRoundsClient, type RoundDetail } from '../api/rounds-client';
import { LIMIT_FAMILIES, nameFormRows, parseWhatIf, solvedWith, type WhatIfValues, whatIfDefaults } from '../api/what-if';
import { AmendmentsSection } from '../components/amendments-table';
import { ruleRefText, whyText } from '../components/explain-text';
import { ruleText } from '../components/rule-text';

/**
 * One solution of a round: its status (a running solve shows how long it runs, a refresh link and
 * Cancel), the proposed portfolio — selected and left out, each with why (a keep rule, the rules
 * that block it, the score it would need) — the totals against the plain ranking, the conflicts of
 * an infeasible round; what it was solved with where that differs from the round; the amendments
 * (who, when, why) and for the secretariat, while the round is solved, the form to amend; a what-if
 * (other weights, aggregation or rules for one solve, the round keeps its own); and for those who
 * may, the approval (If-Match on the round), which takes the amendments with it.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { api, language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  try {
    const [round, solution, reference] = await Promise.all([
      client.getRound(params.id ?? ''),
      client.solution(params.id ?? '', params.sid ?? ''),
      api.referenceData(),
    ]);
    return {
      round,
      solution,
      organisations: reference.organisations,
      themes: reference.themes,
      now: new Date().toISOString(),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

/** The amendment form's fields as the API names them: the page has another form with a `reason`. */
const AMEND_FIELDS: Record<string, string> = { obstacleId: 'amendObstacle', change: 'amendChange', reason: 'amendReason' };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = field(form, 'intent');
  const id = params.id ?? '';
  const sid = params.sid ?? '';
  const { language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  const decision = createDecisionClient(context.apiFetch, language);
  const values = { reason: field(form, 'reason') };
  const amend = {
    obstacleId: field(form, 'amendObstacle'),
    change: field(form, 'amendChange'),
    reason: field(form, 'amendReason'),
  };
  const whatIf = intent === 'whatif' ? parseWhatIf(form) : undefined;
  try {
    if (intent === 'cancel') await client.cancel(id, sid, csrfOf(form));
    else if (whatIf) {
      const started = await decision.whatIf(id, whatIf.body, csrfOf(form));
      return redirect(`${paths.selectionSolution(id, started.id)}?done=whatif`, 303);
    } else if (intent === 'amend') await decision.amend(id, { solutionId: sid, ...amend }, csrfOf(form));
    else await client.approve(id, Number(field(form, 'version')), { solutionId: sid, reason: values.reason }, csrfOf(form));
    return redirect(`${paths.selectionSolution(id, sid)}?done=${encodeURIComponent(intent)}`, 303);
  } catch (error) {
    let problem = formRefusal(error, request);
    if (whatIf) problem = nameFormRows(problem, whatIf.sideIndex);
    if (intent === 'amend' && problem.invalidParams) {
      problem = {
        ...problem,
        invalidParams: problem.invalidParams.map((p) => ({ ...p, name: AMEND_FIELDS[p.name] ?? p.name })),
      };
    }
    return data({ intent, values, amend, whatIf: whatIf?.values ?? null, problem }, { status: problem.status });
  }
}

/** The labels of every field the page's forms send, by the name the API's refusals use. */
function fieldLabels(
  t: TFunction,
  round: RoundDetail,
  whatIf: WhatIfValues,
  label: (key: string) => string,
): Map<string, string> {
  const labels = new Map<string, string>([
    ['reason', t('rounds.approveReason')],
    ['amendObstacle', t('selectionDecision.amendCandidate')],
    ['amendChange', t('selectionDecision.amendChange')],
    ['amendReason', t('selectionDecision.amendReason')],
    ['criteria', t('rounds.weights')],
    ['aggregation', t('selectionDecision.aggregation')],
    ['rules.exactCapacity', t('selectionDecision.exactCapacity')],
  ]);
  whatIf.weights.forEach((w, i) => {
    const criterion = t(`rounds.criterion.${w.key}`, { defaultValue: w.key });
    labels.set(`criteria.${i}.weight`, t('rounds.weightOf', { criterion }));
  });
  whatIf.sides.forEach((s, i) => {
    labels.set(`rules.sideShare.${i}.side`, t('selectionDecision.side'));
    labels.set(`rules.sideShare.${i}.minPercent`, t('selectionDecision.minShareOf', { side: s.side }));
    labels.set(`rules.sideShare.${i}.maxPercent`, t('selectionDecision.maxShareOf', { side: s.side }));
  });
  for (const family of LIMIT_FAMILIES) {
    labels.set(`rules.${family}`, t(`selectionDecision.limitEvery_${family}`));
    for (const { key } of whatIf.limits[family].perKey)
      labels.set(`rules.${family}.${key}`, t('selectionDecision.limitOf', { rule: t(`rounds.rule.${family}`), key: label(key) }));
  }
  if (round.capacity === null) labels.delete('rules.exactCapacity');
  return labels;
}

export default function RoundSolution() {
  const { round, solution, organisations, themes, now } = useLoaderData<typeof loader>();
  const organisationName = new Map(organisations.map((o) => [o.key, o.name]));
  const keyLabel = new Map([
    ...organisations.map((o) => [o.key, o.name] as const),
    ...themes.map((th) => [th.key, th.label] as const),
  ]);
  const label = (key: string) => keyLabel.get(key) ?? key;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const whatIf = result?.whatIf ?? whatIfDefaults(round);
  const { fields, summary } = useFormErrors(result?.problem, fieldLabels(t, round, whatIf, label));
  /** The error summary inside the form that was sent; one above the page for the others (a cancel). */
  const summaryOf = (intent: string) =>
    summary.length > 0 && result?.intent === intent ? (
      <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
    ) : null;
  const candidate = new Map(round.candidates.map((c) => [c.obstacleId, c]));
  const ref = (obstacleId: string | null | undefined) => (obstacleId ? (candidate.get(obstacleId)?.reference ?? obstacleId) : '');
  const rule = (r: { rule: string; key?: string | undefined }) => ruleRefText(t, r);
  const selected = solution.explanations.filter((e) => e.selected);
  const left = solution.explanations.filter((e) => !e.selected);
  const title = t('rounds.solutionTitle', { name: round.name });
  const why = (e: (typeof solution.explanations)[number]): string => whyText(t, e, ref);
  const canApprove =
    round.abilities.includes('approve') && round.status === 'solved' && ['optimal', 'feasible'].includes(solution.status);
  const finished = ['optimal', 'feasible', 'time_limit'].includes(solution.status) && solution.explanations.length > 0;
  const canAmend = round.abilities.includes('manage') && round.status === 'solved' && finished;
  const canWhatIf = round.abilities.includes('manage') && (round.status === 'scoring' || round.status === 'solved');
  const differs = solvedWith(round, solution);
  const amendedTo = new Map(solution.amendments.map((a) => [a.obstacleId, a.change]));
  const inPortfolio = new Set(solution.selected);
  const comparable = round.solutions.filter((s) => s.objective !== null && s.id !== solution.id);
  const criterionName = (key: string) => t(`rounds.criterion.${key}`, { defaultValue: key });
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to={paths.selectionRound(round.id)}>
          {t('rounds.detailTitle', { name: round.name })}
        </Link>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {result && !['whatif', 'amend', 'approve'].includes(result.intent) ? summaryOf(result.intent) : null}
      <Paragraph id="solution-status" data-status={solution.status}>
        {t('rounds.status')}: {t(`rounds.solutionStatus.${solution.status}`)}
      </Paragraph>
      {solution.failure ? (
        <Paragraph id="solution-failure" data-failure={solution.failure}>
          {t(`rounds.solutionFailure.${solution.failure}`)}
        </Paragraph>
      ) : null}
      <ul className="utrecht-unordered-list" id="decision-links">
        {round.status === 'solved' || round.status === 'approved' || round.abilities.includes('manage') ? (
          <li>
            <Link className="utrecht-link" id="report-page-link" to={paths.selectionReport(round.id)}>
              {t('selectionDecision.reportTitle', { name: round.name })}
            </Link>
          </li>
        ) : null}
        {finished && comparable.length > 0 ? (
          <li>
            <Link
              className="utrecht-link"
              id="compare-link"
              to={paths.selectionCompare(round.id, comparable[comparable.length - 1]?.id, solution.id)}
            >
              {t('selectionDecision.compareWith')}
            </Link>
          </li>
        ) : null}
      </ul>
      {differs.weights.length > 0 || differs.aggregation !== null || differs.rules.length > 0 ? (
        <section aria-labelledby="solved-with-title">
          <Heading2 id="solved-with-title">{t('selectionDecision.solvedWithTitle')}</Heading2>
          <Paragraph>{t('selectionDecision.solvedWithIntro')}</Paragraph>
          <ul className="utrecht-unordered-list" id="solved-with">
            {differs.weights.map((w) => (
              <li key={w.key} data-weight={w.key}>
                {t('selectionDecision.weightChange', { criterion: criterionName(w.key), round: w.round, solution: w.solution })}
              </li>
            ))}
            {differs.aggregation !== null ? (
              <li data-aggregation={differs.aggregation}>
                {t('selectionDecision.aggregationUsed', {
                  aggregation: t(`selectionDecision.aggregationName.${differs.aggregation}`),
                })}
              </li>
            ) : null}
            {differs.rules.map((r) => (
              <li key={r.family} data-rule={r.family}>
                {ruleText(t, r.family, r.value, ref, label)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
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
                    <TableCell data-amended={amendedTo.get(e.id)}>
                      {e.selected ? t('rounds.selectedYes') : t('rounds.selectedNo')}
                      {amendedTo.has(e.id)
                        ? ` (${amendedTo.get(e.id) === 'include' ? t('selectionDecision.amendedIn') : t('selectionDecision.amendedOut')})`
                        : ''}
                    </TableCell>
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
      {finished ? (
        <AmendmentsSection
          amendments={solution.amendments}
          ids={{ title: 'amendments-title', empty: 'no-amendments', table: 'amendment-list' }}
          reference={ref}
          organisationName={organisationName}
        >
          {canAmend ? (
            <Form method="post" className="schakel-form" id="amend-form" noValidate>
              <Heading3>{t('selectionDecision.amendFormTitle')}</Heading3>
              {summaryOf('amend')}
              <CsrfField />
              <input type="hidden" name="intent" value="amend" />
              <SelectField
                name="amendObstacle"
                label={t('selectionDecision.amendCandidate')}
                value={result?.intent === 'amend' ? result.amend.obstacleId : ''}
                error={fields.get('amendObstacle')}
                placeholder={t('rounds.choose')}
                options={round.candidates.map((c) => ({
                  value: c.obstacleId,
                  label: `${c.reference}${c.title ? ` – ${c.title}` : ''} (${
                    inPortfolio.has(c.obstacleId) ? t('selectionDecision.inPortfolio') : t('selectionDecision.leftOut')
                  })`,
                }))}
              />
              <ChoiceField
                name="amendChange"
                type="radio"
                label={t('selectionDecision.amendChange')}
                error={fields.get('amendChange')}
                selected={result?.intent === 'amend' ? [result.amend.change] : []}
                options={[
                  { value: 'include', label: t('selectionDecision.change.include') },
                  { value: 'exclude', label: t('selectionDecision.change.exclude') },
                ]}
              />
              <TextField
                name="amendReason"
                label={t('selectionDecision.amendReason')}
                hint={t('selectionDecision.amendReasonHint')}
                value={result?.intent === 'amend' ? result.amend.reason : ''}
                error={fields.get('amendReason')}
                multiline
              />
              <div className="schakel-actions">
                <Button type="submit" appearance="secondary-action-button" busy={navigation.state === 'submitting'}>
                  {t('selectionDecision.amendSubmit')}
                </Button>
              </div>
            </Form>
          ) : null}
        </AmendmentsSection>
      ) : null}
      {canWhatIf && solution.status !== 'running' ? (
        <section aria-labelledby="what-if-title">
          <Heading2 id="what-if-title">{t('selectionDecision.whatIfTitle')}</Heading2>
          <Paragraph>{t('selectionDecision.whatIfIntro')}</Paragraph>
          <Form method="post" className="schakel-form" id="what-if-form" noValidate>
            {summaryOf('whatif')}
            <CsrfField />
            <input type="hidden" name="intent" value="whatif" />
            <fieldset className="utrecht-form-fieldset">
              <legend className="utrecht-form-fieldset__legend">{t('rounds.weights')}</legend>
              {whatIf.weights.map((w, i) => (
                <div key={w.key}>
                  <input type="hidden" name={`criteria.${i}.key`} value={w.key} />
                  <TextField
                    name={`criteria.${i}.weight`}
                    label={t('rounds.weightOf', { criterion: criterionName(w.key) })}
                    value={w.weight}
                    error={fields.get(`criteria.${i}.weight`)}
                    inputMode="numeric"
                  />
                </div>
              ))}
            </fieldset>
            <SelectField
              name="aggregation"
              label={t('selectionDecision.aggregation')}
              value={whatIf.aggregation}
              error={fields.get('aggregation')}
              options={(['mean', 'median'] as const).map((a) => ({
                value: a,
                label: t(`selectionDecision.aggregationName.${a}`),
              }))}
            />
            <fieldset className="utrecht-form-fieldset">
              <legend className="utrecht-form-fieldset__legend">{t('selectionDecision.rulesLegend')}</legend>
              {whatIf.sides.map((side, i) => (
                <div key={side.side}>
                  <input type="hidden" name={`rules.sideShare.${i}.side`} value={side.side} />
                  <TextField
                    name={`rules.sideShare.${i}.minPercent`}
                    label={t('selectionDecision.minShareOf', { side: side.side })}
                    value={side.minPercent}
                    error={fields.get(`rules.sideShare.${i}.minPercent`) ?? fields.get(`rules.sideShare.${i}.side`)}
                    inputMode="numeric"
                  />
                  <TextField
                    name={`rules.sideShare.${i}.maxPercent`}
                    label={t('selectionDecision.maxShareOf', { side: side.side })}
                    value={side.maxPercent}
                    error={fields.get(`rules.sideShare.${i}.maxPercent`)}
                    inputMode="numeric"
                  />
                </div>
              ))}
              {LIMIT_FAMILIES.map((family) =>
                whatIf.limits[family].perKey.length > 0 ? (
                  whatIf.limits[family].perKey.map((p) => (
                    <TextField
                      key={`${family}.${p.key}`}
                      name={`rules.${family}.${p.key}`}
                      label={t('selectionDecision.limitOf', { rule: t(`rounds.rule.${family}`), key: label(p.key) })}
                      value={p.value}
                      error={fields.get(`rules.${family}.${p.key}`)}
                      inputMode="numeric"
                    />
                  ))
                ) : (
                  <TextField
                    key={family}
                    name={`rules.${family}`}
                    label={t(`selectionDecision.limitEvery_${family}`)}
                    hint={t('selectionDecision.noLimitHint')}
                    value={whatIf.limits[family].every}
                    error={fields.get(`rules.${family}`)}
                    inputMode="numeric"
                  />
                ),
              )}
              {round.capacity !== null ? (
                <ChoiceField
                  name="rules.exactCapacity"
                  type="checkbox"
                  label={t('selectionDecision.exactCapacity')}
                  error={fields.get('rules.exactCapacity')}
                  selected={whatIf.exactCapacity ? ['true'] : []}
                  options={[{ value: 'true', label: t('selectionDecision.exactCapacityOption', { count: round.capacity }) }]}
                />
              ) : null}
            </fieldset>
            <div className="schakel-actions">
              <Button type="submit" appearance="secondary-action-button" busy={navigation.state === 'submitting'}>
                {t('selectionDecision.whatIfSubmit')}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
      {canApprove ? (
        <section aria-labelledby="approve-title">
          <Heading2 id="approve-title">{t('rounds.approve')}</Heading2>
          <Form method="post" className="schakel-form" id="approve-form" noValidate>
            {solution.amendments.length > 0 ? (
              <Paragraph id="approve-amendments">
                {t('selectionDecision.approveWithAmendments', { count: solution.amendments.length })}
              </Paragraph>
            ) : null}
            {summaryOf('approve')}
            <CsrfField />
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="version" value={round.version} />
            <TextField
              name="reason"
              label={t('rounds.approveReason')}
              value={result?.intent === 'approve' ? result.values.reason : ''}
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
      ) : result?.intent === 'approve' ? (
        summaryOf('approve')
      ) : null}
    </div>
  );
}
