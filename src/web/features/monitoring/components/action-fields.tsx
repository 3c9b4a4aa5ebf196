import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/form-fields';
import { LANGUAGES } from '../../../lib/language';
import { ACTION_KIND_KEYS, ACTION_STATUS_KEYS, type ActionFormValues, EVIDENCE_ROWS } from '../api/action-form';

/** The labels of the form's fields, by the API's field names (for the error summary). */
export function useActionLabels(): Map<string, string> {
  const { t } = useTranslation();
  const labels = new Map<string, string>([
    ['kind', t('monitoring.fieldKind')],
    ['title', t('monitoring.fieldTitle')],
    ['sourceLanguage', t('monitoring.fieldLanguage')],
    ['decisionId', t('monitoring.fieldDecision')],
    ['owner.organisation', t('monitoring.fieldOwner')],
    ['owner.userId', t('monitoring.fieldOwner')],
    ['dueOn', t('monitoring.fieldDue')],
    ['status', t('monitoring.fieldStatus')],
    ['progress', t('monitoring.fieldProgress')],
    ['weight', t('monitoring.fieldWeight')],
    ['notes', t('monitoring.fieldNotes')],
  ]);
  for (const language of LANGUAGES) labels.set(`title.${language}`, t('monitoring.fieldTitle'));
  for (let i = 0; i < EVIDENCE_ROWS; i += 1) {
    labels.set(`evidence.${i}.url`, t('monitoring.fieldEvidenceUrl', { n: i + 1 }));
    labels.set(`evidence.${i}.label`, t('monitoring.fieldEvidenceLabel', { n: i + 1 }));
  }
  return labels;
}

/**
 * The fields of an action: the plan (title, kind, owner, due date, weight, decision) for those who
 * plan, and the report (status, progress, evidence, notes) for those who report.
 */
export function ActionFields({
  values,
  errors,
  plan,
  organisations,
  decisions,
}: {
  values: ActionFormValues;
  errors: ReadonlyMap<string, string>;
  plan: boolean;
  organisations: readonly { key: string; name: string }[];
  decisions: readonly { id: string; label: string }[];
}) {
  const { t } = useTranslation();
  const titleError = errors.get('title') ?? LANGUAGES.map((l) => errors.get(`title.${l}`)).find(Boolean);
  return (
    <>
      {plan ? (
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('monitoring.planLegend')}</legend>
          <TextField name="title" label={t('monitoring.fieldTitle')} value={values.title} error={titleError} />
          <SelectField
            name="sourceLanguage"
            label={t('monitoring.fieldLanguage')}
            value={values.sourceLanguage}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`languageName.${l}`) }))}
            error={errors.get('sourceLanguage')}
          />
          <SelectField
            name="kind"
            label={t('monitoring.fieldKind')}
            value={values.kind}
            options={ACTION_KIND_KEYS.map((k) => ({ value: k, label: t(`monitoring.kind.${k}`) }))}
            error={errors.get('kind')}
          />
          <SelectField
            name="owner.organisation"
            label={t('monitoring.fieldOwner')}
            value={values.ownerOrganisation}
            placeholder={t('monitoring.choose')}
            options={organisations.map((o) => ({ value: o.key, label: o.name }))}
            error={errors.get('owner.organisation') ?? errors.get('owner.userId')}
          />
          <TextField
            name="dueOn"
            type="date"
            label={t('monitoring.fieldDue')}
            hint={t('monitoring.dateHint')}
            value={values.dueOn}
            error={errors.get('dueOn')}
          />
          <TextField
            name="weight"
            label={t('monitoring.fieldWeight')}
            hint={t('monitoring.weightHint')}
            inputMode="numeric"
            value={values.weight}
            error={errors.get('weight')}
          />
          <SelectField
            name="decisionId"
            label={t('monitoring.fieldDecision')}
            value={values.decisionId}
            placeholder={t('monitoring.noDecision')}
            options={decisions.map((d) => ({ value: d.id, label: d.label }))}
            error={errors.get('decisionId')}
          />
        </fieldset>
      ) : null}
      <fieldset className="utrecht-form-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t('monitoring.reportLegend')}</legend>
        <SelectField
          name="status"
          label={t('monitoring.fieldStatus')}
          value={values.status}
          options={ACTION_STATUS_KEYS.map((s) => ({ value: s, label: t(`monitoring.status.${s}`) }))}
          error={errors.get('status')}
        />
        <TextField
          name="progress"
          label={t('monitoring.fieldProgress')}
          hint={t('monitoring.progressHint')}
          inputMode="numeric"
          value={values.progress}
          error={errors.get('progress')}
        />
        {values.evidence.map((evidence, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the form's fixed rows, never reordered
          <div className="schakel-field-pair" key={i}>
            <TextField
              name={`evidence.${i}.url`}
              label={t('monitoring.fieldEvidenceUrl', { n: i + 1 })}
              hint={i === 0 ? t('monitoring.evidenceHint') : undefined}
              value={evidence.url}
              error={errors.get(`evidence.${i}.url`)}
            />
            <TextField
              name={`evidence.${i}.label`}
              label={t('monitoring.fieldEvidenceLabel', { n: i + 1 })}
              value={evidence.label}
              error={errors.get(`evidence.${i}.label`)}
            />
          </div>
        ))}
        <TextField name="notes" label={t('monitoring.fieldNotes')} multiline value={values.notes} error={errors.get('notes')} />
      </fieldset>
    </>
  );
}
