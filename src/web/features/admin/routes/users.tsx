import {
  Alert,
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
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  data,
  Form,
  Link,
  type LoaderFunctionArgs,
  useActionData,
  useLoaderData,
  useNavigation,
} from 'react-router';
import type { Problem } from '../../../../contracts/common.contract.js';
import { CsrfField } from '../../../components/csrf-field';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/form-fields';
import { problemText, useFormErrors } from '../../../components/form-problem';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem, type PasswordLink } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatDateTime } from '../../../lib/format';
import { ROLE_KEYS } from '../../../lib/keys';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { csrfOf, signInRedirect, useSession } from '../../../lib/session';
import { refused } from '../api/admin-access';
import { filterUsers, readUserFilter, USER_STATUSES, userStatus } from '../api/user-filter';

/** The users (only admins may list them: the API decides), filtered as the URL says. */
async function load(api: ApiClient, request: Request) {
  try {
    const [users, organisations] = await Promise.all([api.listUsers(), api.listOrganisations()]);
    const filter = readUserFilter(new URL(request.url));
    return {
      users: filterUsers(users, filter),
      total: users.length,
      filter,
      organisations: organisations.map(({ key, name }) => ({ key, name })),
    };
  } catch (error) {
    throw refused(error, request);
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return load(serverApi(context, request).api, request);
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return load(browserApi().api, request);
}

interface UserFormValues {
  email: string;
  name: string;
  role: string;
  organisation: string;
}

interface ShownLink extends PasswordLink {
  name: string;
  url: string;
}
type Result =
  | { intent: 'add'; added: string; link: ShownLink }
  | { intent: 'disable'; disabled: string }
  | { intent: 'link'; link: ShownLink }
  | { intent: 'add'; problem: Problem; values: UserFormValues }
  | { intent: 'disable' | 'link'; problem: Problem };

function field(form: FormData, name: string): string {
  return String(form.get(name) ?? '').trim();
}

/**
 * Add (then make the invite link at once), disable, or make a password link. The link is in this
 * answer only: shown once, never in a URL.
 */
async function submit(api: ApiClient, request: Request, form: FormData) {
  const csrf = csrfOf(form);
  const origin = new URL(request.url).origin;
  const shown = (link: PasswordLink, name: string): ShownLink => ({
    ...link,
    name,
    url: `${origin}${paths.setPassword(link.token)}`,
  });
  const intent = field(form, 'intent');
  const values = {
    email: field(form, 'email'),
    name: field(form, 'name'),
    role: field(form, 'role'),
    organisation: field(form, 'organisation'),
  };
  try {
    if (intent === 'disable') {
      const user = await api.disableUser(field(form, 'id'), csrf);
      return data<Result>({ intent: 'disable', disabled: user.name });
    }
    if (intent === 'link') {
      return data<Result>({ intent: 'link', link: shown(await api.passwordLink(field(form, 'id'), csrf), field(form, 'name')) });
    }
    const user = await api.createUser(values, csrf);
    const link = await api.passwordLink(user.id, csrf);
    return data<Result>({ intent: 'add', added: user.name, link: shown(link, user.name) }, { status: 201 });
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) throw signInRedirect(request);
    if (error instanceof ApiProblem && error.status < 500) {
      const problem = error.problem;
      if (intent === 'disable' || intent === 'link') return data<Result>({ intent, problem }, { status: error.status });
      return data<Result>({ intent: 'add', problem, values }, { status: error.status });
    }
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return submit(serverApi(context, request).api, request, await request.formData());
}

export async function clientAction({ request }: ActionFunctionArgs) {
  return submit(browserApi().api, request, await request.formData());
}

function LinkNotice({ link }: { link: ShownLink }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Alert type="ok" role="status" ref={ref} tabIndex={-1} className="schakel-password-link">
      <Heading2>
        {link.purpose === 'invite'
          ? t('users.linkTitleInvite', { name: link.name })
          : t('users.linkTitleReset', { name: link.name })}
      </Heading2>
      <Paragraph>
        {t('users.linkText', { name: link.name, expires: formatDateTime(i18n.language as Language, link.expiresAt) })}
      </Paragraph>
      <Paragraph>
        <strong>{t('users.linkLabel')}:</strong> <code className="schakel-secret">{link.url}</code>
      </Paragraph>
    </Alert>
  );
}

