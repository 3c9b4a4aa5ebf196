import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Link,
  type LoaderFunctionArgs,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
} from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import type { MyObstaclesResponse } from '../api/governance-client';
import { field, formRefusal, governanceApi, requireSession } from '../api/governance-context';
import { RoutingAnswerForm } from '../components/acknowledgement-form';

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
  const reference = item.obstacle.reference;
  return (
    <RoutingAnswerForm
      id={`answer-${reference}`}
      ids={{ decision: `field-${reference}-decision`, reason: `field-${reference}-reason` }}
      role={item.role}
      submitted={submitted?.reference === reference ? submitted : undefined}
    >
      <input type="hidden" name="reference" value={reference} />
    </RoutingAnswerForm>
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
