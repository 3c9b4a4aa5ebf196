import {
  Button,
  FormFieldDescription,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link, type LoaderFunctionArgs, useLoaderData, useSubmit } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import type { ApiClient } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatNumber } from '../../../lib/format';
import { SORT_KEYS, STATUS_KEYS, TYPE_KEYS } from '../../../lib/keys';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { type Facet, listParamsFromUrl, pageQuery } from '../api/list-params';
import { ObstacleSummary } from '../components/obstacle-summary';

async function loadRegister(api: ApiClient, url: URL) {
  const params = listParamsFromUrl(url);
  const [page, reference] = await Promise.all([api.listObstacles(params), api.referenceData()]);
  // Only what the page shows goes into the HTML's data for hydration (not every language's texts).
  const items = page.items.map(({ id, reference, status, segment, themes, updatedAt, text }) => ({
    id,
    reference,
    status,
    segment,
    themes,
    updatedAt,
    text,
  }));
  return { params, page: { ...page, items }, themes: reference.themes, segments: reference.segments };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadRegister(serverApi(context, request).api, new URL(request.url));
}

export async function clientLoader({ request }: LoaderFunctionArgs) {
  return loadRegister(browserApi().api, new URL(request.url));
}

export default function ObstacleList() {
  const { params, page, themes, segments } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const submit = useSubmit();
  const language = i18n.language as Language;
  const themeLabels = new Map(themes.map((theme) => [theme.key, theme.label]));
  const segmentLabels = new Map(segments.map((segment) => [segment.key, segment.label]));
  const total = page.total ?? page.items.length;
  const filtered =
    Boolean(params.q) || params.theme.length + params.status.length + params.segment.length + params.type.length > 0;

  const options: Record<Facet, { key: string; label: string }[]> = {
    theme: themes.map((theme) => ({ key: theme.key, label: theme.label })),
    status: STATUS_KEYS.map((key) => ({ key, label: t(`status.${key}`) })),
    segment: segments.map((segment) => ({ key: segment.key, label: segment.label })),
    type: TYPE_KEYS.map((key) => ({ key, label: t(`type.${key}`) })),
  };
  const facetTitles: Record<Facet, string> = {
    theme: t('list.facetTheme'),
    status: t('list.facetStatus'),
    segment: t('list.facetSegment'),
    type: t('list.facetType'),
  };

  // With JavaScript, a ticked filter or another sort order applies at once.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.type === 'checkbox' || target.tagName === 'SELECT') submit(event.currentTarget);
  };

  const title = params.q ? `${t('list.title')}: “${params.q}”` : t('list.title');
  const nextQuery = page.nextCursor ? pageQuery({ ...params, cursor: page.nextCursor }) : undefined;
  const firstQuery = params.cursor ? pageQuery({ ...params, cursor: undefined }) : undefined;

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Heading1>{t('list.title')}</Heading1>
      <Form method="get" action={paths.register()} onChange={onChange} className="schakel-list-form">
        <div className="schakel-search">
          <div className="schakel-search__field">
            <FormLabel htmlFor="search-q">{t('list.searchLabel')}</FormLabel>
            <FormFieldDescription id="search-q-hint">{t('list.searchHint')}</FormFieldDescription>
            <Textbox id="search-q" type="search" name="q" defaultValue={params.q ?? ''} aria-describedby="search-q-hint" />
          </div>
          <Button type="submit" appearance="primary-action-button">
            {t('list.searchButton')}
          </Button>
        </div>
        <div className="schakel-register">
          <section aria-labelledby="filters-title">
            <Heading2 id="filters-title">{t('list.filters')}</Heading2>
            {(['status', 'theme', 'segment', 'type'] as const).map((facet) => {
              const counts = page.facets?.[facet] ?? {};
              const shown = options[facet].filter(
                (option) => (counts[option.key] ?? 0) > 0 || params[facet].includes(option.key),
              );
              if (shown.length === 0) return null;
              return (
                <fieldset key={facet} className="schakel-facet">
                  <legend>{facetTitles[facet]}</legend>
                  <ul>
                    {shown.map((option) => {
                      const id = `filter-${facet}-${option.key}`;
                      return (
                        <li key={option.key} className="schakel-choice">
                          <input
                            id={id}
                            type="checkbox"
                            name={facet}
                            value={option.key}
                            defaultChecked={params[facet].includes(option.key)}
                            className="utrecht-checkbox utrecht-checkbox--html-input"
                          />
                          <label htmlFor={id}>
                            {option.label}{' '}
                            <span className="schakel-count">({formatNumber(language, counts[option.key] ?? 0)})</span>
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              );
            })}
            <div className="schakel-actions">
              <Button type="submit" appearance="secondary-action-button">
                {t('list.apply')}
              </Button>
              {filtered ? (
                <Link className="utrecht-link" to={paths.register()}>
                  {t('list.clear')}
                </Link>
              ) : null}
            </div>
          </section>
          <section aria-labelledby="results-title">
            <Heading2 id="results-title" className="schakel-visually-hidden">
              {t('list.resultsRegion')}
            </Heading2>
            <div className="schakel-toolbar">
              <p role="status">{t('list.results', { count: total, formattedCount: formatNumber(language, total) })}</p>
              <div>
                <FormLabel htmlFor="sort">{t('list.sortLabel')}</FormLabel>{' '}
                <Select id="sort" name="sort" defaultValue={params.sort ?? (params.q ? 'relevance' : '-updatedAt')}>
                  {SORT_KEYS.filter((key) => key !== 'relevance' || params.q).map((key) => (
                    <SelectOption key={key} value={key}>
                      {t(`list.sort.${key}`)}
                    </SelectOption>
                  ))}
                </Select>
              </div>
            </div>
            {page.items.length === 0 ? (
              <div className="schakel-empty">
                <Heading2>{t('list.emptyTitle')}</Heading2>
                <Paragraph>{t('list.emptyHelp')}</Paragraph>
                <ul>
                  {params.q ? <li>{t('list.emptyFewerWords')}</li> : null}
                  {filtered ? <li>{t('list.emptyFewerFilters')}</li> : null}
                  <li>
                    <Link className="utrecht-link" to={paths.register()}>
                      {t('list.emptyClear')}
                    </Link>
                  </li>
                </ul>
              </div>
            ) : (
              <ul className="schakel-results">
                {page.items.map((item) => (
                  <ObstacleSummary key={item.id} item={item} themeLabels={themeLabels} segmentLabels={segmentLabels} />
                ))}
              </ul>
            )}
            {nextQuery !== undefined || firstQuery !== undefined ? (
              <nav className="schakel-pagination" aria-label={t('list.pagination')}>
                <ul className="schakel-link-row">
                  {firstQuery !== undefined ? (
                    <li>
                      <Link className="utrecht-link" to={paths.register(firstQuery)}>
                        {t('list.first')}
                      </Link>
                    </li>
                  ) : null}
                  {nextQuery !== undefined ? (
                    <li>
                      <Link className="utrecht-link" to={paths.register(nextQuery)} rel="next">
                        {t('list.next')}
                      </Link>
                    </li>
                  ) : null}
                </ul>
              </nav>
            ) : null}
          </section>
        </div>
      </Form>
    </>
  );
}
