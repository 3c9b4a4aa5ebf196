/** The organisation form's fields ↔ the API's request bodies. */
export interface OrganisationFormValues {
  key: string;
  name: string;
  kind: string;
  government: string;
}

export const EMPTY_ORGANISATION: OrganisationFormValues = { key: '', name: '', kind: '', government: '' };

export function readOrganisationForm(form: FormData): OrganisationFormValues {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  return { key: text('key'), name: text('name'), kind: text('kind'), government: text('government') };
}

/** "No government" is the empty choice, which the API calls null. */
export function toOrganisationBody(values: OrganisationFormValues) {
  return {
    key: values.key,
    name: values.name,
    kind: values.kind,
    government: values.government === '' ? null : values.government,
  };
}
