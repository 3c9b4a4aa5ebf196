import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, useLoaderData, useSearchParams } from 'react-router';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatDate, formatNumber } from '../../../lib/format';
import { isLanguage, type Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { browserGovernance, loadObstacleGovernance, serverGovernance } from '../../governance/api/load-obstacle-governance';
import { ObstacleGovernance } from '../../governance/components/obstacle-governance';
import { loadObstacleWithRelated } from '../api/load-obstacle';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [page, governance] = await Promise.all([
    loadObstacleWithRelated(serverApi(context, request).api, params.reference),
    loadObstacleGovernance(serverGovernance(context, request), params.reference),
  ]);
  return { ...page, governance };
}

export async function clientLoader({ params }: LoaderFunctionArgs) {
  const [page, governance] = await Promise.all([
    loadObstacleWithRelated(browserApi().api, params.reference),
    loadObstacleGovernance(browserGovernance(), params.reference),
  ]);
  return { ...page, governance };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function ObstacleDetail() {
  const { obstacle, reference, related, governance } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const language = i18n.language as Language;
  const none = <span className="schakel-muted">{t('detail.none')}</span>;
  const themeLabels = new Map(reference.themes.map((theme) => [theme.key, theme.label]));
  const governmentLabels = new Map(reference.governments.map((g) => [g.key, g.label]));
  const organisation = reference.organisations.find((o) => o.key === obstacle.reporter.organisation);
  const segment = reference.segments.find((s) => s.key === obstacle.segment);
  const saved = search.get('saved');
  const title = obstacle.text.title?.value ?? obstacle.reference;
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : none);

  return (
    <article>
      <PageTitle>{`${obstacle.reference}: ${title}`}</PageTitle>
      {saved === 'created' || saved === 'updated' ? (
        <Alert type="ok" role="status">
          <Paragraph>{saved === 'created' ? t('detail.created') : t('detail.updatedNotice')}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph className="schakel-muted">
        {obstacle.reference} · <span className="schakel-badge">{t(`status.${obstacle.status}`)}</span>
      </Paragraph>
      <Heading1>
        <LocalizedText text={obstacle.text.title} />
      </Heading1>
      <div className="schakel-actions">
        {obstacle.abilities?.includes('edit') ? (
          <Link className="schakel-button-link" to={paths.editObstacle(obstacle.reference)}>
            {t('detail.edit')}
          </Link>
        ) : null}
        <Link className="utrecht-link" to={paths.register()}>
          {t('detail.backToList')}
        </Link>
      </div>

      <Heading2>{t('detail.summary')}</Heading2>
      <LocalizedText as="p" className="utrecht-paragraph" text={obstacle.text.summary} />

      <Heading2>{t('detail.description')}</Heading2>
      {obstacle.text.description ? (
        <LocalizedText as="div" className="utrecht-paragraph schakel-prewrap" text={obstacle.text.description} />
      ) : (
        <Paragraph className="schakel-muted">{t('detail.noDescription')}</Paragraph>
      )}

      <Heading2>{t('detail.facts')}</Heading2>
      <dl className="schakel-facts">
        <Fact label={t('detail.reference')}>{obstacle.reference}</Fact>
        <Fact label={t('detail.status')}>{t(`status.${obstacle.status}`)}</Fact>
        <Fact label={t('detail.type')}>{t(`type.${obstacle.type}`)}</Fact>
        <Fact label={t('detail.themes')}>{list(obstacle.themes.map((key) => themeLabels.get(key) ?? key))}</Fact>
        <Fact label={t('detail.segment')}>{segment?.label ?? obstacle.segment}</Fact>
        <Fact label={t('detail.governments')}>{list(obstacle.governments.map((key) => governmentLabels.get(key) ?? key))}</Fact>
        <Fact label={t('detail.regions')}>{list(obstacle.regions)}</Fact>
        <Fact label={t('detail.municipalities')}>{list(obstacle.municipalities)}</Fact>
        <Fact label={t('detail.affectedGroups')}>
          {obstacle.text.affectedGroups ? <LocalizedText text={obstacle.text.affectedGroups} /> : none}
        </Fact>
        <Fact label={t('detail.estimatedAffected')}>
          {obstacle.estimatedAffected === null ? none : formatNumber(language, obstacle.estimatedAffected)}
        </Fact>
        <Fact label={t('detail.reportedOn')}>{formatDate(language, obstacle.reportedOn)}</Fact>
        <Fact label={t('detail.reporter')}>
          {t(`reporterType.${obstacle.reporter.type}`)}
          {organisation ? ` (${organisation.name})` : ''}
        </Fact>
        <Fact label={t('detail.channel')}>{t(`channel.${obstacle.channel}`)}</Fact>
        <Fact label={t('detail.visibility')}>{t(`visibility.${obstacle.visibility}`)}</Fact>
        <Fact label={t('detail.sourceLanguage')}>
          {isLanguage(obstacle.sourceLanguage) ? t(`languageName.${obstacle.sourceLanguage}`) : obstacle.sourceLanguage}
        </Fact>
        <Fact label={t('detail.createdAt')}>{formatDate(language, obstacle.createdAt)}</Fact>
        <Fact label={t('detail.updatedAt')}>{formatDate(language, obstacle.updatedAt)}</Fact>
        <Fact label={t('detail.version')}>{formatNumber(language, obstacle.version)}</Fact>
      </dl>

      <Heading2>{t('detail.provisions')}</Heading2>
      {obstacle.provisions.length === 0 ? (
        <Paragraph className="schakel-muted">{t('detail.none')}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list">
          {obstacle.provisions.map((provision, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: provisions have no key of their own
            <li key={index}>
              <strong>{provision.side}</strong> · {t(`provisionLevel.${provision.level}`)} ·{' '}
              {provision.link ? (
                <a className="utrecht-link" href={provision.link} rel="noopener noreferrer">
                  {provision.citation}
                </a>
              ) : (
                provision.citation
              )}
            </li>
          ))}
        </ul>
      )}

      <Heading2>{t('detail.evidence')}</Heading2>
      {obstacle.evidence.length === 0 ? (
        <Paragraph className="schakel-muted">{t('detail.none')}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list">
          {obstacle.evidence.map((evidence) => (
            <li key={evidence.url}>
              <a className="utrecht-link" href={evidence.url} rel="noopener noreferrer">
                {evidence.title}
              </a>
            </li>
          ))}
        </ul>
      )}

      <Heading2>{t('detail.related')}</Heading2>
      {related.length === 0 ? (
        <Paragraph className="schakel-muted">{t('detail.noRelated')}</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list">
          {related.map((link) => (
            <li key={link.id}>
              <Link className="utrecht-link" to={paths.obstacle(link.reference)}>
                {link.reference}
              </Link>
              {link.title ? (
                <>
                  {': '}
                  <LocalizedText text={link.title} />
                </>
              ) : null}{' '}
              ({t(`linkKind.${link.kind}`)})
            </li>
          ))}
        </ul>
      )}

      <ObstacleGovernance obstacle={obstacle} governance={governance} organisations={reference.organisations} />

      <section aria-labelledby="history-title">
        <Heading2 id="history-title">{t('detail.history')}</Heading2>
        <Paragraph className="schakel-muted">{t('detail.historyEmpty')}</Paragraph>
      </section>
    </article>
  );
}
