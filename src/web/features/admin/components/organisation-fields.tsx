import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/form-fields';
import type { GovernmentItem } from '../../../lib/api-client';
import { ORGANISATION_KIND_KEYS } from '../../../lib/keys';
import type { OrganisationFormValues } from '../api/organisation-form';

/** Name, kind and government of an organisation (the key only when adding: it never changes). */
export function OrganisationFields({
  values,
  errors,
  governments,
  withKey,
}: {
  values: OrganisationFormValues;
  errors: ReadonlyMap<string, string>;
  governments: GovernmentItem[];
  withKey: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {withKey ? (
        <TextField
          name="key"
          label={t('organisations.key')}
          hint={t('organisations.keyHint')}
          value={values.key}
          error={errors.get('key')}
          autoComplete="off"
        />
      ) : null}
      <TextField name="name" label={t('organisations.name')} value={values.name} error={errors.get('name')} autoComplete="off" />
      <SelectField
        name="kind"
        label={t('organisations.kind')}
        value={values.kind}
        placeholder={t('organisations.chooseKind')}
        error={errors.get('kind')}
        options={ORGANISATION_KIND_KEYS.map((kind) => ({ value: kind, label: t(`organisationKind.${kind}`) }))}
      />
      <SelectField
        name="government"
        label={t('organisations.government')}
        value={values.government}
        placeholder={t('organisations.noGovernment')}
        error={errors.get('government')}
        options={governments.map((g) => ({ value: g.key, label: g.label }))}
      />
    </>
  );
}
