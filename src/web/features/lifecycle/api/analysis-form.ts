/**
 * The analysis form ↔ the PATCH body. Field names are the API's paths (`analysis.solutions.fr`,
 * `provisions.1.link`, `analysis.references.0.url`), so a refused field is named back exactly.
 * Rows of provisions and references left blank are dropped before sending, and the form is shown
 * again with the rows as sent, so an error's row number is the row on the page.
 */
import type { ObstacleResponse } from '../../../../contracts/obstacles.contract.js';
import { LANGUAGES, type Language } from '../../../lib/language';

export const ANALYSIS_TEXTS = ['description', 'solutions', 'derogation.explanation', 'otherAspects'] as const;
export type AnalysisText = (typeof ANALYSIS_TEXTS)[number];

export interface ProvisionRow {
  side: string;
  citation: string;
  level: string;
  link: string;
}
export interface ReferenceRow {
  title: string;
  url: string;
}

export interface AnalysisFormValues {
  version: string;
  texts: Record<AnalysisText, Record<Language, string>>;
  /** `yes`, `no`, or '' (not known yet). */
  derogationPossible: '' | 'yes' | 'no';
  provisions: ProvisionRow[];
  references: ReferenceRow[];
}

/** Blank rows shown after the filled ones, to add more (save to get more still). */
export const BLANK_ROWS = 2;

function emptyTexts(): Record<AnalysisText, Record<Language, string>> {
  const perLanguage = () => ({ nl: '', fr: '', de: '', en: '' });
  return {
    description: perLanguage(),
    solutions: perLanguage(),
    'derogation.explanation': perLanguage(),
    otherAspects: perLanguage(),
  };
}

export function analysisValuesFromObstacle(obstacle: ObstacleResponse): AnalysisFormValues {
  const texts = emptyTexts();
  const analysis = obstacle.analysis;
  for (const language of LANGUAGES) {
    texts.description[language] = analysis?.description[language] ?? '';
    texts.solutions[language] = analysis?.solutions[language] ?? '';
    texts['derogation.explanation'][language] = analysis?.derogation.explanation[language] ?? '';
    texts.otherAspects[language] = analysis?.otherAspects[language] ?? '';
  }
  const possible = analysis?.derogation.possible;
  return {
    version: String(obstacle.version),
    texts,
    derogationPossible: possible === true ? 'yes' : possible === false ? 'no' : '',
    provisions: obstacle.provisions.map((p) => ({ side: p.side, citation: p.citation, level: p.level, link: p.link ?? '' })),
    references: (analysis?.references ?? []).map((r) => ({ title: r.title, url: r.url ?? '' })),
  };
}

function rows<T extends object>(form: FormData, prefix: string, fields: readonly (keyof T & string)[]): T[] {
  const indexes = new Set<number>();
  for (const key of form.keys()) {
    const match = new RegExp(`^${prefix.replace('.', '\\.')}\\.(\\d{1,3})\\.`).exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map((index) => Object.fromEntries(fields.map((f) => [f, String(form.get(`${prefix}.${index}.${f}`) ?? '').trim()])) as T)
    .filter((row) => Object.entries(row).some(([key, value]) => key !== 'level' && value !== ''));
}

export function readAnalysisForm(form: FormData): AnalysisFormValues {
  const texts = emptyTexts();
  for (const part of ANALYSIS_TEXTS) {
    for (const language of LANGUAGES) texts[part][language] = String(form.get(`analysis.${part}.${language}`) ?? '').trim();
  }
  const possible = String(form.get('analysis.derogation.possible') ?? '');
  return {
    version: String(form.get('version') ?? ''),
    texts,
    derogationPossible: possible === 'yes' || possible === 'no' ? possible : '',
    provisions: rows<ProvisionRow>(form, 'provisions', ['side', 'citation', 'level', 'link']),
    references: rows<ReferenceRow>(form, 'analysis.references', ['title', 'url']),
  };
}

function text(values: Record<Language, string>): Partial<Record<Language, string>> {
  return Object.fromEntries(LANGUAGES.filter((l) => values[l] !== '').map((l) => [l, values[l]]));
}

/** The PATCH body: the six parts, each replacing the stored one. */
export function toAnalysisPatch(values: AnalysisFormValues) {
  return {
    analysis: {
      description: text(values.texts.description),
      solutions: text(values.texts.solutions),
      derogation: {
        possible: values.derogationPossible === 'yes' ? true : values.derogationPossible === 'no' ? false : null,
        explanation: text(values.texts['derogation.explanation']),
      },
      otherAspects: text(values.texts.otherAspects),
      references: values.references.map((r) => (r.url ? { title: r.title, url: r.url } : { title: r.title })),
    },
    provisions: values.provisions.map((p) => ({
      side: p.side,
      citation: p.citation,
      level: p.level,
      ...(p.link ? { link: p.link } : {}),
    })),
  };
}
