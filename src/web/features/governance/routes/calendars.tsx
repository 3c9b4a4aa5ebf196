import {
  Button,
  Heading1,
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
import { Form, type LoaderFunctionArgs, useLoaderData } from 'react-router';
import { SelectField, TextField } from '../../../components/form-fields';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { governanceApi, pageRefusal } from '../api/governance-context';

const WEEKDAYS: Record<Language, string> = { nl: 'nl-NL', fr: 'fr-BE', de: 'de-DE', en: 'en-GB' };

/**
 * The working-day calendars and a year's public holidays (public): where due dates in working days
 * come from. A plain GET form (calendar, year), so it works without JavaScript; a year out of range
 * falls back to this year, an unknown calendar to the first.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { gov } = governanceApi(context, request);
  const url = new URL(request.url);
  const calendars = (await gov.calendars()).items;
  const asked = url.searchParams.get('calendar') ?? '';
  const calendar = calendars.find((c) => c.key === asked)?.key ?? calendars[0]?.key ?? 'nl';
  const thisYear = new Date().getUTCFullYear();
  const askedYear = Number(url.searchParams.get('year'));
  const year = Number.isInteger(askedYear) && askedYear >= 2000 && askedYear <= 2100 ? askedYear : thisYear;
  try {
    return { calendars, holidays: await gov.holidays(calendar, year) };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

export default function Calendars() {
  const { calendars, holidays } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const weekday = new Intl.DateTimeFormat(WEEKDAYS[language] ?? 'nl-NL', { weekday: 'long', timeZone: 'UTC' });
  const title = t('schedule.calendarsTitle');
  return (
    <div className="schakel-page">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{t('schedule.calendarsIntro')}</Paragraph>
      <Form method="get" className="schakel-form schakel-filter" id="calendar-form">
        <SelectField
          name="calendar"
          label={t('schedule.calendar')}
          value={holidays.calendar.key}
          options={calendars.map((c) => ({ value: c.key, label: c.label }))}
        />
        <TextField name="year" label={t('schedule.year')} inputMode="numeric" value={String(holidays.year)} />
        <div className="schakel-actions">
          <Button type="submit" appearance="secondary-action-button">
            {t('schedule.show')}
          </Button>
        </div>
      </Form>
      {holidays.items.length === 0 ? (
        <Paragraph id="no-holidays">{t('schedule.noHolidays')}</Paragraph>
      ) : (
        <div className="schakel-table-wrap">
          <Table id="holidays-table">
            <TableCaption>
              {t('schedule.holidaysCaption', { calendar: holidays.calendar.label, year: holidays.year })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('schedule.date')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schedule.weekday')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schedule.holiday')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {holidays.items.map((holiday) => (
                <TableRow key={holiday.date} data-date={holiday.date}>
                  <TableCell>
                    <time dateTime={holiday.date}>{formatDate(language, holiday.date)}</time>
                  </TableCell>
                  <TableCell>{weekday.format(new Date(`${holiday.date}T00:00:00Z`))}</TableCell>
                  <TableCell>{holiday.name}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
