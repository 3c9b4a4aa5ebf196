import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/form-fields';
import { LANGUAGES } from '../../../lib/language';
import { MEETING_STATUS_KEYS } from '../api/keys';

export interface MeetingFormValues {
  body: string;
  date: string;
  place: string;
  language: string;
  status: string;
}

/** The fields of a meeting (the body only when planning one: it does not change afterwards). */
export function MeetingFields({
  values,
  errors,
  bodies,
}: {
  values: MeetingFormValues;
  errors: Map<string, string>;
  bodies?: { key: string; name: string }[];
}) {
  const { t } = useTranslation();
  return (
    <>
      {bodies ? (
        <SelectField
          name="body"
          label={t('governance.body')}
          value={values.body}
          error={errors.get('body')}
          placeholder={t('governance.chooseBody')}
          options={bodies.map((body) => ({ value: body.key, label: body.name }))}
        />
      ) : null}
      <TextField name="date" type="date" label={t('governance.date')} value={values.date} error={errors.get('date')} />
      <TextField name="place" label={t('governance.place')} value={values.place} error={errors.get('place')} />
      <SelectField
        name="language"
        label={t('governance.meetingLanguage')}
        hint={t('governance.meetingLanguageHint')}
        value={values.language}
        error={errors.get('language')}
        options={LANGUAGES.map((language) => ({ value: language, label: t(`languageName.${language}`) }))}
      />
      <SelectField
        name="status"
        label={t('governance.meetingStatus')}
        value={values.status}
        error={errors.get('status')}
        options={MEETING_STATUS_KEYS.map((status) => ({ value: status, label: t(`governance.meetingStatusName.${status}`) }))}
      />
    </>
  );
}

export function readMeetingForm(form: FormData): MeetingFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  return { body: text('body'), date: text('date'), place: text('place'), language: text('language'), status: text('status') };
}

/** The request body: empty fields are left out so the API names what is missing. */
export function meetingBody(values: MeetingFormValues, withBody: boolean): Record<string, unknown> {
  return {
    ...(withBody ? { body: values.body } : {}),
    date: values.date,
    place: values.place === '' ? null : values.place,
    ...(values.language ? { language: values.language } : {}),
    ...(values.status ? { status: values.status } : {}),
  };
}
