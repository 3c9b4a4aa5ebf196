import {
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** The id of a form field, from its name (`title.nl` → `field-title-nl`); the error summary links to it. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface FieldProps {
  name: string;
  /** The field's id when `fieldId(name)` is not unique on the page (several forms with the same field names). */
  id?: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  lang?: string;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid schakel-field--invalid' : ''}`}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {hint ? <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      {children}
    </div>
  );
}

export function TextField({
  name,
  id: givenId,
  label,
  hint,
  error,
  value,
  type = 'text',
  multiline = false,
  rows,
  autoComplete,
  inputMode,
  lang,
}: FieldProps & {
  value: string;
  type?: 'text' | 'email' | 'date' | 'search' | 'password';
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
}) {
  const id = givenId ?? fieldId(name);
  const common = {
    id,
    name,
    defaultValue: value,
    invalid: Boolean(error),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
    lang,
  };
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {multiline ? (
        <Textarea {...common} rows={rows ?? 4} />
      ) : (
        <Textbox {...common} type={type} autoComplete={autoComplete} inputMode={inputMode} />
      )}
    </FieldFrame>
  );
}

export function SelectField({
  name,
  id: givenId,
  label,
  hint,
  error,
  value,
  options,
  placeholder,
}: FieldProps & { value: string; options: { value: string; label: string }[]; placeholder?: string }) {
  const id = givenId ?? fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <Select
        id={id}
        name={name}
        defaultValue={value}
        invalid={Boolean(error)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <SelectOption value="">{placeholder}</SelectOption> : null}
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FieldFrame>
  );
}

/** Checkboxes or radio buttons in a fieldset; the first input carries the field's id. */
export function ChoiceField({
  name,
  label,
  hint,
  error,
  type,
  selected,
  options,
  columns = false,
}: FieldProps & {
  type: 'checkbox' | 'radio';
  selected: readonly string[];
  options: { value: string; label: string }[];
  columns?: boolean;
}) {
  const id = fieldId(name);
  return (
    <fieldset
      className={`utrecht-form-fieldset${error ? ' schakel-field--invalid' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="utrecht-form-fieldset__legend">{label}</legend>
      {hint ? <FormFieldDescription id={`${id}-hint`}>{hint}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      <ul className={`schakel-choices${columns ? ' schakel-columns' : ''}`}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
          return (
            <li key={option.value} className="schakel-choice">
              <input
                id={optionId}
                type={type}
                name={name}
                value={option.value}
                defaultChecked={selected.includes(option.value)}
                aria-invalid={error ? true : undefined}
                className={
                  type === 'checkbox'
                    ? 'utrecht-checkbox utrecht-checkbox--html-input'
                    : 'utrecht-radio-button utrecht-radio-button--html-input'
                }
              />
              <label htmlFor={optionId}>{option.label}</label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
