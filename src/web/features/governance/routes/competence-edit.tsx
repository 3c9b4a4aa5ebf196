import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Form,
  Link,
  type LoaderFunctionArgs,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
} from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { ChoiceField, SelectField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { formatDateTime } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../api/governance-context';

/**
 * One cell of the competence matrix (the secretariat): the lead department and the involved ones,
 * chosen among the departments of that government, and the cell's history. A plain form post.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request, 'manage_competences');
  const { api, gov } = governanceApi(context, request);
  const theme = params.theme ?? '';
  const government = params.government ?? '';
  try {
    const [cell, reference, history] = await Promise.all([
      gov.competence(theme, government),
      api.referenceData(),
      gov.competenceHistory(theme, government),
    ]);
    const names = new Map(reference.organisations.map((o) => [o.key, o.name]));
    const name = (key: unknown) => (typeof key === 'string' ? (names.get(key) ?? key) : '—');
    return {
      cell,
      themeLabel: reference.themes.find((t) => t.key === theme)?.label ?? theme,
      governmentLabel: reference.governments.find((g) => g.key === government)?.label ?? government,
      departments: reference.organisations
        .filter((o) => o.kind === 'department' && o.government === government)
        .map((o) => ({ value: o.key, label: o.name })),
      history: history.items.map((event) => ({
        seq: event.seq,
        at: event.at,
        changes: event.changes.map((c) => ({
          field: c.field,
          before: Array.isArray(c.before) ? c.before.map(name).join(', ') || '—' : name(c.before),
          after: Array.isArray(c.after) ? c.after.map(name).join(', ') || '—' : name(c.after),
        })),
      })),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

interface Submitted {
  lead: string;
  involved: string[];
  problem: Problem;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const lead = field(form, 'lead');
  const involved = form.getAll('involved').filter((v): v is string => typeof v === 'string');
  const version = Number(field(form, 'version'));
  const theme = params.theme ?? '';
  const government = params.government ?? '';
  try {
    await governanceApi(context, request).gov.updateCompetence(theme, government, version, { lead, involved }, csrfOf(form));
    return redirect(`${paths.competences()}?saved=${encodeURIComponent(`${theme}/${government}`)}`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data<Submitted>({ lead, involved, problem }, { status: problem.status });
  }
}

export default function CompetenceEdit() {
  const { cell, themeLabel, governmentLabel, departments, history } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const labels = new Map([
    ['lead', t('competences.lead')],
    ['involved', t('competences.involved')],
  ]);
  const problem =
    submitted?.problem.code === 'version_conflict'
      ? { ...submitted.problem, detail: t('competences.conflict') }
      : submitted?.problem;
  const { fields, summary } = useFormErrors(problem, labels);
  const involvedError = [...fields.entries()].find(([name]) => name.startsWith('involved'))?.[1];
  const title = t('competences.editTitle', { theme: themeLabel, government: governmentLabel });
  return (
    <div className="schakel-page">
      <PageTitle>{submitted ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Form method="post" className="schakel-form" id="competence-form" noValidate>
        {submitted ? (
          <ErrorSummary
            title={t('form.errorSummary')}
            intro={t('form.errorSummaryIntro')}
            errors={summary}
            submission={submitted}
          />
        ) : null}
        <CsrfField />
        <input type="hidden" name="version" value={cell.version} />
        <SelectField
          name="lead"
          label={t('competences.lead')}
          value={submitted?.lead ?? cell.lead ?? ''}
          error={fields.get('lead')}
          options={departments}
          placeholder={t('competences.choose')}
        />
        <ChoiceField
          name="involved"
          type="checkbox"
          label={t('competences.involved')}
          hint={t('competences.involvedHint')}
          selected={submitted?.involved ?? cell.involved}
          error={involvedError}
          options={departments}
        />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
            {t('competences.save')}
          </Button>
          <Link className="utrecht-link" to={paths.competences()}>
            {t('competences.back')}
          </Link>
        </div>
      </Form>
      <Heading2>{t('competences.history')}</Heading2>
      {history.length === 0 ? (
        <Paragraph id="competence-history-empty">{t('competences.asSeeded')}</Paragraph>
      ) : (
        <ol id="competence-history">
          {history.map((event) => (
            <li key={event.seq}>
              <time dateTime={event.at}>{formatDateTime(i18n.language as Language, event.at)}</time>:{' '}
              {event.changes.map((c) => `${t(`competences.${c.field}`)}: ${c.before} → ${c.after}`).join('; ')}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
