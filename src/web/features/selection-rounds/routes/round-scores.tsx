import {
  Alert,
  Button,
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
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { fieldId } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { createRoundsClient } from '../api/rounds-client';
import { createSetupClient } from '../api/setup-client';
import { uploadSheet } from '../api/upload-sheet';
import { UploadForm } from '../components/upload-form';

const SCORES = ['1', '2', '3', '4', '5'];

/** The name of a cell of the grid and of a row's comment. */
const cellName = (obstacleId: string, criterion: string) => `score.${obstacleId}.${criterion}`;
const commentName = (obstacleId: string) => `comment.${obstacleId}`;

/**
 * The scoring grid of a partner: one row per candidate, one column per criterion, a 1–5 choice per
 * cell (labelled by its candidate and its criterion) and an optional comment per candidate, saved
 * as one batch with If-Match on the round. A partner scores for its own organisation; the
 * secretariat for the partner named in `?organisation=`.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(context, request);
  const { api, language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  const organisation = new URL(request.url).searchParams.get('organisation') ?? undefined;
  try {
    const [round, scores, reference] = await Promise.all([
      client.getRound(params.id ?? ''),
      client.scores(params.id ?? '', organisation),
      api.referenceData(),
    ]);
    const values: Record<string, string> = {};
    for (const score of scores) {
      values[cellName(score.obstacleId, score.criterion)] = String(score.score);
      if (score.comment) values[commentName(score.obstacleId)] = score.comment;
    }
    const scoredFor = scores[0]?.organisation ?? organisation;
    const name = reference.organisations.find((o) => o.key === scoredFor)?.name ?? scoredFor ?? '';
    // The progress of the partner of this grid (counts only; a caller who may not see them gets none).
    const progress = await client.progress(params.id ?? '').catch((error: unknown) => {
      if (error instanceof ApiProblem && error.status === 403) return null;
      throw error;
    });
    const own = organisation ?? session.user?.organisation;
    const partnerProgress = progress?.partners.find((p) => p.organisation === own) ?? null;
    return {
      round,
      values,
      organisation: organisation ?? null,
      organisationName: name,
      progress: partnerProgress && progress ? { ...partnerProgress, candidates: progress.candidates } : null,
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const id = params.id ?? '';
  const { language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  const organisation = new URL(request.url).searchParams.get('organisation') ?? undefined;
  if (field(form, 'intent') === 'upload') {
    const refused = await uploadSheet({
      form,
      round: id,
      organisation,
      client: createSetupClient(context.apiFetch, language),
      refusal: (error) => formRefusal(error, request),
    });
    if (typeof refused === 'number') {
      const query = new URLSearchParams({ ...(organisation ? { organisation } : {}), uploaded: String(refused) });
      return redirect(`${paths.selectionRoundScores(id)}?${query.toString()}`, 303);
    }
    return data({ upload: true, values: {} as Record<string, string>, problem: refused }, { status: refused.status });
  }
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string' && (name.startsWith('score.') || name.startsWith('comment.'))) values[name] = value.trim();
  }
  // The batch: every chosen cell, with its row's comment; the index of each, to name a refused cell.
  const cells: string[] = [];
  const scores = [];
  for (const [name, value] of Object.entries(values)) {
    if (!name.startsWith('score.') || value === '') continue;
    const [, obstacleId = '', criterion = ''] = name.split('.');
    const comment = values[commentName(obstacleId)] ?? '';
    cells.push(name);
    scores.push({ obstacleId, criterion, score: Number(value), comment: comment === '' ? null : comment });
  }
  try {
    await client.saveScores(
      id,
      Number(field(form, 'version')),
      { ...(organisation ? { organisation } : {}), scores: scores.length > 0 ? scores : [] },
      csrfOf(form),
    );
    const query = new URLSearchParams({ ...(organisation ? { organisation } : {}), saved: String(scores.length) });
    return redirect(`${paths.selectionRoundScores(id)}?${query.toString()}`, 303);
  } catch (error) {
    const problem: Problem = formRefusal(error, request);
    // `scores.N.score` → the cell it came from.
    const invalidParams = problem.invalidParams?.map((p) => {
      const match = /^scores\.(\d+)\.(\w+)$/.exec(p.name);
      const cell = match ? cells[Number(match[1])] : undefined;
      if (!cell) return p;
      return { ...p, name: match?.[2] === 'comment' ? commentName(cell.split('.')[1] ?? '') : cell };
    });
    return data(
      { upload: false, values, problem: { ...problem, ...(invalidParams ? { invalidParams } : {}) } },
      { status: problem.status },
    );
  }
}

export default function RoundScores() {
  const { round, values: loaded, organisationName, progress } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const uploadResult = actionResult?.upload ? actionResult : undefined;
  const result = actionResult?.upload ? undefined : actionResult;
  const values = result?.values ?? loaded;
  const uploaded = actionResult ? null : search.get('uploaded');
  const criterionLabel = (key: string) => t(`rounds.criterion.${key}`, { defaultValue: key });
  const labels = new Map<string, string>([['scores', t('rounds.scoresTitle')]]);
  for (const candidate of round.candidates) {
    labels.set(commentName(candidate.obstacleId), t('rounds.commentOf', { reference: candidate.reference }));
    for (const c of round.criteria) {
      labels.set(cellName(candidate.obstacleId, c.key), `${candidate.reference}, ${criterionLabel(c.key)}`);
    }
  }
  const { fields, summary } = useFormErrors(result?.problem, labels);
  const saved = search.get('saved');
  const title = t('rounds.scoresTitle');
  const heading = organisationName ? `${title}: ${organisationName}` : title;
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 || uploadResult ? `${t('form.errorSummary')}: ${heading}` : heading}</PageTitle>
      <Paragraph>
        <Link className="utrecht-link" to={paths.selectionRound(round.id)}>
          {t('rounds.detailTitle', { name: round.name })}
        </Link>
      </Paragraph>
      <Heading1>{heading}</Heading1>
      {uploaded ? (
        <Alert type="ok" role="status" id="upload-done">
          <Paragraph>{t('selectionSetup.uploadSaved', { count: Number(uploaded) })}</Paragraph>
        </Alert>
      ) : null}
      {progress ? (
        <Paragraph id="own-progress">
          {t('selectionSetup.progressOwn', {
            scored: progress.scored,
            expected: progress.expected,
            complete: progress.completeCandidates,
            candidates: progress.candidates,
          })}
        </Paragraph>
      ) : null}
      {saved && !actionResult ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('rounds.scoresSaved', { count: Number(saved) })}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t('rounds.scoresIntro')}</Paragraph>
      <Paragraph>
        <a
          className="utrecht-link"
          id="xlsx-link"
          href={`/api/v1/selection-rounds/${encodeURIComponent(round.id)}/scores.xlsx${search.get('organisation') ? `?${new URLSearchParams({ organisation: search.get('organisation') ?? '' }).toString()}` : ''}`}
          download
        >
          {t('rounds.downloadXlsx')}
        </a>
      </Paragraph>
      <UploadForm
        version={round.version}
        problem={uploadResult?.problem}
        submission={uploadResult}
        busy={navigation.state === 'submitting'}
      />
      <Form method="post" className="schakel-form" id="scores-form" noValidate>
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <CsrfField />
        <input type="hidden" name="version" value={round.version} />
        <div className="schakel-table-wrap">
          <Table id="score-grid">
            <TableCaption>{t('rounds.gridCaption', { count: round.candidates.length })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('rounds.reference')}</TableHeaderCell>
                {round.criteria.map((c) => (
                  <TableHeaderCell scope="col" key={c.key} id={`criterion-${c.key}`}>
                    {criterionLabel(c.key)}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell scope="col" id="criterion-comment">
                  {t('rounds.comment')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {round.candidates.map((candidate) => {
                const rowId = `candidate-${candidate.obstacleId}`;
                return (
                  <TableRow key={candidate.obstacleId} data-candidate={candidate.reference}>
                    <TableHeaderCell scope="row" id={rowId}>
                      {candidate.reference}
                      {candidate.title ? <span className="schakel-muted"> {candidate.title}</span> : null}
                    </TableHeaderCell>
                    {round.criteria.map((c) => {
                      const name = cellName(candidate.obstacleId, c.key);
                      const error = fields.get(name);
                      return (
                        <TableCell key={c.key}>
                          <select
                            id={fieldId(name)}
                            name={name}
                            defaultValue={values[name] ?? ''}
                            className="utrecht-select utrecht-select--html-select"
                            aria-labelledby={`${rowId} criterion-${c.key}`}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? `${fieldId(name)}-error` : undefined}
                          >
                            <option value="">–</option>
                            {SCORES.map((score) => (
                              <option key={score} value={score}>
                                {score}
                              </option>
                            ))}
                          </select>
                          {error ? (
                            <span className="utrecht-form-field-error-message" id={`${fieldId(name)}-error`}>
                              {error}
                            </span>
                          ) : null}
                        </TableCell>
                      );
                    })}
                    <TableCell>
                      <input
                        id={fieldId(commentName(candidate.obstacleId))}
                        name={commentName(candidate.obstacleId)}
                        defaultValue={values[commentName(candidate.obstacleId)] ?? ''}
                        className="utrecht-textbox utrecht-textbox--html-input"
                        aria-labelledby={`${rowId} criterion-comment`}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('rounds.saveScores')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
