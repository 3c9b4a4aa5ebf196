import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Form, Link, useNavigation } from 'react-router';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/form-fields';
import { problemText } from '../../../components/form-problem';
import type { OrganisationItem } from '../../../lib/api-client';
import { isOneOf, STATUS_KEYS } from '../../../lib/keys';
import { paths } from '../../../lib/paths';
import { moveErrors } from '../api/move-errors';
import { type MOVE_FIELDS, MOVE_INTENT, type MoveResult, moveFieldId, type OfferedMove } from '../api/moves';
import { ANALYSIS_PARTS } from './analysis-view';

type MoveField = (typeof MOVE_FIELDS)[number];

interface Props {
  reference: string;
  status: string;
  version: number;
  moves: OfferedMove[];
  /** The parts of the analysis still to fill in (before `proposed`). */
  analysisMissing: string[];
  informationPoints: OrganisationItem[];
  /** The refused move of the last post, if any. */
  result: MoveResult | undefined;
}

/** The moves the caller may make now, each a form that works without JavaScript (a plain POST to this page). */
export function TransitionActions({ reference, status, version, moves, analysisMissing, informationPoints, result }: Props) {
  const { t } = useTranslation();
  if (moves.length === 0) return null;
  return (
    <section aria-labelledby="moves-title" className="schakel-moves">
      <Heading2 id="moves-title">{t('lifecycle.actionsTitle')}</Heading2>
      <Paragraph>
        {t('lifecycle.actionsIntro', { status: isOneOf(STATUS_KEYS, status) ? t(`status.${status}`) : status })}
      </Paragraph>
      {moves.map((move) => (
        <MoveForm
          // A new version (after a move) starts every form afresh.
          key={`${move.to}-${version}`}
          reference={reference}
          move={move}
          version={version}
          analysisMissing={analysisMissing}
          informationPoints={informationPoints}
          result={result?.values.to === move.to ? result : undefined}
        />
      ))}
    </section>
  );
}

function partLabel(t: TFunction, part: string): string {
  return isOneOf(ANALYSIS_PARTS, part) ? t(`analysis.parts.${part}`) : part;
}

function MoveForm({
  reference,
  move,
  version,
  analysisMissing,
  informationPoints,
  result,
}: Omit<Props, 'moves' | 'status' | 'result'> & { move: OfferedMove; result: MoveResult | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const label = t(`move.${move.name}`);
  const labels: Record<MoveField, string> = {
    reason: move.reasonRequired ? t('lifecycle.reasonRequired') : t('lifecycle.reasonOptional'),
    referredTo: t('lifecycle.referredTo'),
    mergedInto: t('lifecycle.mergedInto'),
  };
  const problem = result?.problem;
  const conflict = result?.status === 412;
  const { errors, summary, missing } = moveErrors(move.to, problem, {
    labels,
    status: (key) => t(`status.${key}`),
    part: (part) => partLabel(t, part),
    notAllowed: t('lifecycle.notAllowed'),
    allowedNow: (statuses) => t('lifecycle.allowedNow', { statuses }),
    chooseOne: t('form.chooseOne'),
    problemText: problemText(t, problem),
  });
  const values = result?.values;
  const before = move.needsAnalysis && analysisMissing.length > 0 && missing.length === 0 ? analysisMissing : [];
  return (
    <details className="schakel-move" open={result !== undefined}>
      <summary>
        {label} <span className="schakel-muted">→ {t(`status.${move.to}`)}</span>
      </summary>
      <Form method="post" className="schakel-form" id={`move-${move.to}-form`} noValidate>
        {conflict ? (
          <Alert type="warning" role="alert" tabIndex={-1} autoFocus>
            <Paragraph>
              <strong>{t('form.conflictTitle')}</strong>
            </Paragraph>
            <Paragraph>{t('lifecycle.conflictText')}</Paragraph>
            <Paragraph>
              <a className="utrecht-link" href={paths.obstacle(reference)}>
                {t('lifecycle.reload')}
              </a>
            </Paragraph>
          </Alert>
        ) : null}
        <ErrorSummary
          title={missing.length > 0 ? t('lifecycle.analysisIncomplete') : t('form.errorSummary')}
          intro={missing.length > 0 ? t('lifecycle.analysisIncompleteIntro') : t('form.errorSummaryIntro')}
          errors={summary}
          submission={result}
        />
        {before.length > 0 ? (
          <Paragraph>
            {t('lifecycle.analysisBefore', { parts: before.map((p) => partLabel(t, p.replace(/^analysis\./, ''))).join(', ') })}
          </Paragraph>
        ) : null}
        {move.needsAnalysis && (before.length > 0 || missing.length > 0) ? (
          <Paragraph>
            <Link className="utrecht-link" to={paths.analysis(reference)}>
              {t('lifecycle.fillInAnalysis')}
            </Link>
          </Paragraph>
        ) : null}
        <CsrfField />
        <input type="hidden" name="intent" value={MOVE_INTENT} />
        <input type="hidden" name="to" value={move.to} />
        <input type="hidden" name="version" value={version} />
        {move.needsReferredTo ? (
          <SelectField
            name="referredTo"
            id={moveFieldId(move.to, 'referredTo')}
            label={labels.referredTo}
            hint={t('lifecycle.referredToHint')}
            value={values?.referredTo ?? ''}
            error={errors.get('referredTo')}
            placeholder={t('lifecycle.chooseInformationPoint')}
            options={informationPoints.map((point) => ({ value: point.key, label: point.name }))}
          />
        ) : null}
        {move.needsMergedInto ? (
          <TextField
            name="mergedInto"
            id={moveFieldId(move.to, 'mergedInto')}
            label={labels.mergedInto}
            hint={t('lifecycle.mergedIntoHint')}
            value={values?.mergedInto ?? ''}
            error={errors.get('mergedInto')}
          />
        ) : null}
        <TextField
          name="reason"
          id={moveFieldId(move.to, 'reason')}
          label={labels.reason}
          hint={t('lifecycle.reasonHint')}
          value={values?.reason ?? ''}
          error={errors.get('reason')}
          multiline
          rows={3}
        />
        <div className="schakel-actions">
          <Button
            type="submit"
            appearance="primary-action-button"
            busy={navigation.state === 'submitting' && navigation.formData?.get('to') === move.to}
          >
            {label}
          </Button>
        </div>
      </Form>
    </details>
  );
}
