import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
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
import { fieldId, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { applyOp, parseOp, readAgendaItems, toAgendaRequest } from '../api/agenda-form';
import type { AgendaProposalResponse, MeetingResponse } from '../api/governance-client';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../api/governance-context';
import { MeetingFields, type MeetingFormValues, meetingBody, readMeetingForm } from '../components/meeting-fields';

/** A meeting with its agenda, for signed-in users; the secretariat also gets the agenda proposal. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { gov } = governanceApi(context, request);
  try {
    const meeting = await gov.getMeeting(params.id ?? '');
    const proposal: AgendaProposalResponse | null = meeting.abilities.includes('propose_agenda')
      ? await gov.agendaProposal(meeting.id)
      : null;
    return { meeting, proposal };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

type Intent = 'meeting' | 'agenda';
interface Refused {
  intent: Intent;
  problem: Problem;
  conflict: boolean;
  values?: MeetingFormValues;
  add?: string;
}

/**
 * The secretariat's changes, each with the meeting's version as If-Match: the meeting's fields
 * (`intent=meeting`), or the whole agenda in order (`intent=agenda`, the button says what changes).
 * A 412 says someone else changed the meeting first.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const { gov } = governanceApi(context, request);
  const id = params.id ?? '';
  const version = Number(field(form, 'version'));
  const intent: Intent = field(form, 'intent') === 'meeting' ? 'meeting' : 'agenda';
  const refused = (error: unknown, extra: Partial<Refused>) => {
    if (error instanceof ApiProblem && error.status === 404) throw data({ code: 'meeting_not_found' }, { status: 404 });
    const problem = formRefusal(error, request);
    return data<Refused>({ intent, problem, conflict: problem.status === 412, ...extra }, { status: problem.status });
  };
  if (intent === 'meeting') {
    const values = readMeetingForm(form);
    try {
      await gov.updateMeeting(id, version, meetingBody(values, false), csrfOf(form));
      return redirect(`${paths.meeting(id)}?saved=meeting`, 303);
    } catch (error) {
      return refused(error, { values });
    }
  }
  const op = parseOp(field(form, 'op'));
  const add = field(form, 'add');
  const added = op.kind === 'add' ? [add] : op.kind === 'take' ? form.getAll('take').map(String) : [];
  const items = applyOp(readAgendaItems(form), op, added);
  try {
    await gov.setAgenda(id, version, toAgendaRequest(items), csrfOf(form));
    return redirect(`${paths.meeting(id)}?saved=agenda#agenda-title`, 303);
  } catch (error) {
    const result = refused(error, { add });
    // The obstacle just added is the last item: its error belongs beside the field it was typed in.
    const last = `items.${items.length - 1}.obstacle`;
    if (op.kind === 'add') {
      for (const invalid of result.data.problem.invalidParams ?? []) if (invalid.name === last) invalid.name = 'add';
    }
    return result;
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function MeetingDetail() {
  const { meeting, proposal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const agenda = meeting.agenda ?? [];
  const canEdit = meeting.abilities.includes('edit');
  const canSetAgenda = meeting.abilities.includes('set_agenda');
  const canRecord = meeting.abilities.includes('record_decision');
  const meetingErrors = useFormErrors(
    result?.intent === 'meeting' && !result.conflict ? result.problem : undefined,
    new Map([
      ['date', t('governance.date')],
      ['place', t('governance.place')],
      ['language', t('governance.meetingLanguage')],
      ['status', t('governance.meetingStatus')],
    ]),
    new Set(['language', 'status']),
  );
  const agendaLabels = new Map<string, string>([['add', t('governance.addObstacle')]]);
  agenda.forEach((item, index) => {
    const label = t('governance.agendaItem', { position: index + 1, reference: item.obstacle.reference });
    agendaLabels.set(`items.${index}.obstacle`, label);
    agendaLabels.set(`items.${index}.note`, label);
  });
  const agendaErrors = useFormErrors(result?.intent === 'agenda' && !result.conflict ? result.problem : undefined, agendaLabels);
  const title = t('governance.meetingTitle', {
    body: meeting.body.name?.value ?? meeting.body.key,
    date: formatDate(language, meeting.date),
  });
  const saved = search.get('saved');
  const failed = result ? (result.conflict ? t('governance.conflictTitle') : t('form.errorSummary')) : undefined;
  const conflict = result?.conflict ? (
    <Alert type="error" role="alert">
      <Paragraph>
        {t('governance.conflictText')}{' '}
        <a className="utrecht-link" href={paths.meeting(meeting.id)}>
          {t('governance.reload')}
        </a>
      </Paragraph>
    </Alert>
  ) : null;
  const busy = navigation.state === 'submitting';
  const version = <input type="hidden" name="version" value={meeting.version} />;
  const agendaHidden = agenda.map((item) => (
    <input key={item.obstacle.id} type="hidden" name="obstacle" value={item.obstacle.reference} />
  ));

  return (
    <article className="schakel-page">
      <PageTitle>{failed ? `${failed}: ${title}` : title}</PageTitle>
      {saved && !result ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {t(
              saved === 'agenda'
                ? 'governance.agendaSaved'
                : saved === 'planned'
                  ? 'governance.planned'
                  : 'governance.meetingSaved',
            )}
          </Paragraph>
        </Alert>
      ) : null}
      <Heading1>{title}</Heading1>
      <dl className="schakel-facts">
        <Fact label={t('governance.body')}>
          <LocalizedText text={meeting.body.name} />
        </Fact>
        <Fact label={t('governance.date')}>{formatDate(language, meeting.date)}</Fact>
        <Fact label={t('governance.place')}>{meeting.place ?? <span className="schakel-muted">{t('detail.none')}</span>}</Fact>
        <Fact label={t('governance.meetingLanguage')}>{t(`languageName.${meeting.language}`)}</Fact>
        <Fact label={t('governance.meetingStatus')}>{t(`governance.meetingStatusName.${meeting.status}`)}</Fact>
      </dl>
      <ul className="utrecht-unordered-list" id="meeting-documents">
        <li>
          <a className="utrecht-link" href={`/api/v1/meetings/${encodeURIComponent(meeting.id)}/agenda.docx`} download>
            {t('governance.downloadAgenda')}
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`/api/v1/meetings/${encodeURIComponent(meeting.id)}/decisions.docx`} download>
            {t('governance.downloadDecisions')}
          </a>
        </li>
        <li>
          <Link
            className="utrecht-link"
            to={`${paths.decisions()}?${new URLSearchParams({ body: meeting.body.key }).toString()}`}
          >
            {t('governance.decisionsOfBody')}
          </Link>
        </li>
      </ul>

      <section aria-labelledby="agenda-title">
        <Heading2 id="agenda-title">{t('governance.agenda')}</Heading2>
        {result?.intent === 'agenda' ? conflict : null}
        {agenda.length === 0 ? <Paragraph className="schakel-muted">{t('governance.emptyAgenda')}</Paragraph> : null}
        {canSetAgenda ? (
          <Form method="post" className="schakel-form" id="agenda-form" noValidate>
            <ErrorSummary
              title={t('form.errorSummary')}
              intro={t('form.errorSummaryIntro')}
              errors={agendaErrors.summary}
              submission={result}
            />
            <CsrfField />
            <input type="hidden" name="intent" value="agenda" />
            {version}
            {agenda.length > 0 ? (
              <ol className="schakel-agenda" id="agenda-list">
                {agenda.map((item, index) => {
                  const noteId = fieldId(`items.${index}.note`);
                  const noteError = agendaErrors.fields.get(`items.${index}.note`);
                  return (
                    <li key={item.obstacle.id} data-obstacle={item.obstacle.reference}>
                      <AgendaItemText item={item} />
                      <input type="hidden" name="obstacle" value={item.obstacle.reference} />
                      <div className="utrecht-form-field">
                        <label className="utrecht-form-label" htmlFor={noteId}>
                          {t('governance.noteFor', { reference: item.obstacle.reference })}
                        </label>
                        {noteError ? (
                          <p className="utrecht-form-field-error-message" id={`${noteId}-error`}>
                            {noteError}
                          </p>
                        ) : null}
                        <textarea
                          className="utrecht-textarea utrecht-textarea--html-textarea"
                          id={noteId}
                          name="note"
                          rows={2}
                          defaultValue={item.note ?? ''}
                          aria-describedby={noteError ? `${noteId}-error` : undefined}
                        />
                      </div>
                      <div className="schakel-actions">
                        <Button
                          type="submit"
                          name="op"
                          value={`up:${index}`}
                          disabled={index === 0 || busy}
                          aria-label={t('governance.moveUpLabel', { reference: item.obstacle.reference })}
                        >
                          {t('governance.moveUp')}
                        </Button>
                        <Button
                          type="submit"
                          name="op"
                          value={`down:${index}`}
                          disabled={index === agenda.length - 1 || busy}
                          aria-label={t('governance.moveDownLabel', { reference: item.obstacle.reference })}
                        >
                          {t('governance.moveDown')}
                        </Button>
                        <Button
                          type="submit"
                          name="op"
                          value={`remove:${index}`}
                          disabled={busy}
                          aria-label={t('governance.removeLabel', { reference: item.obstacle.reference })}
                        >
                          {t('governance.remove')}
                        </Button>
                        {canRecord && item.obstacle.status === 'routed' ? (
                          <Link className="utrecht-link" to={paths.recordDecision(item.obstacle.reference, meeting.id)}>
                            {t('governance.recordOnItem', { reference: item.obstacle.reference })}
                          </Link>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ol>
            ) : null}
            {agenda.length > 0 ? (
              <div className="schakel-actions">
                <Button type="submit" name="op" value="save" appearance="primary-action-button" busy={busy}>
                  {t('governance.saveNotes')}
                </Button>
              </div>
            ) : null}
            <TextField
              name="add"
              label={t('governance.addObstacle')}
              hint={t('governance.addObstacleHint')}
              value={result?.intent === 'agenda' ? (result.add ?? '') : ''}
              error={agendaErrors.fields.get('add')}
            />
            <div className="schakel-actions">
              <Button type="submit" name="op" value="add" busy={busy}>
                {t('governance.add')}
              </Button>
            </div>
          </Form>
        ) : agenda.length > 0 ? (
          <ol className="schakel-agenda" id="agenda-list">
            {agenda.map((item) => (
              <li key={item.obstacle.id} data-obstacle={item.obstacle.reference}>
                <AgendaItemText item={item} />
                {item.note ? <p className="utrecht-paragraph schakel-prewrap">{item.note}</p> : null}
                {canRecord && item.obstacle.status === 'routed' ? (
                  <Link className="utrecht-link" to={paths.recordDecision(item.obstacle.reference, meeting.id)}>
                    {t('governance.recordOnItem', { reference: item.obstacle.reference })}
                  </Link>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
      </section>

      {proposal && canSetAgenda ? (
        <section aria-labelledby="proposal-title">
          <Heading2 id="proposal-title">{t('governance.proposalTitle')}</Heading2>
          <Paragraph>{t('governance.proposalIntro', { months: proposal.coldCaseMonths })}</Paragraph>
          {proposal.items.length === 0 ? (
            <Paragraph className="schakel-muted">{t('governance.proposalEmpty')}</Paragraph>
          ) : (
            <Form method="post" className="schakel-form" id="proposal-form">
              <CsrfField />
              <input type="hidden" name="intent" value="agenda" />
              {version}
              {agendaHidden}
              {agenda.map((item) => (
                <input key={item.obstacle.id} type="hidden" name="note" value={item.note ?? ''} />
              ))}
              <fieldset className="utrecht-form-fieldset">
                <legend className="utrecht-form-fieldset__legend">{t('governance.proposalPick')}</legend>
                <ul className="schakel-choices">
                  {proposal.items.map((item) => {
                    const id = `take-${item.obstacle.reference}`;
                    return (
                      <li key={item.obstacle.id} className="schakel-choice">
                        <input
                          id={id}
                          type="checkbox"
                          name="take"
                          value={item.obstacle.reference}
                          className="utrecht-checkbox utrecht-checkbox--html-input"
                        />
                        <label htmlFor={id}>
                          {item.obstacle.reference}: {item.obstacle.title?.value ?? ''} ({t(`status.${item.obstacle.status}`)}) —{' '}
                          {t(`governance.proposalReason.${item.reason}`, { months: proposal.coldCaseMonths })}
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
              <div className="schakel-actions">
                <Button type="submit" name="op" value="take" appearance="primary-action-button" busy={busy}>
                  {t('governance.takeProposal')}
                </Button>
              </div>
            </Form>
          )}
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="edit-meeting-title">
          <Heading2 id="edit-meeting-title">{t('governance.editMeeting')}</Heading2>
          {result?.intent === 'meeting' ? conflict : null}
          <Form method="post" className="schakel-form" id="edit-meeting-form" noValidate>
            <ErrorSummary
              title={t('form.errorSummary')}
              intro={t('form.errorSummaryIntro')}
              errors={meetingErrors.summary}
              submission={result}
            />
            <CsrfField />
            <input type="hidden" name="intent" value="meeting" />
            {version}
            <MeetingFields
              values={
                (result?.intent === 'meeting' ? result.values : undefined) ?? {
                  body: meeting.body.key,
                  date: meeting.date,
                  place: meeting.place ?? '',
                  language: meeting.language,
                  status: meeting.status,
                }
              }
              errors={meetingErrors.fields}
            />
            <div className="schakel-actions">
              <Button type="submit" appearance="primary-action-button" busy={busy}>
                {t('governance.saveMeeting')}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
      <Paragraph>
        <Link className="utrecht-link" to={paths.meetings()}>
          {t('governance.backToMeetings')}
        </Link>
      </Paragraph>
    </article>
  );
}

function AgendaItemText({ item }: { item: NonNullable<MeetingResponse['agenda']>[number] }) {
  const { t } = useTranslation();
  return (
    <p className="utrecht-paragraph">
      <Link className="utrecht-link" to={paths.obstacle(item.obstacle.reference)}>
        {item.obstacle.reference}
      </Link>
      {': '}
      <LocalizedText text={item.obstacle.title} /> <span className="schakel-badge">{t(`status.${item.obstacle.status}`)}</span>
    </p>
  );
}
