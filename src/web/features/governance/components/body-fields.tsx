import { useTranslation } from 'react-i18next';
import { ChoiceField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import type { GovernmentItem } from '../../../lib/api-client';
import { LANGUAGES, type Language } from '../../../lib/language';

export interface BodyFormValues {
  key: string;
  name: Record<Language, string>;
  governments: string[];
  active: boolean;
}

export const EMPTY_BODY: BodyFormValues = { key: '', name: { nl: '', fr: '', de: '', en: '' }, governments: [], active: true };

export function readBodyForm(form: FormData): BodyFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  return {
    key: text('key'),
    name: { nl: text('name.nl'), fr: text('name.fr'), de: text('name.de'), en: text('name.en') },
    governments: form.getAll('governments').map(String),
    active: form.get('active') === 'true',
  };
}

/** The request body: the names given (empty ones left out), the governments, active. */
export function toBodyRequest(values: BodyFormValues, withKey: boolean): Record<string, unknown> {
  const name = Object.fromEntries(LANGUAGES.filter((language) => values.name[language] !== '').map((l) => [l, values.name[l]]));
  return { ...(withKey ? { key: values.key } : {}), name, governments: values.governments, active: values.active };
}

/** The fields of a governing body; the key only when adding one (it never changes). */
export function BodyFields({
  values,
  errors,
  governments,
  withKey,
}: {
  values: BodyFormValues;
  errors: Map<string, string>;
  governments: readonly GovernmentItem[];
  withKey: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {withKey ? (
        <TextField
          name="key"
          label={t('governance.bodyKey')}
          hint={t('governance.bodyKeyHint')}
          value={values.key}
          error={errors.get('key')}
        />
      ) : null}
      {LANGUAGES.map((language) => (
        <TextField
          key={language}
          name={`name.${language}`}
          lang={language}
          label={t('governance.bodyName', { language: t(`languageName.${language}`) })}
          value={values.name[language]}
          error={errors.get(`name.${language}`) ?? (language === 'nl' ? errors.get('name') : undefined)}
        />
      ))}
      <ChoiceField
        name="governments"
        type="checkbox"
        columns
        label={t('governance.bodyGovernments')}
        error={errors.get('governments')}
        selected={values.governments}
        options={governments.map((government) => ({ value: government.key, label: government.label }))}
      />
      <ChoiceField
        name="active"
        type="radio"
        label={t('governance.bodyActive')}
        selected={[values.active ? 'true' : 'false']}
        options={[
          { value: 'true', label: t('governance.active') },
          { value: 'false', label: t('governance.inactive') },
        ]}
      />
    </>
  );
}

/** The API's errors for the body form, with the form's labels. */
export function useBodyErrors(problem: Parameters<typeof useFormErrors>[0]) {
  const { t } = useTranslation();
  const labels = new Map<string, string>([
    ['key', t('governance.bodyKey')],
    ['name', t('governance.bodyNames')],
    ['governments', t('governance.bodyGovernments')],
    ['active', t('governance.bodyActive')],
  ]);
  for (const language of ['nl', 'fr', 'de', 'en'] as const) {
    labels.set(`name.${language}`, t('governance.bodyName', { language: t(`languageName.${language}`) }));
  }
  return useFormErrors(problem, labels, new Set(['governments']));
}
