import { Alert, Button, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
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
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { ACTION_STATUS_KEYS } from '../../monitoring/api/action-form';
import type { ItemResponse } from '../api/state-of-play-client';
import { answerBody, organisationNames, serverStateOfPlay } from '../api/state-of-play-context';
import { DepartmentTable } from '../components/department-table';

const INTENTS = ['answer', 'remind', 'close'] as const;

/** One round: its dates, progress per department; the secretariat reminds and closes, a department answers its items. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request, 'read_state_of_play');
  try {
    const [round, names] = await Promise.all([
      serverStateOfPlay(context, request).get(params.id ?? ''),
      organisationNames(context, request),
    ]);
    return { round, names };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

interface AnswerValues {
  status: string;
  progress: string;
  forecastOn: string;
  note: string;
}

type Result =
  | { intent: 'answer'; itemId: string; values: AnswerValues; problem: Problem; conflict: boolean }
  | { intent: 'remind' | 'close'; problem: Problem; conflict: boolean };

/** Answer (If-Match: the item's version), remind, or close (If-Match: the round's version). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const id = params.id ?? '';
  const asked = field(form, 'intent');
  const intent = (INTENTS as readonly string[]).includes(asked) ? (asked as (typeof INTENTS)[number]) : 'answer';
  const version = Number(field(form, 'version'));
  const client = serverStateOfPlay(context, request);
  const values: AnswerValues = {
    status: field(form, 'status'),
    progress: field(form, 'progress'),
    forecastOn: field(form, 'forecastOn'),
    note: field(form, 'note'),
  };
  const itemId = field(form, 'itemId');
  try {
    switch (intent) {
      case 'answer':
        await client.answer(id, itemId, Number.isInteger(version) ? version : 0, answerBody(values), csrfOf(form));
        return redirect(`${paths.stateOfPlayRound(id, `saved=${encodeURIComponent(itemId)}`)}#item-${itemId}`, 303);
      case 'remind': {
        const run = await client.remind(id, csrfOf(form));
        return redirect(paths.stateOfPlayRound(id, `reminded=${encodeURIComponent(run.departments.join(',') || '-')}`), 303);
      }
      case 'close':
        await client.close(id, Number.isInteger(version) ? version : 0, csrfOf(form));
        return redirect(paths.stateOfPlayOverview(id), 303);
    }
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404 && intent !== 'answer') {
      throw data({ code: error.problem.code }, { status: 404 });
    }
    const problem = formRefusal(error, request);
    const conflict = problem.status === 412;
    const result: Result = intent === 'answer' ? { intent, itemId, values, problem, conflict } : { intent, problem, conflict };
    return data(result, { status: problem.status });
  }
}

function answerValues(item: ItemResponse): AnswerValues {
  const answer = item.answer;
  return {
    status: answer?.status ?? item.status,
    progress: String(answer?.progress ?? item.progress),
    forecastOn: answer?.forecastOn ?? '',
    note: answer?.note ?? '',
  };
}

function AnswerForm({ item, result }: { item: ItemResponse; result: Result | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const mine = result?.intent === 'answer' && result.itemId === item.id ? result : undefined;
  const labels = new Map([
    ['status', t('stateOfPlay.fieldStatus')],
    ['progress', t('stateOfPlay.fieldProgress')],
    ['forecastOn', t('stateOfPlay.fieldForecast')],
    ['note', t('stateOfPlay.fieldNote')],
  ]);
  const { fields, summary } = useFormErrors(mine?.conflict ? undefined : mine?.problem, labels);
  const ids = {
    status: `field-${item.id}-status`,
    progress: `field-${item.id}-progress`,
    forecastOn: `field-${item.id}-forecastOn`,
    note: `field-${item.id}-note`,
  };
  const linked = summary.map((e) => {
    const name = e.fieldId?.replace(/^field-/, '') as keyof typeof ids | undefined;
    return name && name in ids ? { ...e, fieldId: ids[name] } : e;
  });
  const values = mine?.values ?? answerValues(item);
  return (
    <Form method="post" className="schakel-form" id={`answer-form-${item.id}`} noValidate>
      {mine?.conflict ? (
        <Alert type="error" role="alert">
          <Paragraph>{t('stateOfPlay.conflict')}</Paragraph>
        </Alert>
      ) : null}
      {mine && !mine.conflict ? (
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={linked} submission={mine} />
      ) : null}
      <CsrfField />
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="version" value={item.version} />
      <SelectField
        name="status"
        id={ids.status}
        label={t('stateOfPlay.fieldStatus')}
        value={values.status}
        error={fields.get('status')}
        options={ACTION_STATUS_KEYS.map((status) => ({ value: status, label: t(`monitoring.status.${status}`) }))}
      />
      <TextField
        name="progress"
        id={ids.progress}
        label={t('stateOfPlay.fieldProgress')}
        hint={t('monitoring.progressHint')}
        inputMode="numeric"
        value={values.progress}
        error={fields.get('progress')}
      />
      <TextField
        name="forecastOn"
        id={ids.forecastOn}
        label={t('stateOfPlay.fieldForecast')}
        hint={t('stateOfPlay.forecastHint')}
        value={values.forecastOn}
        error={fields.get('forecastOn')}
      />
      <TextField
        name="note"
        id={ids.note}
        label={t('stateOfPlay.fieldNote')}
        multiline
        rows={3}
        value={values.note}
        error={fields.get('note')}
      />
      <div className="schakel-actions">
        <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
          {t('stateOfPlay.save')}
        </Button>
      </div>
    </Form>
  );
}

function Item({ item, canAnswer, result }: { item: ItemResponse; canAnswer: boolean; result: Result | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const answer = item.answer;
  return (
    <section className="schakel-sop-item" id={`item-${item.id}`} data-item={item.id} aria-labelledby={`item-heading-${item.id}`}>
      <Heading3 id={`item-heading-${item.id}`}>
        <Link className="utrecht-link" to={paths.obstacle(item.obstacle.reference)}>
          {item.obstacle.reference}
        </Link>
        {': '}
        <LocalizedText text={item.title} />
      </Heading3>
      <Paragraph>
        {t('stateOfPlay.dueOn')}: {formatDate(language, item.dueOn)} {item.overdue ? t('stateOfPlay.overdue') : null}
      </Paragraph>
      {answer ? (
        <Paragraph data-answered="true">
          {t('stateOfPlay.answeredOn', { date: formatDateTime(language, answer.answeredAt) })}:{' '}
          {t(`monitoring.status.${answer.status}`)}, {answer.progress} %
          {answer.forecastOn ? ` · ${t('stateOfPlay.fieldForecast')}: ${formatDate(language, answer.forecastOn)}` : ''}
          {answer.note ? ` · ${answer.note}` : ''}
        </Paragraph>
      ) : (
        <Paragraph data-answered="false">{t('stateOfPlay.noAnswer')}</Paragraph>
      )}
      {canAnswer ? <AnswerForm item={item} result={result} /> : null}
    </section>
  );
}

export default function Round() {
  const { round, names } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const title = t('stateOfPlay.roundTitle', { title: round.title });
  const roundProblem = result && result.intent !== 'answer' ? result : undefined;
  const { summary: roundSummary } = useFormErrors(roundProblem?.conflict ? undefined : roundProblem?.problem, new Map());
  const failed = result ? t('form.errorSummary') : undefined;
  const reminded = search.get('reminded');
  const saved = search.get('saved');
  const canAnswer = round.abilities.includes('answer');
  return (
    <div className="schakel-page">
      <PageTitle>{failed ? `${failed}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={paths.stateOfPlay()}>
          {t('stateOfPlay.backToList')}
        </Link>
      </Paragraph>
      {search.get('opened') && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('stateOfPlay.opened')}</Paragraph>
        </Alert>
      ) : null}
      {saved && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('stateOfPlay.saved')}</Paragraph>
        </Alert>
      ) : null}
      {reminded && !result ? (
        <Alert type="ok" role="status">
          <Paragraph id="reminded-notice">
            {reminded === '-'
              ? t('stateOfPlay.remindedNobody')
              : t('stateOfPlay.reminded', {
                  departments: reminded
                    .split(',')
                    .map((key) => names[key] ?? key)
                    .join(', '),
                })}
          </Paragraph>
        </Alert>
      ) : null}
      {roundProblem ? (
        <Alert type="error" role="alert">
          <Paragraph>{roundProblem.conflict ? t('stateOfPlay.conflict') : roundSummary[0]?.text}</Paragraph>
        </Alert>
      ) : null}
      <dl className="schakel-facts" id="round-facts">
        <div>
          <dt>{t('stateOfPlay.status')}</dt>
          <dd data-status={round.status}>{t(`stateOfPlay.roundStatus.${round.status}`)}</dd>
        </div>
        <div>
          <dt>{t('stateOfPlay.referenceDate')}</dt>
          <dd>{formatDate(language, round.referenceDate)}</dd>
        </div>
        <div>
          <dt>{t('stateOfPlay.horizon')}</dt>
          <dd>{formatDate(language, round.horizon)}</dd>
        </div>
        <div>
          <dt>{t('stateOfPlay.answerDueOn')}</dt>
          <dd>{formatDate(language, round.answerDueOn)}</dd>
        </div>
      </dl>
      {round.status === 'closed' ? (
        <Paragraph>
          {t('stateOfPlay.closedNotice')}{' '}
          <Link className="utrecht-link" id="overview-link" to={paths.stateOfPlayOverview(round.id)}>
            {t('stateOfPlay.overviewLink')}
          </Link>
        </Paragraph>
      ) : null}
      <Heading2 id="departments-heading">{t('stateOfPlay.departmentsTitle')}</Heading2>
      <DepartmentTable departments={round.departments} names={names} labelledBy="departments-heading" />
      {round.abilities.includes('remind') || round.abilities.includes('close') ? (
        <div className="schakel-actions">
          {round.abilities.includes('remind') ? (
            <Form method="post" id="remind-form">
              <CsrfField />
              <input type="hidden" name="intent" value="remind" />
              <Paragraph className="schakel-muted">{t('stateOfPlay.remindHint')}</Paragraph>
              <Button type="submit" appearance="secondary-action-button" busy={navigation.state === 'submitting'}>
                {t('stateOfPlay.remind')}
              </Button>
            </Form>
          ) : null}
          {round.abilities.includes('close') ? (
            <Form method="post" id="close-form">
              <CsrfField />
              <input type="hidden" name="intent" value="close" />
              <input type="hidden" name="version" value={round.version} />
              <Paragraph className="schakel-muted">{t('stateOfPlay.closeHint')}</Paragraph>
              <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
                {t('stateOfPlay.close')}
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <Heading2 id="items-heading">{canAnswer ? t('stateOfPlay.itemsTitle') : t('stateOfPlay.allItemsTitle')}</Heading2>
      {round.items.map((item) => (
        <Item key={item.id} item={item} canAnswer={canAnswer} result={result} />
      ))}
    </div>
  );
}
