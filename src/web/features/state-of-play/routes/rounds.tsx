import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
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
import { ColumnHeaders } from '../../../components/column-headers';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { field, formRefusal, pageRefusal, requireSession } from '../../governance/api/governance-context';
import { serverStateOfPlay } from '../api/state-of-play-context';

/** The rounds (the secretariat: all, with the form to open one; a department: those with its items). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request, 'read_state_of_play');
  try {
    return await serverStateOfPlay(context, request).list();
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

/** Opens a round; empty dates are left out (the API's defaults: today, the norm). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = {
    title: field(form, 'title'),
    referenceDate: field(form, 'referenceDate'),
    answerDueOn: field(form, 'answerDueOn'),
  };
  try {
    const round = await serverStateOfPlay(context, request).open(
      {
        title: values.title,
        ...(values.referenceDate ? { referenceDate: values.referenceDate } : {}),
        ...(values.answerDueOn ? { answerDueOn: values.answerDueOn } : {}),
      },
      csrfOf(form),
    );
    return redirect(paths.stateOfPlayRound(round.id, 'opened=1'), 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data({ values, problem }, { status: problem.status });
  }
}

export default function Rounds() {
  const { items, canOpen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const labels = new Map([
    ['title', t('stateOfPlay.fieldTitle')],
    ['referenceDate', t('stateOfPlay.fieldReferenceDate')],
    ['answerDueOn', t('stateOfPlay.fieldAnswerDueOn')],
  ]);
  const { fields, summary } = useFormErrors(result?.problem, labels);
  const openRound = items.find((r) => r.status === 'open');
  const title = t('stateOfPlay.listTitle');
  return (
    <div className="schakel-page">
      <PageTitle>{result ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('stateOfPlay.listIntro')}</Paragraph>
      {items.length === 0 ? (
        <Paragraph id="rounds-empty">{t('stateOfPlay.empty')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <table className="utrecht-table" id="rounds-table" aria-label={title}>
            <ColumnHeaders
              labels={[
                t('stateOfPlay.columnRound'),
                t('stateOfPlay.columnStatus'),
                t('stateOfPlay.columnReferenceDate'),
                t('stateOfPlay.columnAnswerDueOn'),
                t('stateOfPlay.columnAnswered'),
              ]}
            />
            <tbody className="utrecht-table__body">
              {items.map((round) => {
                const total = round.departments.reduce((n, d) => n + d.items, 0);
                const answered = round.departments.reduce((n, d) => n + d.answered, 0);
                return (
                  <tr className="utrecht-table__row" key={round.id} data-round={round.id}>
                    <td className="utrecht-table__cell">
                      <Link className="utrecht-link" to={paths.stateOfPlayRound(round.id)}>
                        {round.title}
                      </Link>
                    </td>
                    <td className="utrecht-table__cell">{t(`stateOfPlay.roundStatus.${round.status}`)}</td>
                    <td className="utrecht-table__cell">{formatDate(language, round.referenceDate)}</td>
                    <td className="utrecht-table__cell">{formatDate(language, round.answerDueOn)}</td>
                    <td className="utrecht-table__cell">{t('stateOfPlay.answeredCount', { answered, items: total })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canOpen ? (
        <section aria-labelledby="open-heading">
          <Heading2 id="open-heading">{t('stateOfPlay.openTitle')}</Heading2>
          {openRound ? (
            <Alert type="info">
              <Paragraph>{t('stateOfPlay.openNotice')}</Paragraph>
            </Alert>
          ) : null}
          <Form method="post" className="schakel-form" id="open-round-form" noValidate>
            <ErrorSummary
              title={t('form.errorSummary')}
              intro={t('form.errorSummaryIntro')}
              errors={summary}
              submission={result}
            />
            <CsrfField />
            <TextField
              name="title"
              label={t('stateOfPlay.fieldTitle')}
              value={result?.values.title ?? ''}
              error={fields.get('title')}
            />
            <TextField
              name="referenceDate"
              label={t('stateOfPlay.fieldReferenceDate')}
              hint={t('stateOfPlay.referenceHint')}
              value={result?.values.referenceDate ?? ''}
              error={fields.get('referenceDate')}
            />
            <TextField
              name="answerDueOn"
              label={t('stateOfPlay.fieldAnswerDueOn')}
              hint={t('stateOfPlay.answerDueHint')}
              value={result?.values.answerDueOn ?? ''}
              error={fields.get('answerDueOn')}
            />
            <div className="schakel-actions">
              <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
                {t('stateOfPlay.open')}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
