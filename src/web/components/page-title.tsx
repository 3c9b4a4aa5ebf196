import { useTranslation } from 'react-i18next';

/** The document title: where you are, then the site (React 19 puts it in <head>). */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  return <title>{`${children} – ${t('app.titleSuffix')}`}</title>;
}
