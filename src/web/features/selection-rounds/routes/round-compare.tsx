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
import { Form, Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { SelectField } from '../../../components/form-fields';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { createDecisionClient } from '../api/decision-client';
import { createRoundsClient } from '../api/rounds-client';
import { ruleValue } from '../components/rule-text';

/**
 * Two solutions of a round side by side (the what-if): a GET form with two selects of the round's
 * solutions that have a portfolio (works without JavaScript), then which candidates entered, left
 * and stayed, the totals of each (and b's portfolio under a's scores), and the weights and rule
 * families that differ, with each side's value. For whoever reads the round.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { api, language } = governanceApi(context, request);
  const rounds = createRoundsClient(context.apiFetch, language);
  const decision = createDecisionClient(context.apiFetch, language);
  const id = params.id ?? '';
  const query = new URL(request.url).searchParams;
  const a = query.get('a') ?? '';
  const b = query.get('b') ?? '';
  try {
    const [round, reference] = await Promise.all([rounds.getRound(id), api.referenceData()]);
    const labels = [
      ...reference.organisations.map((o) => [o.key, o.name] as const),
      ...reference.themes.map((th) => [th.key, th.label] as const),
    ];
    const choices = round.solutions.filter((s) => s.objective !== null);
    if (!a || !b) return { round, labels, choices, a, b, comparison: null, refusal: null, sides: null };
    try {
      const [comparison, solutionA, solutionB] = await Promise.all([
        decision.compare(id, a, b),
        rounds.solution(id, a),
        rounds.solution(id, b),
      ]);
      return {
        round,
        labels,
        choices,
        a,
        b,
        comparison,
        refusal: null,
        sides: { a: solutionA.params.rules, b: solutionB.params.rules },
      };
    } catch (error) {
      // A solution without a portfolio, or not of this round: said on the page, the form stays.
      if (error instanceof ApiProblem && (error.status === 404 || error.status === 409))
        return { round, labels, choices, a, b, comparison: null, refusal: error.problem.detail, sides: null };
      throw error;
    }
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export default function RoundCompare() {
  const { round, labels, choices, a, b, comparison, refusal, sides } = useLoaderData<typeof loader>();
  const keyLabel = new Map(labels);
  const label = (key: string) => keyLabel.get(key) ?? key;
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const candidate = new Map(round.candidates.map((c) => [c.obstacleId, c]));
  const ref = (obstacleId: string) => candidate.get(obstacleId)?.reference ?? obstacleId;
  // Numbered by age, the first solve 1, as the round page lists them.
  const number = new Map([...round.solutions].reverse().map((s, i) => [s.id, i + 1]));
  const optionLabel = (s: (typeof choices)[number]) =>
    t('selectionDecision.solutionOption', {
      number: number.get(s.id),
      date: formatDate(language, s.createdAt.slice(0, 10)),
      status: t(`rounds.solutionStatus.${s.status}`),
      total: (s.objective ?? 0).toFixed(2),
    });
  const options = choices.map((s) => ({ value: s.id, label: optionLabel(s) }));
  const title = t('selectionDecision.compareTitle', { name: round.name });
  const nameA = t('selectionDecision.solutionNumber', { number: number.get(a) ?? '?' });
  const nameB = t('selectionDecision.solutionNumber', { number: number.get(b) ?? '?' });
  const rows = comparison
    ? [
        ...comparison.stayed.map((id) => ({ id, change: 'stayed' as const })),
        ...comparison.entered.map((id) => ({ id, change: 'entered' as const })),
        ...comparison.left.map((id) => ({ id, change: 'left' as const })),
      ]
    : [];
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to={paths.selectionRound(round.id)}>
          {t('rounds.detailTitle', { name: round.name })}
        </Link>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {choices.length < 2 ? (
        <Paragraph id="compare-too-few">{t('selectionDecision.compareTooFew')}</Paragraph>
      ) : (
        <Form method="get" className="schakel-form" id="compare-form">
          <SelectField name="a" label={t('selectionDecision.solutionA')} value={a || (choices[1]?.id ?? '')} options={options} />
          <SelectField name="b" label={t('selectionDecision.solutionB')} value={b || (choices[0]?.id ?? '')} options={options} />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button">
              {t('selectionDecision.compare')}
            </Button>
          </div>
        </Form>
      )}
      {refusal ? (
        <Alert type="error" role="alert">
          <Paragraph id="compare-refusal">{refusal}</Paragraph>
        </Alert>
      ) : null}
      {comparison ? (
        <>
          <section aria-labelledby="totals-title">
            <Heading2 id="totals-title">{t('selectionDecision.totalsTitle')}</Heading2>
            <div className="schakel-table-wrap">
              <Table id="compare-totals">
                <TableCaption>{t('selectionDecision.totalsCaption', { a: nameA, b: nameB })}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('selectionDecision.measure')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{nameA}</TableHeaderCell>
                    <TableHeaderCell scope="col">{nameB}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  <TableRow data-measure="total">
                    <TableHeaderCell scope="row">{t('selectionDecision.totalScore')}</TableHeaderCell>
                    <TableCell>{comparison.totals.a.toFixed(2)}</TableCell>
                    <TableCell>{comparison.totals.b.toFixed(2)}</TableCell>
                  </TableRow>
                  <TableRow data-measure="under-a">
                    <TableHeaderCell scope="row">{t('selectionDecision.totalUnderA', { a: nameA })}</TableHeaderCell>
                    <TableCell>{comparison.totals.a.toFixed(2)}</TableCell>
                    <TableCell>{comparison.totals.bUnderScoresOfA.toFixed(2)}</TableCell>
                  </TableRow>
                  <TableRow data-measure="count">
                    <TableHeaderCell scope="row">{t('selectionDecision.selectedCount')}</TableHeaderCell>
                    <TableCell>{comparison.stayed.length + comparison.left.length}</TableCell>
                    <TableCell>{comparison.stayed.length + comparison.entered.length}</TableCell>
                  </TableRow>
                </TableBody>
              </Table>
            </div>
          </section>
          <section aria-labelledby="side-by-side-title">
            <Heading2 id="side-by-side-title">{t('selectionDecision.sideBySide')}</Heading2>
            <Paragraph id="compare-summary">
              {t('selectionDecision.compareSummary', {
                entered: comparison.entered.length,
                left: comparison.left.length,
                stayed: comparison.stayed.length,
              })}
            </Paragraph>
            <div className="schakel-table-wrap">
              <Table id="compare-portfolio">
                <TableCaption>{t('selectionDecision.sideBySideCaption', { a: nameA, b: nameB })}</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('rounds.reference')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('rounds.obstacleTitle')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('selectionDecision.inSolution', { name: nameA })}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('selectionDecision.inSolution', { name: nameB })}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('selectionDecision.changeColumn')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((row) => (
                    <TableRow key={row.id} data-candidate={ref(row.id)} data-change={row.change}>
                      <TableHeaderCell scope="row">{ref(row.id)}</TableHeaderCell>
                      <TableCell>{candidate.get(row.id)?.title ?? ''}</TableCell>
                      <TableCell>{row.change === 'entered' ? t('rounds.selectedNo') : t('rounds.selectedYes')}</TableCell>
                      <TableCell>{row.change === 'left' ? t('rounds.selectedNo') : t('rounds.selectedYes')}</TableCell>
                      <TableCell>{t(`selectionDecision.moved.${row.change}`)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </section>
          <section aria-labelledby="differences-title">
            <Heading2 id="differences-title">{t('selectionDecision.differencesTitle')}</Heading2>
            {comparison.weights.length === 0 ? (
              <Paragraph id="same-weights">{t('selectionDecision.sameWeights')}</Paragraph>
            ) : (
              <div className="schakel-table-wrap">
                <Table id="compare-weights">
                  <TableCaption>{t('selectionDecision.weightsCaption')}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('selectionDecision.criterionColumn')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nameA}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nameB}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {comparison.weights.map((w) => (
                      <TableRow key={w.criterion} data-criterion={w.criterion}>
                        <TableHeaderCell scope="row">{t(`rounds.criterion.${w.criterion}`)}</TableHeaderCell>
                        <TableCell>{w.a}</TableCell>
                        <TableCell>{w.b}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
            {comparison.rules.length === 0 ? (
              <Paragraph id="same-rules">{t('selectionDecision.sameRules')}</Paragraph>
            ) : (
              <div className="schakel-table-wrap">
                <Table id="compare-rules">
                  <TableCaption>{t('selectionDecision.rulesCaption')}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('selectionDecision.ruleColumn')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nameA}</TableHeaderCell>
                      <TableHeaderCell scope="col">{nameB}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {comparison.rules.map((family) => (
                      <TableRow key={family} data-rule={family}>
                        <TableHeaderCell scope="row">{t(`rounds.rule.${family}`, { defaultValue: family })}</TableHeaderCell>
                        <TableCell>{ruleValue(t, sides?.a[family] ?? null, ref, label)}</TableCell>
                        <TableCell>{ruleValue(t, sides?.b[family] ?? null, ref, label)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