export default function Users() {
  const { users, filter, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { user: me } = useSession();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const organisationName = new Map(organisations.map((o) => [o.key, o.name]));
  const addResult = result?.intent === 'add' ? result : undefined;
  const addProblem = addResult && 'problem' in addResult ? addResult : undefined;
  const rowProblem = result && result.intent !== 'add' && 'problem' in result ? result.problem : undefined;
  const link = result && 'link' in result ? result.link : undefined;
  const { fields, summary } = useFormErrors(
    addProblem?.problem,
    new Map([
      ['email', t('users.email')],
      ['name', t('users.name')],
      ['role', t('users.role')],
      ['organisation', t('users.organisation')],
    ]),
    new Set(['role', 'organisation']),
  );
  const values: UserFormValues = addProblem?.values ?? { email: '', name: '', role: '', organisation: '' };
  const title = t('users.title');
  return (
    <div className="schakel-page">
      <PageTitle>{summary.length > 0 || rowProblem ? `${t('form.errorSummary')}: ${title}` : title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('users.intro')}</Paragraph>
      {addResult && 'added' in addResult ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('users.added', { name: addResult.added })}</Paragraph>
        </Alert>
      ) : null}
      {result && 'disabled' in result ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('users.disabled', { name: result.disabled })}</Paragraph>
        </Alert>
      ) : null}
      {link ? <LinkNotice key={link.token} link={link} /> : null}
      {rowProblem ? (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, rowProblem)}</Paragraph>
        </Alert>
      ) : null}

      <section aria-labelledby="users-filter">
        <Heading2 id="users-filter">{t('users.filterTitle')}</Heading2>
        <Form method="get" className="schakel-form schakel-filter-row" id="users-filter-form">
          <TextField name="q" label={t('users.search')} type="search" value={filter.q} />
          <SelectField
            name="role"
            label={t('users.role')}
            value={filter.role}
            placeholder={t('users.anyRole')}
            options={ROLE_KEYS.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          />
          <SelectField
            name="status"
            label={t('users.status')}
            value={filter.status}
            placeholder={t('users.anyStatus')}
            options={USER_STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) }))}
          />
          <div className="schakel-actions">
            <Button type="submit" appearance="secondary-action-button">
              {t('users.applyFilter')}
            </Button>
            {filter.q || filter.role || filter.status ? (
              <Link className="utrecht-link" to={paths.users()}>
                {t('users.clearFilter')}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="users-list">
        <Heading2 id="users-list">{t('users.count', { count: users.length })}</Heading2>
        {users.length === 0 ? (
          <Paragraph>{t('users.none')}</Paragraph>
        ) : (
          <div className="schakel-table-wrap">
            <Table id="users-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('users.columnName')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnEmail')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnRole')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnOrganisation')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnStatus')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.columnActions')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.map((user) => {
                  const status = userStatus(user);
                  const self = me?.id === user.id;
                  return (
                    <TableRow key={user.id} data-user={user.email}>
                      <TableCell>
                        {user.name} {self ? <span className="schakel-muted">{t('users.you')}</span> : null}
                      </TableCell>
                      <TableCell>{user.email}</TableCell>
                      <TableCell>{t(`role.${user.role}`)}</TableCell>
                      <TableCell>{organisationName.get(user.organisation) ?? user.organisation}</TableCell>
                      <TableCell>{statusLabel(t, status)}</TableCell>
                      <TableCell>
                        {status === 'disabled' ? null : (
                          <div className="schakel-row-actions">
                            <Form method="post" className="schakel-inline-form">
                              <CsrfField />
                              <input type="hidden" name="intent" value="link" />
                              <input type="hidden" name="id" value={user.id} />
                              <input type="hidden" name="name" value={user.name} />
                              <Button
                                type="submit"
                                appearance="secondary-action-button"
                                aria-label={t('users.makeLinkLabel', { name: user.name })}
                              >
                                {t('users.makeLink')}
                              </Button>
                            </Form>
                            {self ? null : (
                              <Form method="post" className="schakel-inline-form">
                                <CsrfField />
                                <input type="hidden" name="intent" value="disable" />
                                <input type="hidden" name="id" value={user.id} />
                                <Button
                                  type="submit"
                                  appearance="secondary-action-button"
                                  aria-label={t('users.disableLabel', { name: user.name })}
                                >
                                  {t('users.disable')}
                                </Button>
                              </Form>
                            )}
                          </div>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      <section aria-labelledby="users-add">
        <Heading2 id="users-add">{t('users.addTitle')}</Heading2>
        <Paragraph>{t('users.addIntro')}</Paragraph>
        <Form
          method="post"
          className="schakel-form"
          id="add-user-form"
          noValidate
          key={addResult && 'added' in addResult ? addResult.link.token : 'add'}
        >
          <ErrorSummary
            title={t('form.errorSummary')}
            intro={t('form.errorSummaryIntro')}
            errors={summary}
            submission={addProblem}
          />
          <CsrfField />
          <input type="hidden" name="intent" value="add" />
          <TextField name="name" label={t('users.name')} value={values.name} error={fields.get('name')} autoComplete="off" />
          <TextField
            name="email"
            label={t('users.email')}
            type="email"
            value={values.email}
            error={fields.get('email')}
            autoComplete="off"
          />
          <SelectField
            name="role"
            label={t('users.role')}
            value={values.role}
            placeholder={t('users.chooseRole')}
            error={fields.get('role')}
            options={ROLE_KEYS.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          />
          <SelectField
            name="organisation"
            label={t('users.organisation')}
            value={values.organisation}
            placeholder={t('users.chooseOrganisation')}
            error={fields.get('organisation')}
            options={organisations.map((o) => ({ value: o.key, label: o.name }))}
          />
          <div className="schakel-actions">
            <Button type="submit" appearance="primary-action-button" busy={navigation.state === 'submitting'}>
              {t('users.submitAdd')}
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}

function statusLabel(t: TFunction, status: (typeof USER_STATUSES)[number]): string {
  switch (status) {
    case 'active':
      return t('users.statusActive');
    case 'invited':
      return t('users.statusInvited');
    case 'disabled':
      return t('users.statusDisabled');
  }
}
