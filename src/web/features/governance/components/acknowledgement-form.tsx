import { Button } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, useNavigation } from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { paths } from '../../../lib/paths';

/** What a refused answer sent, to show again beside its errors. */
export interface AcknowledgementSubmission {
  decision: string;
  reason: string;
  problem: Problem;
}

/** The ids of the form's fields: one form per routed department, beside the obstacle page's other forms. */
export function acknowledgementFieldIds(organisation: string) {
  return { decision: `field-ack-${organisation}-decision`, reason: `field-ack-${organisation}-reason` };
}

/**
 * A routed department's answer: accept its part (lead or involved) or decline it with a reason.
 * Posted to the acknowledgement page (`paths.acknowledgeRouting`), which shows a refusal beside the
 * fields and in the error summary; a plain form with the CSRF field, so it works without JavaScript.
 */
export function AcknowledgementForm({
  reference,
  organisation,
  role,
  submitted,
}: {
  reference: string;
  organisation: string;
  role: 'lead' | 'involved';
  submitted?: AcknowledgementSubmission | undefined;
}) {
  return (
    <RoutingAnswerForm
      id={`acknowledge-${organisation}`}
      action={paths.acknowledgeRouting(reference, organisation)}
      ids={acknowledgementFieldIds(organisation)}
      role={role}
      submitted={submitted}
    />
  );
}

/**
 * The accept-or-decline form itself, for the obstacle page, the acknowledgement page and "my
 * obstacles": `ids` are its fields' ids (the error summary links to them), `action` where it posts
 * (the page itself when left out), `children` more hidden fields after the CSRF field.
 */
export function RoutingAnswerForm({
  id,
  action,
  ids,
  role,
  submitted,
  children,
}: {
  id: string;
  action?: string;
  ids: { decision: string; reason: string };
  role: 'lead' | 'involved';
  submitted?: AcknowledgementSubmission | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { fields, summary } = useFormErrors(
    submitted?.problem,
    new Map([
      ['decision', t('myObstacles.decision')],
      ['reason', t('myObstacles.reason')],
    ]),
  );
  const linked = summary.map((e) =>
    e.fieldId === 'field-decision'
      ? { ...e, fieldId: ids.decision }
      : e.fieldId === 'field-reason'
        ? { ...e, fieldId: ids.reason }
        : e,
  );
  return (
    <Form method="post" action={action} className="schakel-form" id={id} noValidate>
      {submitted ? (
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={linked} submission={submitted} />
      ) : null}
      <CsrfField />
      {children}
      <SelectField
        name="decision"
        id={ids.decision}
        label={t('myObstacles.decision')}
        value={submitted?.decision ?? 'accept'}
        error={fields.get('decision')}
        options={[
          { value: 'accept', label: t(`myObstacles.accept_${role}`) },
          { value: 'decline', label: t('myObstacles.decline') },
        ]}
      />
      <TextField
        name="reason"
        id={ids.reason}
        label={t('myObstacles.reason')}
        hint={t('myObstacles.reasonHint')}
        multiline
        rows={3}
        value={submitted?.reason ?? ''}
        error={fields.get('reason')}
      />
      <div className="schakel-actions">
        <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
          {t('myObstacles.send')}
        </Button>
      </div>
    </Form>
  );
}
