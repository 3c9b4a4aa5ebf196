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
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { fieldId, TextField } from '../../../components/form-fields';
import { useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { ApiProblem } from '../../../lib/api-client';
import { paths } from '../../../lib/paths';
import { csrfOf } from '../../../lib/session';
import { loadObstacle } from '../../obstacles/api/load-obstacle';
import { field, formRefusal, governanceApi, pageRefusal, requireSession } from '../api/governance-context';
import { ROUTING_ROLE_KEYS } from '../api/keys';

/**
 * The form to route a selected obstacle to departments, or to add departments to a routed one
 * (after a decline: the next candidates of the matrix are chosen): the secretariat's (manage_governance).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request, 'manage_governance');
  const { api, gov } = governanceApi(context, request);
  const { obstacle } = await loadObstacle(api, params.reference);
  try {
    const [departments, proposal, reference] = await Promise.all([
      gov.departments(),
      // The competence matrix's proposal preselects the form and says why (selected and routed obstacles).
      obstacle.status === 'selected' || obstacle.status === 'routed'
        ? gov.routingProposal(obstacle.reference)
        : Promise.resolve(undefined),
      api.referenceData(),
    ]);
    const themeLabel = new Map(reference.themes.map((theme) => [theme.key, theme.label]));
    const governmentLabel = new Map(reference.governments.map((g) => [g.key, g.label]));
    const departmentName = new Map(departments.map((d) => [d.key, d.name]));
    const adding = obstacle.status === 'routed';
    // Adding: the departments it is routed to now are left out; the next candidates are chosen.
    const holding = new Set((proposal?.current ?? []).filter((r) => r.endedAt === null).map((r) => r.organisation));
    const next = (proposal?.next ?? []).flatMap((n) => (n.candidate ? [{ ...n, candidate: n.candidate }] : []));
    return {
      adding,
      next: Object.fromEntries(
        next.map((n) => [
          n.candidate.organisation,
          {
            government: governmentLabel.get(n.government) ?? n.government,
            declined: n.declined.map((d) => departmentName.get(d.organisation) ?? d.organisation).join(', '),
          },
        ]),
      ) as Record<string, { government: string; declined: string }>,
      proposal: proposal
        ? {
            roles: (adding
              ? Object.fromEntries(next.map((n) => [n.candidate.organisation, n.candidate.role]))
              : Object.fromEntries(proposal.departments.map((d) => [d.organisation, d.role]))) as Record<string, string>,
            reasons: Object.fromEntries(
              proposal.departments.map((d) => [
                d.organisation,
                d.reasons.map((r) => ({
                  role: r.matrixRole,
                  theme: themeLabel.get(r.theme) ?? r.theme,
                  government: governmentLabel.get(r.government) ?? r.government,
                })),
              ]),
            ),
            uncovered: proposal.uncovered.map((g) => governmentLabel.get(g) ?? g),
          }
        : undefined,
      obstacle: {
        reference: obstacle.reference,
        status: obstacle.status,
        version: obstacle.version,
        title: obstacle.text.title?.value ?? obstacle.reference,
      },
      departments: departments.filter((d) => !adding || !holding.has(d.key)).map(({ key, name }) => ({ key, name })),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

interface RoutingValues {
  roles: Record<string, string>;
  reason: string;
}

/** Each department's radio group `role.<key>`: none, lead or involved. */
function readRouting(form: FormData): RoutingValues {
  const roles: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith('role.') && typeof value === 'string' && (ROUTING_ROLE_KEYS as readonly string[]).includes(value)) {
      roles[name.slice('role.'.length)] = value;
    }
  }
  return { roles, reason: field(form, 'reason') };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const reference = params.reference ?? '';
  const values = readRouting(form);
  const version = Number(field(form, 'version'));
  const departments = Object.entries(values.roles).map(([organisation, role]) => ({ organisation, role }));
  const adding = field(form, 'mode') === 'add';
  try {
    const { gov } = governanceApi(context, request);
    const body = { departments, ...(values.reason ? { reason: values.reason } : {}) };
    const expected = Number.isInteger(version) ? version : 0;
    if (adding) await gov.addRoutings(reference, expected, body, csrfOf(form));
    else await gov.route(reference, expected, body, csrfOf(form));
    return redirect(`${paths.obstacle(reference)}?governance=${adding ? 'added' : 'routed'}`, 303);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) throw data({ reference }, { status: 404 });
    const refused = formRefusal(error, request);
    // A department's error (`departments.2.organisation`) is the group's: the form has one field for them.
    const problem: Problem = {
      ...refused,
      invalidParams: refused.invalidParams?.map((invalid) => ({
        ...invalid,
        name: invalid.name.startsWith('departments') ? 'departments' : invalid.name,
      })),
    };
    return data({ values, problem, conflict: problem.status === 412 || problem.status === 409 }, { status: problem.status });
  }
}

