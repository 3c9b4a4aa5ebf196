import { Button, FormFieldDescription, FormLabel, Heading2 } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { fieldId } from '../../../components/form-fields';
import { problemText } from '../../../components/form-problem';
import { UPLOAD_MISSING, UPLOAD_TOO_BIG } from '../api/upload-sheet';

/** A refused upload's errors in the reader's words: each cell the API names (`Scores!D5`), or the page's own. */
export function useUploadErrors(problem: Problem | undefined): string[] {
  const { t } = useTranslation();
  if (!problem) return [];
  const named = (problem.invalidParams ?? []).map((p) => {
    if (p.code === UPLOAD_MISSING) return t('selectionSetup.uploadMissing');
    if (p.code === UPLOAD_TOO_BIG) return t('selectionSetup.uploadTooBig');
    const where = /^[^!]+![A-Z]+\d+$/.test(p.name) ? t('selectionSetup.cell', { cell: p.name }) : p.name;
    return `${where}: ${p.reason}`;
  });
  return named.length > 0 ? named : [problemText(t, problem) ?? problem.detail];
}

/**
 * The upload of a filled-in score sheet: a plain multipart form (it works without JavaScript), a
 * labelled file input that takes .xlsx, and the refusals in the error summary and beside the field.
 */
export function UploadForm({
  version,
  problem,
  submission,
  busy,
}: {
  version: number;
  problem: Problem | undefined;
  submission: unknown;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const errors = useUploadErrors(problem);
  const id = fieldId('file');
  return (
    <section aria-labelledby="upload-title">
      <Heading2 id="upload-title">{t('selectionSetup.uploadTitle')}</Heading2>
      <Form method="post" encType="multipart/form-data" className="schakel-form" id="upload-form" noValidate>
        {errors.length > 0 ? (
          <ErrorSummary
            title={t('form.errorSummary')}
            intro={t('form.errorSummaryIntro')}
            errors={errors.map((text) => ({ fieldId: id, text }))}
            submission={submission}
          />
        ) : null}
        <CsrfField />
        <input type="hidden" name="intent" value="upload" />
        <input type="hidden" name="version" value={version} />
        <div className={`utrecht-form-field${errors.length > 0 ? ' utrecht-form-field--invalid schakel-field--invalid' : ''}`}>
          <FormLabel htmlFor={id}>{t('selectionSetup.uploadFile')}</FormLabel>
          <FormFieldDescription id={`${id}-hint`}>{t('selectionSetup.uploadHint')}</FormFieldDescription>
          {errors.length > 0 ? (
            <div className="utrecht-form-field-error-message" id={`${id}-error`}>
              <ul className="utrecht-unordered-list" id="upload-errors">
                {errors.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <input
            id={id}
            name="file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="utrecht-textbox utrecht-textbox--html-input"
            aria-invalid={errors.length > 0 ? true : undefined}
            aria-describedby={errors.length > 0 ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
        </div>
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('selectionSetup.uploadSubmit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
