import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
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
  useSearchParams,
} from 'react-router';
import { CRITERION_KEYS } from '../../../../contracts/selection-rounds.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { ChoiceField, SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { createRoundsClient } from '../api/rounds-client';

/** The seeded weights of the five criteria (docs/SELECTION.md), the form's starting values. */
const DEFAULT_WEIGHTS: Record<(typeof CRITERION_KEYS)[number], string> = {
  impact: '30',
  people_affected: '20',
  urgency: '20',
  solvability: '15',
  priority_theme_fit: '15',
};

interface RoundForm {
  name: string;
  segment: string;
  periodStart: string;
  periodEnd: string;
  capacity: string;
  weights: Record<string, string>;
  partners: string[];
  scoringDeadline: string;
}

const EMPTY: RoundForm = {
  name: '',
  segment: '',
  periodStart: '',
  periodEnd: '',
  capacity: '',
  weights: DEFAULT_WEIGHTS,
  partners: [],
  scoringDeadline: '',
};

/** A number field as the API gets it: a number when it is one, else the text (so the API names the field). */
function numberOrText(value: string): number | string {
  const n = Number(value.replace(',', '.'));
  return value !== '' && Number.isFinite(n) ? n : value;
}

function readForm(form: FormData): RoundForm {
  return {
    name: field(form, 'name'),
    segment: field(form, 'segment'),
    periodStart: field(form, 'periodStart'),
    periodEnd: field(form, 'periodEnd'),
    capacity: field(form, 'capacity'),
    weights: Object.fromEntries(CRITERION_KEYS.map((key, i) => [key, field(form, `criteria.${i}.weight`)])),
    partners: form.getAll('partners').filter((v): v is string => typeof v === 'string'),
    scoringDeadline: field(form, 'scoringDeadline'),
  };
}

function toRequest(values: RoundForm) {
  return {
    name: values.name,
    segment: values.segment,
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    ...(values.capacity === '' ? {} : { capacity: numberOrText(values.capacity) }),
    criteria: CRITERION_KEYS.map((key) => ({ key, weight: numberOrText(values.weights[key] ?? '') })),
    partners: values.partners,
    scoringDeadline: values.scoringDeadline,
  };
}

/**
 * The selection rounds the caller may read (secretariat, decision makers, partners of a round), and
 * for the secretariat (manage_selection) a plain form to start a new round.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(context, request);
  const { api, language } = governanceApi(context, request);
  const client = createRoundsClient(context.apiFetch, language);
  try {
    const [rounds, reference] = await Promise.all([client.listRounds(), api.referenceData()]);
    return {
      rounds,
      segments: reference.segments,
      organisations: reference.organisations,
      canManage: session.abilities.includes('manage_selection'),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = readForm(form);
  const { language } = governanceApi(context, request);
  try {
    const round = await createRoundsClient(context.apiFetch, language).createRound(toRequest(values), csrfOf(form));
    return redirect(`${paths.selectionRounds()}?added=${encodeURIComponent(round.id)}`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data({ values, problem }, { status: problem.status });
  }
}

export default function SelectionRounds() {
  const { rounds, segments, organisations, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const labels = new Map<string, string>([
    ['name', t('rounds.name')],
    ['segment', t('rounds.segment')],
    ['periodStart', t('rounds.periodStart')],
    ['periodEnd', t('rounds.periodEnd')],
    ['capacity', t('rounds.capacity')],
    ['criteria', t('rounds.weights')],
    ['partners', t('rounds.partners')],
    ['scoringDeadline', t('rounds.scoringDeadline')],
  ]);
  CRITERION_KEYS.forEach((key, i) => {
    labels.set(`criteria.${i}.weight`, t('rounds.weightOf', { criterion: t(`rounds.criterion.${key}`) }));
  });
  const { fields, summary } = useFormErrors(result?.problem, labels, new Set(['segment', 'partners']));
  const values = result?.values ?? EMPTY;
  const segmentLabel = new Map(segments.map((s) => [s.key, s.label]));
  const added = search.get('added');
  const title = t('rounds.title');
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      {added && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('rounds.added')}</Paragraph>
        </Alert>
      ) : null}
      {rounds.length === 0 ? (
        <Paragraph id="no-rounds">{t('rounds.none')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id="round-list">
            <TableCaption>{t('rounds.listCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('rounds.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('rounds.segment')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('rounds.period')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('rounds.scoringDeadline')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('rounds.status')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rounds.map((round) => (
                <TableRow key={round.id} data-round={round.id}>
                  <TableCell>
                    <Link className="utrecht-link" to={paths.selectionRound(round.id)}>
                      {round.name}
                    </Link>
                  </TableCell>
                  <TableCell>{segmentLabel.get(round.segment) ?? round.segment}</TableCell>
                  <TableCell>
                    <time dateTime={round.periodStart}>{formatDate(language, round.periodStart)}</time> –{' '}
                    <time dateTime={round.periodEnd}>{formatDate(language, round.periodEnd)}</time>
                  </TableCell>
                  <TableCell>
                    <time dateTime={round.scoringDeadline}>{formatDate(language, round.scoringDeadline)}</time>
                  </TableCell>
                  <TableCell>{t(`rounds.statusName.${round.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {canManage ? (
        <section aria-labelledby="new-round-title">
          <Heading2 id="new-round-title">{t('rounds.new')}</Heading2>
          <Form method="post" className="schakel-form" id="new-round-form" noValidate>
            <ErrorSummary
              title={t('form.errorSummary')}
              intro={t('form.errorSummaryIntro')}
              errors={summary}
              submission={result}
            />
            <CsrfField />
            <TextField name="name" label={t('rounds.name')} value={values.name} error={fields.get('name')} />
            <SelectField
              name="segment"
              label={t('rounds.segment')}
              value={values.segment}
              placeholder={t('rounds.choose')}
              options={segments.map((s) => ({ value: s.key, label: s.label }))}
              error={fields.get('segment')}
            />
            <TextField
              name="periodStart"
              type="date"
              label={t('rounds.periodStart')}
              value={values.periodStart}
              error={fields.get('periodStart')}
            />
            <TextField
              name="periodEnd"
              type="date"
              label={t('rounds.periodEnd')}
              value={values.periodEnd}
              error={fields.get('periodEnd')}
            />
            <TextField
              name="capacity"
              inputMode="numeric"
              label={t('rounds.capacity')}
              hint={t('rounds.capacityHint')}
              value={values.capacity}
              error={fields.get('capacity')}
            />
            <fieldset className="utrecht-form-fieldset">
              <legend className="utrecht-form-fieldset__legend">{t('rounds.weights')}</legend>
              {CRITERION_KEYS.map((key, i) => (
                <TextField
                  key={key}
                  name={`criteria.${i}.weight`}
                  inputMode="numeric"
                  label={t('rounds.weightOf', { criterion: t(`rounds.criterion.${key}`) })}
                  value={values.weights[key] ?? ''}
                  error={fields.get(`criteria.${i}.weight`)}
                />
              ))}
            </fieldset>
            <ChoiceField
              name="partners"
              type="checkbox"
              label={t('rounds.partners')}
              selected={values.partners}
              options={organisations.map((o) => ({ value: o.key, label: o.name }))}
              error={fields.get('partners')}
              columns
            />
            <TextField
              name="scoringDeadline"
              type="date"
              label={t('rounds.scoringDeadline')}
              value={values.scoringDeadline}
              error={fields.get('scoringDeadline')}
            />
            <div className="schakel-actions">
              <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
                {t('rounds.create')}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
