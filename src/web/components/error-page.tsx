import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../lib/paths';
import { PageTitle } from './page-title';

/** Not found and other errors, in the reader's language. */
export function ErrorPage({ status, reference }: { status: number; reference?: string }) {
  const { t } = useTranslation();
  const title = status === 404 ? (reference ? t('error.obstacleNotFoundTitle') : t('error.notFoundTitle')) : t('error.title');
  const text =
    status === 404 ? (reference ? t('error.obstacleNotFoundText', { reference }) : t('error.notFoundText')) : t('error.text');
  return (
    <div className="schakel-page schakel-page--narrow">
      <PageTitle>{title}</PageTitle>
      <Heading1>{title}</Heading1>
      <Paragraph>{text}</Paragraph>
      <Paragraph className="schakel-muted">{t('error.code', { status })}</Paragraph>
      <ul className="schakel-link-row">
        <li>
          <Link className="utrecht-link" to={paths.home()}>
            {t('error.home')}
          </Link>
        </li>
        <li>
          <Link className="utrecht-link" to={paths.register()}>
            {t('detail.backToList')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
