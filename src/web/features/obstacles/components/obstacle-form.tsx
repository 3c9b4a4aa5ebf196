import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link, useNavigation } from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary, type SummaryError } from '../../../components/error-summary';
import { ChoiceField, fieldId, SelectField, TextField } from '../../../components/form-fields';
import { problemText } from '../../../components/form-problem';
import type { ReferenceData } from '../../../lib/api-client';
import { CHANNEL_KEYS, REPORTER_TYPE_KEYS, TYPE_KEYS, VISIBILITY_KEYS } from '../../../lib/keys';
import { LANGUAGES, type Language } from '../../../lib/language';
import { fieldOfError, type ObstacleFormValues, TEXT_FIELDS, type TextField as TextFieldName } from '../api/obstacle-form-data';

/** Fields whose values are keys chosen from a list (radio buttons, selects). */
const CHOICE_FIELDS = new Set(['type', 'visibility', 'sourceLanguage', 'reporter.type', 'channel']);

export interface ObstacleFormProps {
  mode: 'new' | 'edit';
  values: ObstacleFormValues;
  reference: ReferenceData;
  problem?: Problem;
  conflict?: { reloadHref: string };
  cancelHref: string;
}

/** The form to report (new) or change (edit) an obstacle; works as a plain HTML form post. */
export function ObstacleForm({ mode, values, reference, problem, conflict, cancelHref }: ObstacleFormProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const conflictRef = useRef<HTMLDivElement>(null);
  const hasConflict = conflict !== undefined;
  useEffect(() => {
    if (hasConflict) conflictRef.current?.focus();
  }, [hasConflict]);
  const ui = i18n.language as Language;
  const languages: Language[] = [ui, ...LANGUAGES.filter((l) => l !== ui)];

  const labels = new Map<string, string>();
  const textLabel = (field: TextFieldName) => t(`form.${field}`);
  for (const language of LANGUAGES) {
    for (const field of TEXT_FIELDS) labels.set(`${field}.${language}`, `${textLabel(field)} (${t(`languageName.${language}`)})`);
  }
  labels.set('sourceLanguage', t('form.sourceLanguage'));
  labels.set('visibility', t('form.visibility'));
  labels.set('reporter.type', t('form.reporterType'));
  labels.set('reporter.organisation', t('form.reporterOrganisation'));
  if (mode === 'new') {
    labels.set('reporter.name', t('form.reporterName'));
    labels.set('reporter.email', t('form.reporterEmail'));
  }
  labels.set('channel', t('form.channel'));
  labels.set('reportedOn', t('form.reportedOn'));
  labels.set('segment', t('form.segment'));
  labels.set('governments', t('form.governments'));
  labels.set('themes', t('form.themes'));
  labels.set('type', t('form.type'));
  labels.set('estimatedAffected', t('form.estimatedAffected'));
  labels.set('regions', t('form.regions'));
  labels.set('municipalities', t('form.municipalities'));
  labels.set('related', t('form.related'));
  const fields = new Set(labels.keys());

  const errors = new Map<string, string>();
  const summary: SummaryError[] = [];
  for (const invalid of problem?.invalidParams ?? []) {
    const field = fieldOfError(invalid.name, fields, values.sourceLanguage);
    // The API lists the allowed keys (legal, administrative…); on a page the reader chose from labels.
    const reason = field && CHOICE_FIELDS.has(field) && invalid.code === 'invalid_value' ? t('form.chooseOne') : invalid.reason;
    if (field && !errors.has(field)) errors.set(field, reason);
    summary.push({
      fieldId: field ? fieldId(field) : undefined,
      text: field ? `${labels.get(field) ?? field}: ${reason}` : reason,
    });
  }
  if (problem && !conflict && summary.length === 0) summary.push({ fieldId: undefined, text: problemText(t, problem) ?? '' });

  const languageGroup = (language: Language) => (
    <fieldset key={language} lang={language === ui ? undefined : language}>
      <legend>{t('form.textsLegend', { language: t(`languageName.${language}`) })}</legend>
      <TextField
        name={`title.${language}`}
        label={t('form.title')}
        hint={language === ui ? t('form.titleHint') : undefined}
        value={values.texts[language].title}
        error={errors.get(`title.${language}`)}
      />
      <TextField
        name={`summary.${language}`}
        label={t('form.summary')}
        hint={language === ui ? t('form.summaryHint') : undefined}
        value={values.texts[language].summary}
        error={errors.get(`summary.${language}`)}
        multiline
        rows={3}
      />
      <TextField
        name={`description.${language}`}
        label={t('form.description')}
        hint={language === ui ? t('form.descriptionHint') : undefined}
        value={values.texts[language].description}
        error={errors.get(`description.${language}`)}
        multiline
        rows={6}
      />
      <TextField
        name={`affectedGroups.${language}`}
        label={t('form.affectedGroups')}
        hint={language === ui ? t('form.affectedGroupsHint') : undefined}
        value={values.texts[language].affectedGroups}
        error={errors.get(`affectedGroups.${language}`)}
      />
    </fieldset>
  );
  const [first, ...others] = languages;
  const othersOpen = others.some(
    (language) =>
      TEXT_FIELDS.some((field) => values.texts[language][field].trim() !== '') ||
      TEXT_FIELDS.some((field) => errors.has(`${field}.${language}`)),
  );

  return (
    <Form method="post" className="schakel-form" id="obstacle-form" noValidate>
      {conflict ? (
        <Alert
          type="warning"
          role="alert"
          ref={conflictRef}
          tabIndex={-1}
          // After a refused save the focus goes to the reason, also without JavaScript (autofocus).
          autoFocus
        >
          <Heading2>{t('form.conflictTitle')}</Heading2>
          <Paragraph>{t('form.conflictText')}</Paragraph>
          <Paragraph>
            <a className="utrecht-link" href={conflict.reloadHref}>
              {t('form.conflictReload')}
            </a>
          </Paragraph>
        </Alert>
      ) : null}
      <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={problem} />
      <Paragraph>{t('form.intro')}</Paragraph>
      <CsrfField />
      {mode === 'edit' ? <input type="hidden" name="version" value={values.version} /> : null}

      <Paragraph className="schakel-muted">{t('form.textsHint')}</Paragraph>
      {first ? languageGroup(first) : null}
      <details open={othersOpen}>
        <summary>{t('form.otherLanguages')}</summary>
        {others.map(languageGroup)}
      </details>

      <SelectField
        name="sourceLanguage"
        label={t('form.sourceLanguage')}
        hint={t('form.sourceLanguageHint')}
        value={values.sourceLanguage}
        error={errors.get('sourceLanguage')}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`languageName.${l}`) }))}
      />
      <SelectField
        name="segment"
        label={`${t('form.segment')} ${t('form.required')}`}
        hint={t('form.segmentHint')}
        value={values.segment}
        error={errors.get('segment')}
        placeholder=""
        options={reference.segments.map((s) => ({ value: s.key, label: s.label }))}
      />
      <ChoiceField
        type="checkbox"
        name="themes"
        label={t('form.themes')}
        hint={t('form.themesHint')}
        error={errors.get('themes')}
        selected={values.themes}
        options={reference.themes.map((theme) => ({ value: theme.key, label: theme.label }))}
        columns
      />
      <ChoiceField
        type="radio"
        name="type"
        label={`${t('form.type')} ${t('form.required')}`}
        hint={t('form.typeHint')}
        error={errors.get('type')}
        selected={[values.type]}
        options={TYPE_KEYS.map((key) => ({ value: key, label: t(`type.${key}`) }))}
      />
      <ChoiceField
        type="radio"
        name="visibility"
        label={`${t('form.visibility')} ${t('form.required')}`}
        hint={t('form.visibilityHint')}
        error={errors.get('visibility')}
        selected={[values.visibility]}
        options={VISIBILITY_KEYS.map((key) => ({ value: key, label: t(`visibility.${key}`) }))}
      />
      <ChoiceField
        type="checkbox"
        name="governments"
        label={t('form.governments')}
        hint={t('form.governmentsHint')}
        error={errors.get('governments')}
        selected={values.governments}
        options={reference.governments.map((g) => ({ value: g.key, label: g.label }))}
        columns
      />
      {mode === 'new' ? (
        <>
          <SelectField
            name="reporter.type"
            label={`${t('form.reporterType')} ${t('form.required')}`}
            hint={t('form.reporterTypeHint')}
            value={values.reporterType}
            error={errors.get('reporter.type')}
            options={REPORTER_TYPE_KEYS.map((key) => ({ value: key, label: t(`reporterType.${key}`) }))}
          />
          <SelectField
            name="reporter.organisation"
            label={t('form.reporterOrganisation')}
            hint={t('form.reporterOrganisationHint')}
            value={values.reporterOrganisation}
            error={errors.get('reporter.organisation')}
            placeholder={t('form.noOrganisation')}
            options={reference.organisations.map((o) => ({ value: o.key, label: o.name }))}
          />
          <TextField
            name="reporter.name"
            label={t('form.reporterName')}
            hint={t('form.reporterNameHint')}
            value={values.reporterName}
            error={errors.get('reporter.name')}
            autoComplete="name"
          />
          <TextField
            name="reporter.email"
            type="email"
            label={t('form.reporterEmail')}
            hint={t('form.reporterEmailHint')}
            value={values.reporterEmail}
            error={errors.get('reporter.email')}
            autoComplete="email"
          />
        </>
      ) : null}
      <SelectField
        name="channel"
        label={t('form.channel')}
        hint={t('form.channelHint')}
        value={values.channel}
        error={errors.get('channel')}
        placeholder={t('form.noChannel')}
        options={CHANNEL_KEYS.map((key) => ({ value: key, label: t(`channel.${key}`) }))}
      />
      <TextField
        name="reportedOn"
        type="date"
        label={t('form.reportedOn')}
        hint={t('form.reportedOnHint')}
        value={values.reportedOn}
        error={errors.get('reportedOn')}
      />
      <TextField
        name="estimatedAffected"
        label={t('form.estimatedAffected')}
        hint={t('form.estimatedAffectedHint')}
        value={values.estimatedAffected}
        error={errors.get('estimatedAffected')}
        inputMode="numeric"
      />
      <TextField
        name="regions"
        label={t('form.regions')}
        hint={t('form.regionsHint')}
        value={values.regions}
        error={errors.get('regions')}
      />
      <TextField
        name="municipalities"
        label={t('form.municipalities')}
        hint={t('form.municipalitiesHint')}
        value={values.municipalities}
        error={errors.get('municipalities')}
      />
      <TextField
        name="related"
        label={t('form.related')}
        hint={t('form.relatedHint')}
        value={values.related}
        error={errors.get('related')}
      />
      <div className="schakel-actions">
        <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
          {mode === 'new' ? t('form.submitNew') : t('form.submitEdit')}
        </Button>
        <Link className="utrecht-link" to={cancelHref}>
          {t('form.cancel')}
        </Link>
      </div>
    </Form>
  );
}
