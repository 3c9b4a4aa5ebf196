import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, type LoaderFunctionArgs, useLoaderData, useSearchParams } from 'react-router';
import { LocalizedText } from '../../../components/localized-text';
import { PageTitle } from '../../../components/page-title';
import { formatDate } from '../../../lib/format';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { governanceApi, pageRefusal } from '../api/governance-context';

/** One decision, for whoever may read its obstacle (404 otherwise, as the API says). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, gov } = governanceApi(context, request);
  try {
    const [decision, reference] = await Promise.all([gov.getDecision(params.id ?? ''), api.referenceData()]);
    return {
      decision,
      governments: reference.governments.map(({ key, label }) => ({ key, label })),
      organisations: reference.organisations.map(({ key, name }) => ({ key, name })),
    };
  } catch (error) {
    throw pageRefusal(error, request);
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function DecisionDetail() {
  const { decision, governments, organisations } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const language = i18n.language as Language;
  const none = <span className="schakel-muted">{t('detail.none')}</span>;
  const governmentLabel = new Map(governments.map((g) => [g.key, g.label]));
  const organisationName = new Map(organisations.map((o) => [o.key, o.name]));
  const title = t('governance.decisionOn', { reference: decision.obstacle.reference });
  return (
    <article className="schakel-page">
      <PageTitle>{title}</PageTitle>
      {search.get('saved') === 'recorded' ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('governance.recorded')}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph className="schakel-muted">
        {formatDate(language, decision.decidedOn)} · <span className="schakel-badge">{decision.typeLabel}</span>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <Link className="utrecht-link" to={paths.obstacle(decision.obstacle.reference)}>
          {decision.obstacle.reference}
        </Link>
        {': '}
        <LocalizedText text={decision.obstacle.title} /> ({t(`status.${decision.obstacle.status}`)})
      </Paragraph>

      <Heading2>{t('governance.text')}</Heading2>
      <LocalizedText as="div" className="utrecht-paragraph schakel-prewrap" text={decision.resolved.text} />
      <Heading2>{t('governance.reasons')}</Heading2>
      {decision.resolved.reasons ? (
        <LocalizedText as="div" className="utrecht-paragraph schakel-prewrap" text={decision.resolved.reasons} />
      ) : (
        <Paragraph className="schakel-muted">{t('detail.none')}</Paragraph>
      )}
      <Heading2>{t('governance.conditions')}</Heading2>
      {decision.resolved.conditions ? (
        <LocalizedText as="div" className="utrecht-paragraph schakel-prewrap" text={decision.resolved.conditions} />
      ) : (
        <Paragraph className="schakel-muted">{t('detail.none')}</Paragraph>
      )}

      <Heading2>{t('detail.facts')}</Heading2>
      <dl className="schakel-facts">
        <Fact label={t('governance.body')}>
          <LocalizedText text={decision.body.name} />
        </Fact>
        <Fact label={t('governance.decidedOn')}>{formatDate(language, decision.decidedOn)}</Fact>
        <Fact label={t('governance.decisionType')}>{decision.typeLabel}</Fact>
        <Fact label={t('governance.meeting')}>
          {decision.meeting ? (
            <Link className="utrecht-link" to={paths.meeting(decision.meeting)}>
              {t('governance.toMeeting')}
            </Link>
          ) : (
            none
          )}
        </Fact>
        <Fact label={t('governance.politicalOwners')}>
          {decision.politicalOwners.length === 0 ? (
            none
          ) : (
            <ul className="utrecht-unordered-list">
              {decision.politicalOwners.map((owner) => (
                <li key={owner.government}>
                  {governmentLabel.get(owner.government) ?? owner.government}:{' '}
                  {[owner.name, owner.office].filter(Boolean).join(', ')}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label={t('governance.departments')}>
          {decision.departments.length === 0
            ? none
            : decision.departments.map((key) => organisationName.get(key) ?? key).join(', ')}
        </Fact>
        <Fact label={t('governance.dueOn')}>{decision.dueOn ? formatDate(language, decision.dueOn) : none}</Fact>
        <Fact label={t('governance.sourceLanguage')}>{t(`languageName.${decision.sourceLanguage}`)}</Fact>
      </dl>
      <Paragraph>
        <Link className="utrecht-link" to={paths.decisions()}>
          {t('governance.backToRegister')}
        </Link>
      </Paragraph>
    </article>
  );
}
