import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Form, Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { SelectField, TextField } from '../../../components/form-fields';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../lib/paths';
import { governanceApi } from '../api/governance-context';
import { DECISION_TYPE_KEYS, isoDate } from '../api/keys';
import { DecisionSummary } from '../components/decision-summary';

/** The filters of the register from the page's address (unknown values are dropped). */
function filterOf(url: URL) {
  const type = url.searchParams.get('type') ?? '';
  return {
    body: url.searchParams.get('body') ?? '',
    type: (DECISION_TYPE_KEYS as readonly string[]).includes(type) ? type : '',
    from: isoDate(url.searchParams.get('from')) ?? '',
    to: isoDate(url.searchParams.get('to')) ?? '',
    cursor: url.searchParams.get('cursor') ?? '',
  };
}

function queryOf(filter: Record<string, string>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) search.set(key, value);
  return search.toString();
}

/** The decisions the caller may read (the public: those on public obstacles), newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { gov } = governanceApi(context, request);
  const filter = filterOf(new URL(request.url));
  const [page, bodies] = await Promise.all([
    gov.listDecisions({
      body: filter.body || undefined,
      type: filter.type ? [filter.type] : undefined,
      from: filter.from || undefined,
      to: filter.to || undefined,
      cursor: filter.cursor || undefined,
    }),
    gov.listBodies(),
  ]);
  return { filter, page, bodies: bodies.map((body) => ({ key: body.key, name: body.text.name?.value ?? body.key })) };
}

export default function Decisions() {
  const { filter, page, bodies } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const title = t('governance.registerTitle');
  const next = page.nextCursor ? queryOf({ ...filter, cursor: page.nextCursor }) : undefined;
  const first = filter.cursor ? queryOf({ ...filter, cursor: '' }) : undefined;
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('governance.registerIntro')}</Paragraph>
      <Form method="get" className="schakel-form schakel-filters" id="decision-filters" aria-label={t('governance.filters')}>
        <SelectField
          name="body"
          label={t('governance.body')}
          value={filter.body}
          placeholder={t('governance.allBodies')}
          options={bodies.map((body) => ({ value: body.key, label: body.name }))}
        />
        <SelectField
          name="type"
          label={t('governance.decisionType')}
          value={filter.type}
          placeholder={t('governance.allTypes')}
          options={DECISION_TYPE_KEYS.map((key) => ({ value: key, label: t(`governance.type.${key}`) }))}
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
        <Paragraph className="schakel-muted">{t('governance.noDecisions')}</Paragraph>
      ) : (
        <ol className="schakel-results" id="decision-list">
          {page.items.map((decision) => (
            <DecisionSummary key={decision.id} decision={decision} />
          ))}
        </ol>
      )}
      {next || first ? (
        <nav aria-label={t('governance.paging')} className="schakel-actions">
          {first !== undefined ? (
            <Link className="utrecht-link" to={`${paths.decisions()}${first ? `?${first}` : ''}`}>
              {t('governance.firstPage')}
            </Link>
          ) : null}
          {next ? (
            <Link className="utrecht-link" to={`${paths.decisions()}?${next}`} rel="next">
              {t('governance.nextPage')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
