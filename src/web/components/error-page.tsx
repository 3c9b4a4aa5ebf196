import { Heading1, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../lib/paths';
import { PageTitle } from './page-title';

function texts(t: TFunction, status: number, reference: string | undefined, code: string | undefined): [string, string] {
  if (status === 404 && reference) return [t('error.obstacleNotFoundTitle'), t('error.obstacleNotFoundText', { reference })];
  if (status === 404) return [t('error.notFoundTitle'), t('error.notFoundText')];
  if (status === 403 && code === 'csrf_failed') return [t('error.csrfTitle'), t('error.csrfText')];
  if (status === 403) return [t('error.forbiddenTitle'), t('error.forbiddenText')];
  return [t('error.title'), t('error.text')];
}

/** Not found, no access (403, also a form without its CSRF token) and other errors, in the reader's language. */
export function ErrorPage({ status, reference, code }: { status: number; reference?: string; code?: string }) {
  const { t } = useTranslation();
  const [title, text] = texts(t, status, reference, code);
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
