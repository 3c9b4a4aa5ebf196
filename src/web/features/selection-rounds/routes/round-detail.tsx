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
  useSearchParams,
} from 'react-router';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { createRoundsClient } from '../api/rounds-client';
import { BOTH, isSetupIntent, runSetupIntent } from '../api/setup-actions';
import { createSetupClient } from '../api/setup-client';
import { type FormValues, keysOf, type RulesFormShape } from '../api/setup-forms';
import { ChangedNotice, RulesSection, SetupSection, setupLabels } from '../components/round-setup';

/**
 * One selection round: its set-up, its candidates (the secretariat adds and removes them with plain
 * forms), the scoring progress per partner, and its solves (start one; a running one is followed by
 * reloading the page, with a refresh link and a cancel button, so it works without JavaScript).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { api, language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  const id = params.id ?? '';
  try {
    const [round, reference] = await Promise.all([client.getRound(id), api.referenceData()]);
    // The progress is for those who may see every partner's scores; others see the round without it.
    const progress = await client.progress(id).catch((error: unknown) => {
      if (error instanceof ApiProblem && error.status === 403) return null;
      throw error;
    });
    const sides = await createSetupClient(context.apiFetch, language).sides(round.segment);
    const shape: RulesFormShape = {
      sides: sides.map((s) => s.side),
      themes: keysOf(
        round.candidates.flatMap((c) => c.themes),
        round.rules.maxPerTheme,
      ),
      departments: keysOf(
        round.candidates.map((c) => c.leadDepartment),
        round.rules.maxPerDepartment,
      ),
      regions: keysOf(
        sides.flatMap((s) => s.regions),
        round.rules.minPerSubRegion,
      ),
      candidates: round.candidates.map((c) => ({ obstacleId: c.obstacleId, reference: c.reference })),
    };
    return {
      round,
      progress,
      shape,
      themes: reference.themes,
      segments: reference.segments,
      organisations: reference.organisations,
      now: new Date().toISOString(),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = field(form, 'intent');
  const id = params.id ?? '';
  const { language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  const csrf = csrfOf(form);
  const values = { obstacle: field(form, 'obstacle') };
  if (isSetupIntent(intent)) {
    const refused = await runSetupIntent({
      intent,
      form,
      round: id,
      fetcher: context.apiFetch,
      language,
      refusal: (error) => formRefusal(error, request),
    });
    if (!refused) return redirect(`${paths.selectionRound(id)}?done=${intent}#${intent}`, 303);
    return data({ intent, values, setupValues: refused.values, problem: refused.problem }, { status: refused.problem.status });
  }
  try {
    if (intent === 'add') await client.addCandidate(id, values.obstacle, csrf);
    else if (intent === 'remove') await client.removeCandidate(id, field(form, 'candidate'), csrf);
    else if (intent === 'open' || intent === 'reopen')
      await client.updateRound(id, Number(field(form, 'version')), { status: intent === 'open' ? 'scoring' : 'draft' }, csrf);
    else if (intent === 'solve') await client.solve(id, csrf);
    else if (intent === 'cancel') await client.cancel(id, field(form, 'solution'), csrf);
    return redirect(`${paths.selectionRound(id)}?done=${encodeURIComponent(intent)}`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data({ intent, values, setupValues: undefined as FormValues | undefined, problem }, { status: problem.status });
  }
}

function elapsedSeconds(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

export default function RoundDetail() {
  const { round, progress, shape, themes, segments, organisations, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const keyLabels = {
    themes: new Map(themes.map((theme) => [theme.key, theme.label])),
    organisations: new Map(organisations.map((o) => [o.key, o.name])),
  };
  const labels = new Map<string, string>([
    ['obstacle', t('rounds.obstacle')],
    ['candidates.0.obstacle', t('rounds.obstacle')],
    ...setupLabels(t, round, shape, keyLabels),
  ]);
  // The form's own refusal (a limit for all and per key) in the reader's words.
  const problem =
    result?.problem && result.problem.code === 'validation_failed'
      ? {
          ...result.problem,
          invalidParams: result.problem.invalidParams?.map((p) =>
            p.code === BOTH ? { ...p, reason: t('selectionSetup.both') } : p,
          ),
        }
      : result?.problem;
  const { fields, summary } = useFormErrors(problem, labels);
  const setupValues = result?.setupValues;
  const done = result ? null : search.get('done');
  const obstacleError = fields.get('obstacle') ?? fields.get('candidates.0.obstacle');
  const organisationName = new Map(organisations.map((o) => [o.key, o.name]));
  const segmentLabel = new Map(segments.map((s) => [s.key, s.label]));
  const canManage = round.abilities.includes('manage');
  const editable = round.status === 'draft' || round.status === 'scoring';
  const running = round.solutions.filter((s) => s.status === 'running');
  const title = t('rounds.detailTitle', { name: round.name });
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to={paths.selectionRounds()}>
          {t('rounds.back')}
        </Link>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {summary.length > 0 ? (
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
      ) : null}
      <ChangedNotice problem={result?.problem} roundId={round.id} />
      {done === 'rules' || done === 'setup' ? (
        <Alert type="ok" role="status" id="setup-done">
          <Paragraph>{t(done === 'rules' ? 'selectionSetup.rulesSaved' : 'selectionSetup.setupSaved')}</Paragraph>
        </Alert>
      ) : null}
      <dl className="schakel-facts" id="round-facts">
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
          <dt>{t('rounds.weights')}</dt>
          <dd>{round.criteria.map((c) => `${t(`rounds.criterion.${c.key}`)} ${c.weight}`).join(' · ')}</dd>
        </div>
        <div>
          <dt>{t('selectionSetup.aggregationFact')}</dt>
          <dd>{t(round.aggregation === 'median' ? 'selectionSetup.aggregationMedian' : 'selectionSetup.aggregationMean')}</dd>
        </div>
        <div>
          <dt>{t('rounds.partners')}</dt>
          <dd>{round.partners.map((key) => organisationName.get(key) ?? key).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('rounds.scoringDeadline')}</dt>
          <dd>
            <time dateTime={round.scoringDeadline}>{formatDate(language, round.scoringDeadline)}</time>
          </dd>
        </div>
      </dl>

      {canManage && editable ? (
        <Form method="post" id="status-form">
          <CsrfField />
          <input type="hidden" name="intent" value={round.status === 'draft' ? 'open' : 'reopen'} />
          <input type="hidden" name="version" value={round.version} />
          <Button type="submit" appearance="secondary-action-button">
            {round.status === 'draft' ? t('rounds.openScoring') : t('rounds.backToDraft')}
          </Button>
        </Form>
      ) : null}
      {canManage && round.status !== 'approved' ? (
        <SetupSection
          round={round}
          fields={fields}
          values={result?.intent === 'setup' ? setupValues : undefined}
          busy={navigation.state === 'submitting'}
        />
      ) : null}
      {round.abilities.includes('score') && round.status === 'scoring' ? (
        <Paragraph>
          <Link className="utrecht-link" id="score-link" to={paths.selectionRoundScores(round.id)}>
            {t('rounds.scoreNow')}
          </Link>
        </Paragraph>
      ) : null}
      <section aria-labelledby="candidates-title">
        <Heading2 id="candidates-title">{t('rounds.candidates')}</Heading2>
        {round.candidates.length === 0 ? (
          <Paragraph id="no-candidates">{t('rounds.noCandidates')}</Paragraph>
        ) : (
          <div className="schakel-table-wrap">
            <Table id="candidate-list">
              <TableCaption>{t('rounds.candidatesCaption', { count: round.candidates.length })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('rounds.reference')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('rounds.obstacleTitle')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('rounds.effort')}</TableHeaderCell>
                  {canManage && editable ? <TableHeaderCell scope="col">{t('rounds.actions')}</TableHeaderCell> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {round.candidates.map((candidate) => (
                  <TableRow key={candidate.obstacleId} data-candidate={candidate.reference}>
                    <TableCell>
                      <Link className="utrecht-link" to={paths.obstacle(candidate.reference)}>
                        {candidate.reference}
                      </Link>
                    </TableCell>
                    <TableCell>{candidate.title ?? ''}</TableCell>
                    <TableCell>{candidate.effort}</TableCell>
                    {canManage && editable ? (
                      <TableCell>
                        <Form method="post">
                          <CsrfField />
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="candidate" value={candidate.obstacleId} />
                          <Button type="submit" appearance="secondary-action-button">
                            {t('rounds.remove', { reference: candidate.reference })}
                          </Button>
                        </Form>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {canManage && editable ? (
          <Form method="post" className="schakel-form" id="add-candidate-form" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            <TextField
              name="obstacle"
              label={t('rounds.obstacle')}
              hint={t('rounds.obstacleHint')}
              value={result?.intent === 'add' ? result.values.obstacle : ''}
              error={obstacleError}
            />
            <div className="schakel-actions">
              <Button type="submit" appearance="secondary-action-button" busy={navigation.state === 'submitting'}>
                {t('rounds.addCandidate')}
              </Button>
            </div>
          </Form>
        ) : null}
      </section>

      <RulesSection
        round={round}
        shape={shape}
        labels={keyLabels}
        editable={canManage && round.status !== 'approved'}
        fields={fields}
        values={result?.intent === 'rules' ? setupValues : undefined}
        busy={navigation.state === 'submitting'}
      />

      {progress ? (
        <section aria-labelledby="progress-title">
          <Heading2 id="progress-title">{t('rounds.progress')}</Heading2>
          <div className="schakel-table-wrap">
            <Table id="progress-list">
              <TableCaption>{t('rounds.progressCaption', { count: progress.candidates })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('rounds.partner')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('rounds.scored')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('rounds.complete')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {progress.partners.map((partner) => (
                  <TableRow key={partner.organisation} data-partner={partner.organisation}>
                    <TableCell>
                      <Link className="utrecht-link" to={paths.selectionRoundScores(round.id, partner.organisation)}>
                        {organisationName.get(partner.organisation) ?? partner.organisation}
                      </Link>
                    </TableCell>
                    <TableCell>
                      {partner.scored} / {partner.expected}
                    </TableCell>
                    <TableCell>
                      {partner.completeCandidates} / {progress.candidates}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="solutions-title">
        <Heading2 id="solutions-title">{t('rounds.solutions')}</Heading2>
        {running.length > 0 ? (
          <Alert type="info" role="status">
            <Paragraph>
              {t('rounds.running', { seconds: elapsedSeconds(running[0]?.createdAt ?? now, now) })}{' '}
              <Link className="utrecht-link" to={paths.selectionRound(round.id)} reloadDocument>
                {t('rounds.refresh')}
              </Link>
            </Paragraph>
          </Alert>
        ) : null}
        {round.solutions.length === 0 ? (
          <Paragraph id="no-solutions">{t('rounds.noSolutions')}</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list" id="solution-list">
            {round.solutions.map((solution) => (
              <li key={solution.id} data-solution={solution.id} data-status={solution.status}>
                <time dateTime={solution.createdAt}>{formatDate(language, solution.createdAt.slice(0, 10))}</time>:{' '}
                <Link className="utrecht-link" to={paths.selectionSolution(round.id, solution.id)}>
                  {t(`rounds.solutionStatus.${solution.status}`)}
                </Link>
                {solution.objective === null ? '' : ` · ${t('rounds.objective', { value: solution.objective })}`}
                {solution.status === 'running' && canManage ? (
                  <Form method="post" className="schakel-inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="solution" value={solution.id} />
                    <Button type="submit" appearance="secondary-action-button">
                      {t('rounds.cancel')}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canManage && round.status !== 'approved' ? (
          <Form method="post" id="solve-form">
            <CsrfField />
            <input type="hidden" name="intent" value="solve" />
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {t('rounds.solve')}
            </Button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
