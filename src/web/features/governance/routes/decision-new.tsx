import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
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
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { ChoiceField, fieldId, SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { LANGUAGES } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { loadObstacle } from '../../obstacles/api/load-obstacle';
import { type DecisionFormValues, readDecisionForm, toDecisionRequest, toFormProblem } from '../api/decision-form';
import { formRefusal, governanceApi, pageRefusal, requireSession } from '../api/governance-context';
import { DECISION_TYPE_KEYS } from '../api/keys';

/** The form to record a decision on a routed obstacle, for the secretariat and decision makers. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request, 'record_decision');
  const { api, gov, language } = governanceApi(context, request);
  const { obstacle, reference } = await loadObstacle(api, params.reference);
  const meetingId = new URL(request.url).searchParams.get('meeting') ?? '';
  try {
    const [bodies, meetings, departments, chosen] = await Promise.all([
      gov.listBodies(),
      gov.listMeetings({}),
      gov.departments(),
      meetingId ? gov.getMeeting(meetingId).catch(() => null) : Promise.resolve(null),
    ]);
    const meetingList = chosen && !meetings.items.some((m) => m.id === chosen.id) ? [chosen, ...meetings.items] : meetings.items;
    return {
      obstacle: {
        reference: obstacle.reference,
        status: obstacle.status,
        version: obstacle.version,
        title: obstacle.text.title?.value ?? obstacle.reference,
        governments: obstacle.governments,
      },
      bodies: bodies.filter((body) => body.active).map((body) => ({ key: body.key, name: body.text.name?.value ?? body.key })),
      meetings: meetingList.map((meeting) => ({
        id: meeting.id,
        label: `${meeting.body.name?.value ?? meeting.body.key} · ${formatDate(language, meeting.date)}`,
      })),
      chosen: chosen ? { id: chosen.id, body: chosen.body.key, date: chosen.date, language: chosen.language } : null,
      departments: departments.map(({ key, name }) => ({ key, name })),
      governments: reference.governments
        .filter((government) => obstacle.governments.includes(government.key))
        .map(({ key, label }) => ({ key, label })),
      language,
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

/** Records it with the obstacle's version as If-Match; to the obstacle page, or the form with errors. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const reference = params.reference ?? '';
  const { gov } = governanceApi(context, request);
  const governments = form.getAll('governments').map(String);
  const values = readDecisionForm(form, governments);
  const version = Number(values.version);
  try {
    await gov.createDecision(toDecisionRequest(values, reference), Number.isInteger(version) ? version : 0, csrfOf(form));
    return redirect(`${paths.obstacle(reference)}?governance=decided`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) throw data({ reference }, { status: 404 });
    const problem = toFormProblem(formRefusal(error, request));
    return data({ values, problem, conflict: problem.status === 412 || problem.status === 409 }, { status: problem.status });
  }
}

export default function RecordDecision() {
  const { obstacle, bodies, meetings, chosen, departments, governments, language } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const values: DecisionFormValues = result?.values ?? {
    body: chosen?.body ?? '',
    meeting: chosen?.id ?? '',
    decidedOn: chosen?.date ?? '',
    type: '',
    sourceLanguage: chosen?.language ?? language,
    text: '',
    reasons: '',
    conditions: '',
    owners: {},
    departments: [],
    dueOn: '',
    version: String(obstacle.version),
  };
  const { fields, summary } = useFormErrors(
    result?.conflict ? undefined : result?.problem,
    new Map([
      ['body', t('governance.body')],
      ['meeting', t('governance.meeting')],
      ['decidedOn', t('governance.decidedOn')],
      ['type', t('governance.decisionType')],
      ['sourceLanguage', t('governance.textLanguage')],
      ['text', t('governance.text')],
      ['reasons', t('governance.reasons')],
      ['conditions', t('governance.conditions')],
      ['politicalOwners', t('governance.politicalOwners')],
      ['departments', t('governance.departments')],
      ['dueOn', t('governance.dueOn')],
    ]),
    new Set(['body', 'meeting', 'type', 'sourceLanguage']),
  );
  const title = t('governance.recordTitle', { reference: obstacle.reference });
  const failed = result?.conflict ? t('governance.conflictTitle') : summary.length > 0 ? t('form.errorSummary') : undefined;
  const ownerError = fields.get('politicalOwners');
  return (
    <div className="schakel-page">
      <PageTitle>{failed ? `${failed}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={paths.obstacle(obstacle.reference)}>
          {obstacle.reference}: {obstacle.title}
        </Link>{' '}
        ({t(`status.${obstacle.status}`)})
      </Paragraph>
      {result?.conflict ? (
        <Alert type="error" role="alert">
          <Paragraph>
            {t('governance.decisionConflict')}{' '}
            <a className="utrecht-link" href={paths.obstacle(obstacle.reference)}>
              {t('governance.reload')}
            </a>
          </Paragraph>
        </Alert>
      ) : null}
      {obstacle.status !== 'routed' ? (
        <Paragraph id="not-routed">{t('governance.onlyRouted')}</Paragraph>
      ) : (
        <Form method="post" className="schakel-form" id="decision-form" noValidate>
          <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
          <CsrfField />
          <input type="hidden" name="version" value={values.version} />
          {governments.map((government) => (
            <input key={government.key} type="hidden" name="governments" value={government.key} />
          ))}
          <SelectField
            name="body"
            label={t('governance.body')}
            value={values.body}
            error={fields.get('body')}
            placeholder={t('governance.chooseBody')}
            options={bodies.map((body) => ({ value: body.key, label: body.name }))}
          />
          <SelectField
            name="meeting"
            label={t('governance.meeting')}
            hint={t('governance.meetingHint')}
            value={values.meeting}
            error={fields.get('meeting')}
            placeholder={t('governance.noMeeting')}
            options={meetings.map((meeting) => ({ value: meeting.id, label: meeting.label }))}
          />
          <TextField
            name="decidedOn"
            type="date"
            label={t('governance.decidedOn')}
            hint={t('governance.decidedOnHint')}
            value={values.decidedOn}
            error={fields.get('decidedOn')}
          />
          <ChoiceField
            name="type"
            type="radio"
            label={t('governance.decisionType')}
            error={fields.get('type')}
            selected={values.type ? [values.type] : []}
            options={DECISION_TYPE_KEYS.map((key) => ({ value: key, label: t(`governance.type.${key}`) }))}
          />
          <SelectField
            name="sourceLanguage"
            label={t('governance.textLanguage')}
            value={values.sourceLanguage}
            error={fields.get('sourceLanguage')}
            options={LANGUAGES.map((code) => ({ value: code, label: t(`languageName.${code}`) }))}
          />
          <TextField name="text" label={t('governance.text')} multiline rows={6} value={values.text} error={fields.get('text')} />
          <TextField
            name="reasons"
            label={t('governance.reasons')}
            hint={t('governance.reasonsHint')}
            multiline
            value={values.reasons}
            error={fields.get('reasons')}
          />
          <TextField
            name="conditions"
            label={t('governance.conditions')}
            multiline
            value={values.conditions}
            error={fields.get('conditions')}
          />
          <fieldset
            id={fieldId('politicalOwners')}
            tabIndex={-1}
            className={`utrecht-form-fieldset${ownerError ? ' schakel-field--invalid' : ''}`}
            aria-describedby={ownerError ? `${fieldId('politicalOwners')}-error` : undefined}
          >
            <legend className="utrecht-form-fieldset__legend">{t('governance.politicalOwners')}</legend>
            <p className="utrecht-form-field-description">{t('governance.politicalOwnersHint')}</p>
            {ownerError ? (
              <p className="utrecht-form-field-error-message" id={`${fieldId('politicalOwners')}-error`}>
                {ownerError}
              </p>
            ) : null}
            {governments.map((government) => (
              <div key={government.key} className="schakel-owner">
                <TextField
                  name={`owner.${government.key}.name`}
                  label={t('governance.ownerName', { government: government.label })}
                  value={values.owners[government.key]?.name ?? ''}
                />
                <TextField
                  name={`owner.${government.key}.office`}
                  label={t('governance.ownerOffice', { government: government.label })}
                  value={values.owners[government.key]?.office ?? ''}
                />
              </div>
            ))}
          </fieldset>
          <ChoiceField
            name="departments"
            type="checkbox"
            columns
            label={t('governance.departments')}
            error={fields.get('departments')}
            selected={values.departments}
            options={departments.map((department) => ({ value: department.key, label: department.name }))}
          />
          <TextField name="dueOn" type="date" label={t('governance.dueOn')} value={values.dueOn} error={fields.get('dueOn')} />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {t('governance.record')}
            </Button>
            <Link className="utrecht-link" to={paths.obstacle(obstacle.reference)}>
              {t('governance.cancel')}
            </Link>
          </div>
        </Form>
      )}
    </div>
  );
}
