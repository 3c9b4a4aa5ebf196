import {
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
import { Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import type { ApiClient } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatNumber } from '../../../lib/format';
import { STATUS_KEYS } from '../../../lib/keys';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';

/** Counts per status and theme come from the list's facets (one list call, one item). */
async function loadHome(api: ApiClient) {
  const [page, reference] = await Promise.all([api.listObstacles({ limit: 1 }), api.referenceData()]);
  return { total: page.total ?? 0, facets: page.facets, themes: reference.themes };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadHome(serverApi(context, request).api);
}

export async function clientLoader() {
  return loadHome(browserApi().api);
}

export default function Home() {
  const { total, facets, themes } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const statusCounts = STATUS_KEYS.map((key) => ({ key, count: facets?.status[key] ?? 0 })).filter((s) => s.count > 0);
  const themeCounts = themes.map((theme) => ({ ...theme, count: facets?.theme[theme.key] ?? 0 })).filter((s) => s.count > 0);
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <Heading1>{t('home.title')}</Heading1>
      <Paragraph className="schakel-lead">{t('home.intro')}</Paragraph>
      <Paragraph>
        <strong>{t('home.total', { count: total, formattedCount: formatNumber(language, total) })}</strong>
      </Paragraph>
      <div className="schakel-actions">
        <Link className="schakel-button-link" to={paths.register()}>
          {t('home.viewAll')}
        </Link>
      </div>
      <div className="schakel-register">
        <section aria-labelledby="by-status">
          <Heading2 id="by-status">{t('home.byStatus')}</Heading2>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('detail.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('home.countColumn')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {statusCounts.map((status) => (
                <TableRow key={status.key}>
                  <TableCell>
                    <Link className="utrecht-link" to={paths.register(`status=${status.key}`)}>
                      {t(`status.${status.key}`)}
                    </Link>
                  </TableCell>
                  <TableCell className="schakel-count">{formatNumber(language, status.count)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
        <section aria-labelledby="by-theme">
          <Heading2 id="by-theme">{t('home.byTheme')}</Heading2>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('detail.themes')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('home.countColumn')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {themeCounts.map((theme) => (
                <TableRow key={theme.key}>
                  <TableCell>
                    <Link className="utrecht-link" to={paths.register(`theme=${encodeURIComponent(theme.key)}`)}>
                      {theme.label}
                    </Link>
                  </TableCell>
                  <TableCell className="schakel-count">{formatNumber(language, theme.count)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      </div>
      <Paragraph>
        {t('home.reportCall')}{' '}
        <Link className="utrecht-link" to={paths.newObstacle()}>
          {t('app.report')}
        </Link>
      </Paragraph>
    </>
  );
}
