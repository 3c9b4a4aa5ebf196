import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { ColumnHeaders } from '../../../components/column-headers';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import { LANGUAGES, type Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { pageRefusal, requireSession } from '../../governance/api/governance-context';
import { overviewDocumentPath } from '../api/state-of-play-client';
import { organisationNames, serverStateOfPlay } from '../api/state-of-play-context';
import { DepartmentTable } from '../components/department-table';

/** The overview of a closed round: who answered, who missed it, every answer, and the .docx in each language. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireSession(context, request, 'read_state_of_play');
  try {
    const [round, names] = await Promise.all([
      serverStateOfPlay(context, request).get(params.id ?? ''),
      organisationNames(context, request),
    ]);
    return { round, names };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export default function Overview() {
  const { round, names } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const title = t('stateOfPlay.overviewTitle', { title: round.title });
  const closed = round.status === 'closed';
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={paths.stateOfPlayRound(round.id)}>
          {t('stateOfPlay.roundTitle', { title: round.title })}
        </Link>
      </Paragraph>
      {!closed ? (
        <Alert type="info">
          <Paragraph id="not-closed">{t('stateOfPlay.notClosed')}</Paragraph>
        </Alert>
      ) : (
        <>
          <ul className="schakel-downloads" id="overview-downloads">
            {[language, ...LANGUAGES.filter((l) => l !== language)].map((l) => (
              <li key={l}>
                <a className="utrecht-link" href={overviewDocumentPath(round.id, l)} hrefLang={l} download>
                  {t('stateOfPlay.download', { language: t(`languageName.${l}`) })}
                </a>
              </li>
            ))}
          </ul>
          <Heading2 id="missed-heading">{t('stateOfPlay.missedTitle')}</Heading2>
          {round.missed.length === 0 ? (
            <Paragraph id="missed-none">{t('stateOfPlay.noneMissed')}</Paragraph>
          ) : (
            <ul id="missed-list" aria-labelledby="missed-heading">
              {round.missed.map((key) => (
                <li key={key} data-department={key}>
                  {names[key] ?? key}
                </li>
              ))}
            </ul>
          )}
          <Heading2 id="departments-heading">{t('stateOfPlay.departmentsTitle')}</Heading2>
          <DepartmentTable departments={round.departments} names={names} labelledBy="departments-heading" />
          <Heading2 id="answers-heading">{t('stateOfPlay.allItemsTitle')}</Heading2>
          <div className="schakel-table-wrap">
            <table className="utrecht-table" id="answers-table" aria-labelledby="answers-heading">
              <ColumnHeaders
                labels={[
                  t('stateOfPlay.columnDepartment'),
                  t('stateOfPlay.columnItem'),
                  t('stateOfPlay.dueOn'),
                  t('stateOfPlay.columnAnswer'),
                  t('stateOfPlay.columnForecast'),
                  t('stateOfPlay.columnNote'),
                ]}
              />
              <tbody className="utrecht-table__body">
                {round.items.map((item) => (
                  <tr className="utrecht-table__row" key={item.id} data-item={item.id} data-answered={item.answer !== null}>
                    <td className="utrecht-table__cell">{names[item.organisation] ?? item.organisation}</td>
                    <td className="utrecht-table__cell">
                      <Link className="utrecht-link" to={paths.obstacle(item.obstacle.reference)}>
                        {item.obstacle.reference}
                      </Link>
                      {': '}
                      <LocalizedText text={item.title} />
                    </td>
                    <td className="utrecht-table__cell">
                      {formatDate(language, item.dueOn)} {item.overdue ? t('stateOfPlay.overdue') : null}
                    </td>
                    <td className="utrecht-table__cell">
                      {item.answer
                        ? `${t(`monitoring.status.${item.answer.status}`)}, ${item.answer.progress} %`
                        : t('stateOfPlay.noAnswer')}
                    </td>
                    <td className="utrecht-table__cell">
                      {item.answer?.forecastOn ? formatDate(language, item.answer.forecastOn) : '—'}
                    </td>
                    <td className="utrecht-table__cell">{item.answer?.note ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
