import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ActionFunctionArgs,
  Link,
  type LoaderFunctionArgs,
  useActionData,
  useLoaderData,
  useSearchParams,
} from 'react-router';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { type ApiClient, ApiProblem } from '../../../lib/api-client';
import { browserApi, serverApi } from '../../../lib/api-context';
import { formatDate, formatNumber } from '../../../lib/format';
import { isOneOf, STATUS_KEYS } from '../../../lib/keys';
import { isLanguage, type Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { browserGovernance, loadObstacleGovernance, serverGovernance } from '../../governance/api/load-obstacle-governance';
import { ObstacleGovernance } from '../../governance/components/obstacle-governance';
import { offeredMoves } from '../../lifecycle/api/moves';
import { submitMove } from '../../lifecycle/api/submit-move';
import { AnalysisView } from '../../lifecycle/components/analysis-view';
import { HistoryTimeline } from '../../lifecycle/components/history-timeline';
import { TransitionActions } from '../../lifecycle/components/transition-actions';
import {
  browserActions,
  loadObstacleActions,
  loadObstacleEscalations,
  serverActions,
} from '../../monitoring/api/actions-context';
import { ObstacleActions } from '../../monitoring/components/obstacle-actions';
import { loadObstacleWithRelated } from '../api/load-obstacle';

/** The obstacle, its history, and the moves the caller may make (its abilities, described by the API's machine). */
async function load(api: ApiClient, reference: string | undefined) {
  const [loaded, history, machine] = await Promise.all([
    loadObstacleWithRelated(api, reference),
    api.history(reference ?? '').catch((error: unknown) => {
      // An unknown obstacle is answered by its own 404 above.
      if (error instanceof ApiProblem && error.status === 404) return [];
      throw error;
    }),
    api.lifecycle(),
  ]);
  return { ...loaded, history, moves: offeredMoves(loaded.obstacle, machine) };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [page, governance, actions, escalations] = await Promise.all([
    load(serverApi(context, request).api, params.reference),
    loadObstacleGovernance(serverGovernance(context, request), params.reference),
    loadObstacleActions(serverActions(context, request), params.reference),
    loadObstacleEscalations(serverActions(context, request), params.reference),
  ]);
  return { ...page, governance, actions, escalations };
}

export async function clientLoader({ params }: LoaderFunctionArgs) {
  const [page, governance, actions, escalations] = await Promise.all([
    load(browserApi().api, params.reference),
    loadObstacleGovernance(browserGovernance(), params.reference),
    loadObstacleActions(browserActions(), params.reference),
    loadObstacleEscalations(browserActions(), params.reference),
  ]);
  return { ...page, governance, actions, escalations };
}

/** A move of the lifecycle, posted by one of the page's forms (with or without JavaScript). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  return submitMove(serverApi(context, request).api, request, params.reference ?? '', await request.formData());
}

export async function clientAction({ request, params }: ActionFunctionArgs) {
  return submitMove(browserApi().api, request, params.reference ?? '', await request.formData());
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
  const { obstacle, reference, related, history, moves, governance, actions, escalations } = useLoaderData<typeof loader>();
  const moveResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const language = i18n.language as Language;
  const none = <span className="schakel-muted">{t('detail.none')}</span>;
  const themeLabels = new Map(reference.themes.map((theme) => [theme.key, theme.label]));
  const governmentLabels = new Map(reference.governments.map((g) => [g.key, g.label]));
  const organisation = reference.organisations.find((o) => o.key === obstacle.reporter.organisation);
  const segment = reference.segments.find((s) => s.key === obstacle.segment);
  const saved = search.get('saved');
  const moved = search.get('moved');
  const actionsSaved = search.get('actions');
  const title = obstacle.text.title?.value ?? obstacle.reference;
  const pageTitle = `${obstacle.reference}: ${title}`;
  const referredTo = obstacle.referredTo
    ? (reference.organisations.find((o) => o.key === obstacle.referredTo)?.name ?? obstacle.referredTo)
    : undefined;
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : none);

  return (
    <article>
      <PageTitle>{moveResult ? `${t('form.errorSummary')}: ${pageTitle}` : pageTitle}</PageTitle>
      {saved === 'created' || saved === 'updated' || saved === 'analysis' ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {saved === 'created' ? t('detail.created') : saved === 'analysis' ? t('analysis.saved') : t('detail.updatedNotice')}
          </Paragraph>
        </Alert>
      ) : null}
      {isOneOf(STATUS_KEYS, moved) && !moveResult ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('lifecycle.moved', { status: t(`status.${moved}`) })}</Paragraph>
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

      <TransitionActions
        reference={obstacle.reference}
        status={obstacle.status}
        version={obstacle.version}
        moves={moves}
        analysisMissing={obstacle.analysis?.missing ?? []}
        informationPoints={reference.organisations.filter((o) => o.kind === 'information_point')}
        result={moveResult}
      />

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
        {obstacle.statusReason ? (
          <Fact label={t('lifecycle.statusReason')}>
            <span className="schakel-prewrap">{obstacle.statusReason}</span>
          </Fact>
        ) : null}
        {referredTo ? <Fact label={t('lifecycle.referredToFact')}>{referredTo}</Fact> : null}
        {obstacle.mergedInto ? (
          <Fact label={t('lifecycle.mergedIntoFact')}>
            <Link className="utrecht-link" to={paths.obstacle(obstacle.mergedInto.reference)}>
              {obstacle.mergedInto.reference}
            </Link>
          </Fact>
        ) : null}
        {obstacle.status === 'reported' || obstacle.status === 'intake' ? (
          <Fact label={t('intake.columnDue')}>{formatDate(language, obstacle.clarificationDue)}</Fact>
        ) : null}
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

      <AnalysisView obstacle={obstacle} />

      <ObstacleGovernance obstacle={obstacle} governance={governance} reference={reference} />

      {actionsSaved ? (
        <Alert type="ok" role="status">
          <Paragraph>{actionsSaved === 'added' ? t('monitoring.addedNotice') : t('monitoring.savedNotice')}</Paragraph>
        </Alert>
      ) : null}
      <ObstacleActions
        reference={obstacle.reference}
        data={actions}
        escalations={escalations}
        organisations={reference.organisations}
      />

      <HistoryTimeline items={history} reference={reference} mergedInto={obstacle.mergedInto} />
    </article>
  );
}