export default function RouteObstacle() {
  const { obstacle, departments, proposal, adding, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const { fields, summary } = useFormErrors(
    result?.conflict ? undefined : result?.problem,
    new Map([
      ['departments', t('governance.departments')],
      ['reason', t('governance.routingReason')],
    ]),
  );
  const title = adding
    ? t('routing.addTitle', { reference: obstacle.reference })
    : t('governance.routeTitle', { reference: obstacle.reference });
  const failed = result?.conflict ? t('governance.conflictTitle') : summary.length > 0 ? t('form.errorSummary') : undefined;
  const departmentsError = fields.get('departments');
  const groupId = fieldId('departments');
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
            {t('governance.routingConflict')}{' '}
            <a className="utrecht-link" href={paths.obstacle(obstacle.reference)}>
              {t('governance.reload')}
            </a>
          </Paragraph>
        </Alert>
      ) : null}
      {obstacle.status !== 'selected' && !adding ? (
        <Paragraph id="not-selected">{t('governance.onlySelected')}</Paragraph>
      ) : (
        <Form method="post" className="schakel-form" id="routing-form" noValidate>
          <ErrorSummary title={t('form.errorSummary')} intro={t('form.errorSummaryIntro')} errors={summary} submission={result} />
          <CsrfField />
          <input type="hidden" name="version" value={obstacle.version} />
          {adding ? <input type="hidden" name="mode" value="add" /> : null}
          <fieldset
            id={groupId}
            tabIndex={-1}
            className={`utrecht-form-fieldset${departmentsError ? ' schakel-field--invalid' : ''}`}
            aria-describedby={`${groupId}-hint${departmentsError ? ` ${groupId}-error` : ''}`}
          >
            <legend className="utrecht-form-fieldset__legend">{t('governance.departments')}</legend>
            <p className="utrecht-form-field-description" id={`${groupId}-hint`}>
              {adding ? t('routing.addHint') : t('governance.routingHint')}
            </p>
            {departmentsError ? (
              <p className="utrecht-form-field-error-message" id={`${groupId}-error`}>
                {departmentsError}
              </p>
            ) : null}
            {proposal ? (
              <p className="utrecht-form-field-description" id="routing-proposal">
                {t('competences.proposalIntro')}
                {proposal.uncovered.length > 0
                  ? ` ${t('competences.uncovered', { governments: proposal.uncovered.join(', ') })}`
                  : ''}
              </p>
            ) : null}
            <ul className="schakel-routing-list">
              {departments.map((department) => {
                // Before a first submission the matrix's proposal is chosen; after one, what was sent.
                const chosen = result ? (result.values.roles[department.key] ?? '') : (proposal?.roles[department.key] ?? '');
                const reasons = proposal?.reasons[department.key] ?? [];
                const nextOf = next[department.key];
                return (
                  <li key={department.key}>
                    <fieldset className="utrecht-form-fieldset" data-department={department.key}>
                      <legend className="utrecht-form-fieldset__legend">{department.name}</legend>
                      {nextOf ? (
                        <p className="utrecht-form-field-description" data-next={department.key}>
                          {t('routing.proposedNext', nextOf)}
                        </p>
                      ) : null}
                      {reasons.length > 0 ? (
                        <p className="utrecht-form-field-description" data-proposed={department.key}>
                          {reasons
                            .map((r) =>
                              t('competences.proposedBecause', {
                                role: t(`governance.role.${r.role}`),
                                theme: r.theme,
                                government: r.government,
                              }),
                            )
                            .join(' ')}
                        </p>
                      ) : null}
                      {(['none', ...ROUTING_ROLE_KEYS] as const).map((role) => {
                        const id = `role-${department.key}-${role}`;
                        return (
                          <span key={role} className="schakel-choice">
                            <input
                              id={id}
                              type="radio"
                              name={`role.${department.key}`}
                              value={role === 'none' ? '' : role}
                              defaultChecked={(chosen || 'none') === role}
                              className="utrecht-radio-button utrecht-radio-button--html-input"
                            />
                            <label htmlFor={id}>{t(`governance.role.${role}`)}</label>
                          </span>
                        );
                      })}
                    </fieldset>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <TextField
            name="reason"
            label={t('governance.routingReason')}
            multiline
            value={result?.values.reason ?? ''}
            error={fields.get('reason')}
          />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {adding ? t('routing.addSubmit') : t('governance.route')}
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
