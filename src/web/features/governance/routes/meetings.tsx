import {
  Button,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
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
} from 'react-router';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { formRefusal, governanceApi, pageRefusal, requireSession } from '../api/governance-context';
import { isoDate } from '../api/keys';
import { MeetingFields, type MeetingFormValues, meetingBody, readMeetingForm } from '../components/meeting-fields';

/** The meetings, for signed-in users (the public signs in first): filters by body and dates. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(context, request);
  const { gov } = governanceApi(context, request);
  const url = new URL(request.url);
  const filter = {
    body: url.searchParams.get('body') ?? '',
    from: isoDate(url.searchParams.get('from')) ?? '',
    to: isoDate(url.searchParams.get('to')) ?? '',
    cursor: url.searchParams.get('cursor') ?? '',
  };
  try {
    const [page, bodies] = await Promise.all([
      gov.listMeetings({
        body: filter.body || undefined,
        from: filter.from || undefined,
        to: filter.to || undefined,
        cursor: filter.cursor || undefined,
      }),
      gov.listBodies(),
    ]);
    return {
      filter,
      page,
      bodies: bodies.map((body) => ({
        key: body.key,
        name: body.text.name?.value ?? body.key,
        active: body.active,
        governments: body.governments,
      })),
      canPlan: session.abilities.includes('manage_governance'),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

/** Plans a meeting; to its page (303), or back with the API's field errors. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = readMeetingForm(form);
  try {
    const created = await governanceApi(context, request).gov.createMeeting(meetingBody(values, true), csrfOf(form));
    return redirect(`${paths.meeting(created.id)}?saved=planned`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data({ values, problem }, { status: problem.status });
  }
}

const EMPTY: MeetingFormValues = { body: '', date: '', place: '', language: 'nl', status: 'planned' };

export default function Meetings() {
  const { filter, page, bodies, canPlan } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { fields, summary } = useFormErrors(
    result?.problem,
    new Map([
      ['body', t('governance.body')],
      ['date', t('governance.date')],
      ['place', t('governance.place')],
      ['language', t('governance.meetingLanguage')],
      ['status', t('governance.meetingStatus')],
    ]),
    new Set(['body', 'language', 'status']),
  );
  const title = t('governance.meetingsTitle');
  const query = (cursor: string) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, cursor })) if (value) search.set(key, value);
    const text = search.toString();
    return `${paths.meetings()}${text ? `?${text}` : ''}`;
  };
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('governance.meetingsIntro')}</Paragraph>
      <Form method="get" className="schakel-form schakel-filters" id="meeting-filters" aria-label={t('governance.filters')}>
        <SelectField
          name="body"
          label={t('governance.body')}
          value={filter.body}
          placeholder={t('governance.allBodies')}
          options={bodies.map((body) => ({ value: body.key, label: body.name }))}
        />
        <TextField name="from" type="date" label={t('governance.from')} value={filter.from} />
        <TextField name="to" type="date" label={t('governance.to')} value={filter.to} />
        <div className="schakel-actions">
          <Button type="submit" appearance="primary-action-button">
            {t('governance.filter')}
          </Button>
        </div>
      </Form>
      {page.items.length === 0 ? (
        <Paragraph className="schakel-muted">{t('governance.noMeetings')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id="meeting-list">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('governance.date')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('governance.body')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('governance.place')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('governance.meetingStatus')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((meeting) => (
                <TableRow key={meeting.id} data-meeting={meeting.id}>
                  <TableCell>
                    <Link className="utrecht-link" to={paths.meeting(meeting.id)}>
                      {formatDate(language, meeting.date)}
                    </Link>
                  </TableCell>
                  <TableCell>{meeting.body.name?.value ?? meeting.body.key}</TableCell>
                  <TableCell>{meeting.place ?? '—'}</TableCell>
                  <TableCell>{t(`governance.meetingStatusName.${meeting.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {page.nextCursor || filter.cursor ? (
        <nav aria-label={t('governance.paging')} className="schakel-actions">
          {filter.cursor ? (
            <Link className="utrecht-link" to={query('')}>
              {t('governance.firstPage')}
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link className="utrecht-link" to={query(page.nextCursor)} rel="next">
              {t('governance.nextPage')}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <section aria-labelledby="bodies-title">
        <Heading2 id="bodies-title">{t('governance.bodiesTitle')}</Heading2>
        <ul className="utrecht-unordered-list" id="body-list">
          {bodies.map((body) => (
            <li key={body.key}>
              {body.name} ({body.governments.join(', ')}){body.active ? '' : ` · ${t('governance.inactive')}`}
            </li>
          ))}
        </ul>
        {canPlan ? (
          <Paragraph>
            <Link className="utrecht-link" to={paths.governingBodies()}>
              {t('governance.manageBodies')}
            </Link>
          </Paragraph>
        ) : null}
      </section>

      {canPlan ? (
        <section aria-labelledby="plan-title">
          <Heading2 id="plan-title">{t('governance.planTitle')}</Heading2>
          <Form method="post" className="schakel-form" id="plan-meeting-form" noValidate>
            <ErrorSummary
              title={t('form.errorSummary')}
              intro={t('form.errorSummaryIntro')}
              errors={summary}
              submission={result}
            />
            <CsrfField />
            <MeetingFields
              values={result?.values ?? EMPTY}
              errors={fields}
              bodies={bodies.filter((body) => body.active).map(({ key, name }) => ({ key, name }))}
            />
            <div className="schakel-actions">
              <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
                {t('governance.plan')}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
