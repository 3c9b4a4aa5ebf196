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
import type { MyObstaclesResponse } from '../api/governance-client';
import { field, formRefusal, governanceApi, requireSession } from '../api/governance-context';

type Item = MyObstaclesResponse['items'][number];

/**
 * "My obstacles" (department users, read_my_obstacles): everything routed to the caller's
 * department now, with what is asked of it and by when, soonest first; an accept or decline form
 * per item still pending (a decline needs a reason). Plain form posts: works without JavaScript.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(context, request, 'read_my_obstacles');
  const { gov } = governanceApi(context, request);
  return { items: (await gov.myObstacles()).items, organisation: session.user?.organisation ?? '' };
}

interface Submitted {
  reference: string;
  decision: string;
  reason: string;
  problem: Problem;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const reference = field(form, 'reference');
  const decision = field(form, 'decision');
  const reason = field(form, 'reason');
  const session = await requireSession(context, request, 'read_my_obstacles');
  try {
    await governanceApi(context, request).gov.acknowledge(
      reference,
      session.user?.organisation ?? '',
      { decision, ...(reason ? { reason } : {}) },
      csrfOf(form),
    );
    return redirect(`${paths.myObstacles()}?answered=${encodeURIComponent(reference)}&decision=${decision}`, 303);
  } catch (error) {
    const problem = formRefusal(error, request);
    return data<Submitted>({ reference, decision, reason, problem }, { status: problem.status });
  }
}

function titleOf(item: Item, language: Language): string {
  const title = item.obstacle.title;
  return title[language] ?? title.nl ?? title.en ?? title.fr ?? title.de ?? item.obstacle.reference;
}

function AnswerForm({ item, submitted }: { item: Item; submitted: Submitted | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reference = item.obstacle.reference;
  const mine = submitted?.reference === reference ? submitted : undefined;
  const labels = new Map([
    ['decision', t('myObstacles.decision')],
    ['reason', t('myObstacles.reason')],
  ]);
  const { fields, summary } = useFormErrors(mine?.problem, labels);
  const ids = { decision: `field-${reference}-decision`, reason: `field-${reference}-reason` };
  const linked = summary.map((e) =>
    e.fieldId === 'field-decision'
      ? { ...e, fieldId: ids.decision }
      : e.fieldId === 'field-reason'
        ? { ...e, fieldId: ids.reason }
        : e,
  );
  return (
    <Form method="post" className="schakel-form" id={`answer-${reference}`} noValidate>
      {mine ? (
        <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={linked} submission={submitted} />
      ) : null}
      <CsrfField />
      <input type="hidden" name="reference" value={reference} />
      <SelectField
        name="decision"
        id={ids.decision}
        label={t('myObstacles.decision')}
        value={mine?.decision ?? 'accept'}
        error={fields.get('decision')}
        options={[
          { value: 'accept', label: t(`myObstacles.accept_${item.role}`) },
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
        value={mine?.reason ?? ''}
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

export default function MyObstacles() {
  const { items } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const title = t('myObstacles.title');
  const answered = search.get('answered');
  return (
    <div className="schakel-page">
      <PageTitle>{submitted ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('myObstacles.intro')}</Paragraph>
      {answered && !submitted ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {t(search.get('decision') === 'decline' ? 'myObstacles.declined' : 'myObstacles.accepted', {
              reference: answered,
            })}
          </Paragraph>
        </Alert>
      ) : null}
      {items.length === 0 ? <Paragraph id="my-obstacles-empty">{t('myObstacles.empty')}</Paragraph> : null}
      {items.map((item) => (
        <section
          key={item.obstacle.id}
          aria-labelledby={`my-${item.obstacle.reference}`}
          data-obstacle={item.obstacle.reference}
          data-asked={item.asked}
          className="schakel-norm"
        >
          <Heading2 id={`my-${item.obstacle.reference}`}>
            <Link className="utrecht-link" to={paths.obstacle(item.obstacle.reference)}>
              {`${item.obstacle.reference} · ${titleOf(item, language)}`}
            </Link>
          </Heading2>
          <Paragraph>
            {t(`myObstacles.role_${item.role}`)}
            {' · '}
            {item.dueOn ? (
              <>
                {t(item.asked === 'acknowledge' ? 'myObstacles.acknowledgeBy' : 'myObstacles.respondBy')}{' '}
                <time dateTime={item.dueOn}>{formatDate(language, item.dueOn)}</time>
              </>
            ) : (
              t(item.asked === 'acknowledge' ? 'myObstacles.acknowledge' : 'myObstacles.respond')
            )}
          </Paragraph>
          {item.asked === 'acknowledge' ? <AnswerForm item={item} submitted={submitted} /> : null}
        </section>
      ))}
    </div>
  );
}
