import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ObstacleResponse } from '../../../../contracts/obstacles.contract.js';
import { LocalizedText } from '../../../components/localized-text';
import type { Language } from '../../../lib/language';
import { paths } from '../../../lib/paths';
import { analysisPartId } from '../api/move-errors';
import { resolveText } from '../api/resolve-text';

/** The six parts of the analysis, in the order of the expert report. */
export const ANALYSIS_PARTS = ['description', 'provisions', 'solutions', 'derogation', 'otherAspects', 'references'] as const;
export type AnalysisPart = (typeof ANALYSIS_PARTS)[number];

/** The analysis, read-only, on the obstacle page; a link to its form for those who may edit. */
export function AnalysisView({ obstacle }: { obstacle: ObstacleResponse }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const analysis = obstacle.analysis;
  const missing = new Set((analysis?.missing ?? []).map((name) => name.replace(/^analysis\./, '')));
  const empty = <Paragraph className="schakel-muted">{t('analysis.notFilled')}</Paragraph>;
  const text = (stored: Parameters<typeof resolveText>[0]) => {
    const resolved = resolveText(stored, language, obstacle.sourceLanguage);
    return resolved ? <LocalizedText as="div" className="utrecht-paragraph schakel-prewrap" text={resolved} /> : empty;
  };
  const part = (name: AnalysisPart, number: number) => (
    <Heading3 id={analysisPartId(name)}>{t('analysis.partHeading', { number, part: t(`analysis.parts.${name}`) })}</Heading3>
  );
  return (
    <section aria-labelledby="analysis-title">
      <Heading2 id="analysis-title">{t('analysis.title')}</Heading2>
      {analysis && missing.size > 0 ? (
        <Paragraph className="schakel-muted">
          {t('analysis.missing', { parts: [...missing].map((p) => t(`analysis.parts.${p as AnalysisPart}`)).join(', ') })}
        </Paragraph>
      ) : analysis ? (
        <Paragraph className="schakel-muted">{t('analysis.complete')}</Paragraph>
      ) : null}
      {obstacle.abilities?.includes('edit') ? (
        <div className="schakel-actions">
          <Link className="schakel-button-link schakel-button-link--secondary" to={paths.analysis(obstacle.reference)}>
            {t('analysis.edit')}
          </Link>
        </div>
      ) : null}
      {part('description', 1)}
      {text(analysis?.description)}
      {part('provisions', 2)}
      {obstacle.provisions.length === 0 ? (
        empty
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
      {part('solutions', 3)}
      {text(analysis?.solutions)}
      {part('derogation', 4)}
      {analysis ? (
        <Paragraph>
          {t('analysis.derogationPossible')}{' '}
          <strong>
            {analysis.derogation.possible === null
              ? t('analysis.possibleUnknown')
              : analysis.derogation.possible
                ? t('analysis.possibleYes')
                : t('analysis.possibleNo')}
          </strong>
        </Paragraph>
      ) : null}
      {text(analysis?.derogation.explanation)}
      {part('otherAspects', 5)}
      {text(analysis?.otherAspects)}
      {part('references', 6)}
      {analysis && analysis.references.length > 0 ? (
        <ul className="utrecht-unordered-list">
          {analysis.references.map((reference, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: references have no key of their own
            <li key={index}>
              {reference.url ? (
                <a className="utrecht-link" href={reference.url} rel="noopener noreferrer">
                  {reference.title}
                </a>
              ) : (
                reference.title
              )}
            </li>
          ))}
        </ul>
      ) : (
        empty
      )}
    </section>
  );
}
