import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
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
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { ChoiceField, SelectField, TextField } from '../../../components/form-fields';
import { formErrors, problemText } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { PROVISION_LEVEL_KEYS } from '../../../lib/keys';
import { LANGUAGES, type Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf, hasSessionCookie, loadSession, refuse, signInRedirect } from '../../../lib/session';
import { loadObstacle } from '../../obstacles/api/load-obstacle';
import {
  ANALYSIS_TEXTS,
  type AnalysisFormValues,
  type AnalysisText,
  analysisValuesFromObstacle,
  BLANK_ROWS,
  readAnalysisForm,
  toAnalysisPatch,
} from '../api/analysis-form';

/** The analysis form, for whoever may edit this obstacle (`edit`); the public signs in first, others get 403. */
async function load(api: ApiClient, request: Request, serverRequest: Request | undefined, reference: string | undefined) {
  const { obstacle } = await loadObstacle(api, reference);
  if (!obstacle.abilities?.includes('edit')) {
    refuse(request, hasSessionCookie(serverRequest) ? await loadSession(api, true) : { user: null });
  }
  return { obstacle };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request, request, params.reference);
}

export async function clientLoader({ request, params }: LoaderFunctionArgs) {
  return load(browserApi().api, request, undefined, params.reference);
}

/** Saves the six parts with PATCH and If-Match; a stale version (412) keeps what was typed. */
async function submit(api: ApiClient, request: Request, reference: string, form: FormData) {
  const values = readAnalysisForm(form);
  const version = Number(values.version);
  try {
    const updated = await api.updateObstacle(
      reference,
      Number.isInteger(version) ? version : 0,
      toAnalysisPatch(values),
      csrfOf(form),
    );
    return redirect(`${paths.obstacle(updated.reference)}?saved=analysis`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    if (error instanceof ApiProblem && error.status === 404) throw data({ reference }, { status: 404 });
    if (error instanceof ApiProblem && error.status < 500) {
      return data<{ values: AnalysisFormValues; problem: Problem; conflict: boolean }>(
        { values, problem: error.problem, conflict: error.status === 412 },
        { status: error.status },
      );
    }
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, request, params.reference ?? '', await request.formData());
}

export async function clientAction({ request, params }: ActionFunctionArgs) {
  return submit(browserApi().api, request, params.reference ?? '', await request.formData());
}

const TEXT_LABEL: Record<AnalysisText, string> = {
  description: 'analysis.parts.description',
  solutions: 'analysis.parts.solutions',
  'derogation.explanation': 'analysis.derogationExplanation',
  otherAspects: 'analysis.parts.otherAspects',
};

export default function AnalysisEdit() {
  const { obstacle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const ui = i18n.language as Language;
  const values = result?.values ?? analysisValuesFromObstacle(obstacle);
  const languages: Language[] = [ui, ...LANGUAGES.filter((l) => l !== ui)];
  const textLabel = (part: AnalysisText) => t(TEXT_LABEL[part] as 'analysis.parts.description');

  const provisionRows = [
    ...values.provisions,
    ...Array.from({ length: BLANK_ROWS }, () => ({ side: '', citation: '', level: '', link: '' })),
  ];
  const referenceRows = [...values.references, ...Array.from({ length: BLANK_ROWS }, () => ({ title: '', url: '' }))];

  const labels = new Map<string, string>();
  for (const part of ANALYSIS_TEXTS) {
    for (const language of LANGUAGES)
      labels.set(`analysis.${part}.${language}`, `${textLabel(part)} (${t(`languageName.${language}`)})`);
  }
  labels.set('analysis.derogation.possible', t('analysis.derogationPossible'));
  provisionRows.forEach((_, index) => {
    const row = t('analysis.provisionN', { n: index + 1 });
    labels.set(`provisions.${index}.side`, `${row}: ${t('analysis.provisionSide')}`);
    labels.set(`provisions.${index}.citation`, `${row}: ${t('analysis.provisionCitation')}`);
    labels.set(`provisions.${index}.level`, `${row}: ${t('analysis.provisionLevel')}`);
    labels.set(`provisions.${index}.link`, `${row}: ${t('analysis.provisionLink')}`);
  });
  referenceRows.forEach((_, index) => {
    const row = t('analysis.referenceN', { n: index + 1 });
    labels.set(`analysis.references.${index}.title`, `${row}: ${t('analysis.referenceTitle')}`);
    labels.set(`analysis.references.${index}.url`, `${row}: ${t('analysis.referenceUrl')}`);
  });
  const conflict = result?.conflict === true;
  const { fields: errors, summary } = formErrors(conflict ? undefined : result?.problem, labels, {
    choices: new Set(provisionRows.map((_, index) => `provisions.${index}.level`)),
    chooseOne: t('form.chooseOne'),
    problemText: problemText(t, result?.problem),
  });

  const languageGroup = (language: Language) => (
    <fieldset key={language} lang={language === ui ? undefined : language}>
      <legend>{t('form.textsLegend', { language: t(`languageName.${language}`) })}</legend>
      {ANALYSIS_TEXTS.map((part) => (
        <TextField
          key={part}
          name={`analysis.${part}.${language}`}
          label={textLabel(part)}
          value={values.texts[part][language]}
          error={errors.get(`analysis.${part}.${language}`)}
          multiline
          rows={part === 'description' || part === 'solutions' ? 6 : 3}
        />
      ))}
    </fieldset>
  );
  const [first, ...others] = languages;
  const othersOpen = others.some((language) =>
    ANALYSIS_TEXTS.some((part) => values.texts[part][language] !== '' || errors.has(`analysis.${part}.${language}`)),
  );
  const title = t('analysis.pageTitle', { reference: obstacle.reference });
  const failed = conflict ? t('form.conflictTitle') : summary.length > 0 ? t('form.errorSummary') : undefined;
  return (
    <div className="schakel-page">
      <PageTitle>{failed ? `${failed}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('analysis.intro')}</Paragraph>
      <Form
        method="post"
        className="schakel-form"
        id="analysis-form"
        noValidate
        key={result ? `submitted-${summary.length}-${values.provisions.length}-${values.references.length}` : 'loaded'}
      >
        {conflict ? (
          <Alert type="warning" role="alert" tabIndex={-1} autoFocus>
            <Heading2>{t('form.conflictTitle')}</Heading2>
            <Paragraph>{t('form.conflictText')}</Paragraph>
            <Paragraph>
              <a className="utrecht-link" href={paths.analysis(obstacle.reference)}>
                {t('form.conflictReload')}
              </a>
            </Paragraph>
          </Alert>
        ) : null}
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
        <CsrfField />
        <input type="hidden" name="version" value={values.version} />

        {first ? languageGroup(first) : null}
        <details open={othersOpen}>
          <summary>{t('form.otherLanguages')}</summary>
          {others.map(languageGroup)}
        </details>

        <ChoiceField
          name="analysis.derogation.possible"
          label={t('analysis.derogationPossible')}
          type="radio"
          selected={[values.derogationPossible || 'unknown']}
          error={errors.get('analysis.derogation.possible')}
          options={[
            { value: 'yes', label: t('analysis.possibleYes') },
            { value: 'no', label: t('analysis.possibleNo') },
            { value: 'unknown', label: t('analysis.possibleUnknown') },
          ]}
        />

        <fieldset>
          <legend>{t('analysis.parts.provisions')}</legend>
          <Paragraph className="schakel-muted">{t('analysis.rowsHint')}</Paragraph>
          {provisionRows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are numbered, as the API names them
            <fieldset key={index} className="schakel-row-group">
              <legend>{t('analysis.provisionN', { n: index + 1 })}</legend>
              <TextField
                name={`provisions.${index}.side`}
                label={t('analysis.provisionSide')}
                hint={index === 0 ? t('analysis.provisionSideHint') : undefined}
                value={row.side}
                error={errors.get(`provisions.${index}.side`)}
              />
              <TextField
                name={`provisions.${index}.citation`}
                label={t('analysis.provisionCitation')}
                value={row.citation}
                error={errors.get(`provisions.${index}.citation`)}
              />
              <SelectField
                name={`provisions.${index}.level`}
                label={t('analysis.provisionLevel')}
                value={row.level}
                placeholder={t('analysis.chooseLevel')}
                error={errors.get(`provisions.${index}.level`)}
                options={PROVISION_LEVEL_KEYS.map((level) => ({ value: level, label: t(`provisionLevel.${level}`) }))}
              />
              <TextField
                name={`provisions.${index}.link`}
                label={t('analysis.provisionLink')}
                value={row.link}
                error={errors.get(`provisions.${index}.link`)}
              />
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('analysis.parts.references')}</legend>
          <Paragraph className="schakel-muted">{t('analysis.rowsHint')}</Paragraph>
          {referenceRows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are numbered, as the API names them
            <fieldset key={index} className="schakel-row-group">
              <legend>{t('analysis.referenceN', { n: index + 1 })}</legend>
              <TextField
                name={`analysis.references.${index}.title`}
                label={t('analysis.referenceTitle')}
                value={row.title}
                error={errors.get(`analysis.references.${index}.title`)}
              />
              <TextField
                name={`analysis.references.${index}.url`}
                label={t('analysis.referenceUrl')}
                value={row.url}
                error={errors.get(`analysis.references.${index}.url`)}
              />
            </fieldset>
          ))}
        </fieldset>

        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('analysis.submit')}
          </Button>
          <Link className="utrecht-link" to={paths.obstacle(obstacle.reference)}>
            {t('form.cancel')}
          </Link>
        </div>
      </Form>
    </div>
  );
}
