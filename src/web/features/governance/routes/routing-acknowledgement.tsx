import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Link,
  type LoaderFunctionArgs,
  redirect,
  useActionData,
  useLoaderData,
} from 'react-router';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { loadObstacle } from '../../obstacles/api/load-obstacle';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../api/governance-context';
import { AcknowledgementForm, type AcknowledgementSubmission } from '../components/acknowledgement-form';

/**
 * A routed department accepts or declines its part (POST …/routings/{organisation}/acknowledgement):
 * the form of the obstacle page posts here; a refusal is shown here beside the fields; an accept
 * goes back to the obstacle, a decline to "my obstacles". The page itself shows the form while the routing waits for an answer.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request);
  const { api, gov } = governanceApi(context, request);
  const { obstacle, reference } = await loadObstacle(api, params.reference);
  const organisation = params.organisation ?? '';
  try {
    const routing = await gov.getRouting(obstacle.reference);
    const item = routing.items.find((r) => r.organisation === organisation && r.endedAt === null);
    return {
      obstacle: { reference: obstacle.reference, title: obstacle.text.title?.value ?? obstacle.reference },
      organisation,
      department: reference.organisations.find((o) => o.key === organisation)?.name ?? organisation,
      routing: item ? { role: item.role, pending: item.acknowledgement === 'pending' } : null,
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const reference = params.reference ?? '';
  const organisation = params.organisation ?? '';
  const decision = field(form, 'decision');
  const reason = field(form, 'reason');
  try {
    await governanceApi(context, request).gov.acknowledge(
      reference,
      organisation,
      { decision, ...(reason ? { reason } : {}) },
      csrfOf(form),
    );
    // A decline ends the routing, and with it the department's reading of an obstacle that is not
    // public: it goes to its obstacles, which say what it declined; an accept goes back to the obstacle.
    if (decision === 'decline') {
      return redirect(`${paths.myObstacles()}?answered=${encodeURIComponent(reference)}&decision=decline`, 303);
    }
    return redirect(`${paths.obstacle(reference)}?governance=accepted`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404 && error.problem.code === 'obstacle_not_found') {
      throw data({ reference }, { status: 404 });
    }
    const problem = formRefusal(error, request);
    return data<AcknowledgementSubmission>({ decision, reason, problem }, { status: problem.status });
  }
}

export default function RoutingAcknowledgement() {
  const { obstacle, organisation, department, routing } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const { t } = useTranslation();
  const title = t('routing.answerPageTitle', { reference: obstacle.reference });
  return (
    <div className="schakel-page">
      <PageTitle>{submitted ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={paths.obstacle(obstacle.reference)}>
          {obstacle.reference}: {obstacle.title}
        </Link>
      </Paragraph>
      {routing?.pending || submitted ? (
        <>
          <Paragraph>
            {t('routing.answerTitle', { department })}.{' '}
            {routing ? t('routing.answerIntro', { role: t(`dashboard.routingRole.${routing.role}`) }) : null}
          </Paragraph>
          <AcknowledgementForm
            reference={obstacle.reference}
            organisation={organisation}
            role={routing?.role ?? 'involved'}
            submitted={submitted}
          />
        </>
      ) : (
        <Paragraph id="acknowledgement-closed">{t('routing.notPending')}</Paragraph>
      )}
    </div>
  );
}
