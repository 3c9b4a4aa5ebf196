import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Form,
  type LoaderFunctionArgs,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import type { NormResponse } from '../api/governance-client';
import { field, formRefusal, governanceApi, requireSession } from '../api/governance-context';

const UNITS = ['working_days', 'calendar_days', 'calendar_months'] as const;

/** The norm durations per phase for the secretariat (manage_norms): one small form per phase. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request, 'manage_norms');
  const { gov } = governanceApi(context, request);
  return { norms: await gov.listNorms() };
}

interface Submitted {
  phase: string;
  amount: string;
  unit: string;
  problem: Problem;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const phase = field(form, 'phase');
  const amount = field(form, 'amount');
  const unit = field(form, 'unit');
  const version = Number(field(form, 'version'));
  try {
    // A number the API can judge: anything that is not a whole number goes as text, so the answer names `amount`.
    const value = /^\d{1,6}$/.test(amount) ? Number(amount) : amount;
    await governanceApi(context, request).gov.updateNorm(phase, version, { amount: value, unit }, csrfOf(form));
    return redirect(`${paths.norms()}?saved=${encodeURIComponent(phase)}`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data<Submitted>({ phase, amount, unit, problem }, { status: problem.status });
  }
}

function NormForm({ norm, submitted }: { norm: NormResponse; submitted: Submitted | undefined }) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const mine = submitted?.phase === norm.phase ? submitted : undefined;
  const labels = new Map([
    ['amount', t('schedule.amount')],
    ['unit', t('schedule.unit')],
  ]);
  const { fields, summary } = useFormErrors(
    mine?.problem.code === 'version_conflict' ? { ...mine.problem, detail: t('schedule.conflict') } : mine?.problem,
    labels,
  );
  const ids = { amount: `field-${norm.phase}-amount`, unit: `field-${norm.phase}-unit` };
  const linked = summary.map((e) =>
    e.fieldId === 'field-amount' ? { ...e, fieldId: ids.amount } : e.fieldId === 'field-unit' ? { ...e, fieldId: ids.unit } : e,
  );
  return (
    <section aria-labelledby={`norm-${norm.phase}`} data-norm={norm.phase} className="schakel-norm">
      <Heading2 id={`norm-${norm.phase}`}>{norm.label}</Heading2>
      <Paragraph>
        {t('schedule.current')}: <strong>{`${norm.amount} ${t(`schedule.unit_${norm.unit}`)}`}</strong>
        {' · '}
        {norm.updatedBy
          ? t('schedule.changedBy', { date: formatDate(i18n.language as Language, norm.updatedAt) })
          : t('schedule.defaultValue')}
      </Paragraph>
      <Form method="post" className="schakel-form" id={`norm-form-${norm.phase}`} noValidate>
        {mine ? (
          <ErrorSummary
            title={t('form.errorSummary')}
            intro={t('form.errorSummaryIntro')}
            errors={linked}
            submission={submitted}
          />
        ) : null}
        <CsrfField />
        <input type="hidden" name="phase" value={norm.phase} />
        <input type="hidden" name="version" value={norm.version} />
        <TextField
          name="amount"
          id={ids.amount}
          label={t('schedule.amount')}
          inputMode="numeric"
          value={mine?.amount ?? String(norm.amount)}
          error={fields.get('amount')}
        />
        <SelectField
          name="unit"
          id={ids.unit}
          label={t('schedule.unit')}
          value={mine?.unit ?? norm.unit}
          error={fields.get('unit')}
          options={UNITS.map((unit) => ({ value: unit, label: t(`schedule.unit_${unit}`) }))}
        />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('schedule.save')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

export default function Norms() {
  const { norms } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const saved = norms.find((n) => n.phase === search.get('saved'));
  const title = t('schedule.normsTitle');
  return (
    <div className="schakel-page">
      <PageTitle>{submitted ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('schedule.normsIntro')}</Paragraph>
      {saved && !submitted ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('schedule.saved', { phase: saved.label })}</Paragraph>
        </Alert>
      ) : null}
      {norms.map((norm) => (
        <NormForm key={norm.phase} norm={norm} submitted={submitted} />
      ))}
    </div>
  );
}
