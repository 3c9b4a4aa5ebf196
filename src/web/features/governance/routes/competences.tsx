import {
  Alert,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, useLoaderData, useSearchParams } from 'react-router';
import { PageTitle } from '../../../components/page-title';
import { paths } from '../../../lib/paths';
import { governanceApi, pageRefusal, requireSession } from '../api/governance-context';

/**
 * The competence matrix for the secretariat (manage_competences): per theme a table of the
 * governments the matrix names, with the lead and involved departments and a link to edit the cell.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSession(context, request, 'manage_competences');
  const { api, gov } = governanceApi(context, request);
  try {
    const [reference, cells] = await Promise.all([api.referenceData(), gov.competences()]);
    const organisation = new Map(reference.organisations.map((o) => [o.key, o.name]));
    const government = new Map(reference.governments.map((g) => [g.key, g.label]));
    return {
      themes: reference.themes
        .map((theme) => ({
          key: theme.key,
          label: theme.label,
          cells: cells
            .filter((c) => c.theme === theme.key)
            .map((c) => ({
              government: c.government,
              governmentLabel: government.get(c.government) ?? c.government,
              lead: c.lead ? (organisation.get(c.lead) ?? c.lead) : '',
              involved: c.involved.map((o) => organisation.get(o) ?? o),
            })),
        }))
        .filter((theme) => theme.cells.length > 0),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export default function Competences() {
  const { themes } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const title = t('competences.title');
  const saved = search.get('saved');
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('competences.intro')}</Paragraph>
      {saved ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('competences.saved', { cell: saved })}</Paragraph>
        </Alert>
      ) : null}
      {themes.map((theme) => (
        <section key={theme.key} aria-labelledby={`theme-${theme.key}`} data-theme={theme.key}>
          <Heading2 id={`theme-${theme.key}`}>{theme.label}</Heading2>
          <div className="schakel-table-wrap">
            <Table>
              <TableCaption>{t('competences.caption', { theme: theme.label })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('competences.government')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('competences.lead')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('competences.involved')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('competences.actions')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {theme.cells.map((cell) => (
                  <TableRow key={cell.government} data-cell={`${theme.key}/${cell.government}`}>
                    <TableHeaderCell scope="row">{cell.governmentLabel}</TableHeaderCell>
                    <TableCell>{cell.lead}</TableCell>
                    <TableCell>{cell.involved.join(', ') || '—'}</TableCell>
                    <TableCell>
                      <Link className="utrecht-link" to={paths.competence(theme.key, cell.government)}>
                        {t('competences.edit', { theme: theme.label, government: cell.governmentLabel })}
                      </Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ))}
    </div>
  );
}
