import {
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
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import type { Amendment } from '../api/decision-client';

/**
 * The amendments of a round's portfolio, as the solution page and the report show them: a section
 * with its heading, "no amendments" or a table (candidate, change, reason, who and when), and what
 * the page adds below the table (the solution page's amend form). `ids` keeps each page's element
 * ids (the journeys find the table by them).
 */
export function AmendmentsSection({
  amendments,
  ids,
  reference,
  organisationName,
  children,
}: {
  amendments: readonly Amendment[];
  ids: { title: string; empty: string; table: string };
  /** The candidate's reference, shown for an obstacle id. */
  reference: (obstacleId: string) => string;
  /** Organisation names by key; a key without a name is shown as it is. */
  organisationName: ReadonlyMap<string, string>;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <section aria-labelledby={ids.title}>
      <Heading2 id={ids.title}>{t('selectionDecision.amendmentsTitle')}</Heading2>
      {amendments.length === 0 ? (
        <Paragraph id={ids.empty}>{t('selectionDecision.noAmendments')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id={ids.table}>
            <TableCaption>{t('selectionDecision.amendmentsCaption', { count: amendments.length })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('rounds.reference')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('selectionDecision.amendChange')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('selectionDecision.amendReason')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('selectionDecision.amendedBy')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('selectionDecision.amendedOn')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {amendments.map((a) => (
                <TableRow key={a.id} data-candidate={reference(a.obstacleId)} data-change={a.change}>
                  <TableHeaderCell scope="row">{reference(a.obstacleId)}</TableHeaderCell>
                  <TableCell>{t(`selectionDecision.change.${a.change}`)}</TableCell>
                  <TableCell>{a.reason}</TableCell>
                  <TableCell>
                    {a.createdByName
                      ? `${a.createdByName.name} (${organisationName.get(a.createdByName.organisation) ?? a.createdByName.organisation})`
                      : t('selectionDecision.unknownUser')}
                  </TableCell>
                  <TableCell>
                    <time dateTime={a.createdAt}>{formatDate(language, a.createdAt.slice(0, 10))}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {children}
    </section>
  );
}
