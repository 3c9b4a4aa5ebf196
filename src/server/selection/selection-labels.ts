import type { CriterionKey } from '../../core/selection-rounds/round.js';
import type { Language } from '../../core/shared/language.js';

const CRITERION_LABELS: Record<CriterionKey, Record<Language, string>> = {
  impact: { nl: 'Impact', fr: 'Impact', de: 'Wirkung', en: 'Impact' },
  people_affected: {
    nl: 'Aantal getroffenen',
    fr: 'Nombre de personnes concernées',
    de: 'Zahl der Betroffenen',
    en: 'People affected',
  },
  urgency: { nl: 'Urgentie', fr: 'Urgence', de: 'Dringlichkeit', en: 'Urgency' },
  solvability: { nl: 'Oplosbaarheid', fr: 'Solubilité', de: 'Lösbarkeit', en: 'Solvability' },
  priority_theme_fit: {
    nl: 'Past bij de prioritaire thema’s',
    fr: 'Adéquation aux thèmes prioritaires',
    de: 'Passung zu den Schwerpunktthemen',
    en: 'Fit with the priority themes',
  },
};

/** The name of a criterion in a language (spreadsheets and the report). */
export function criterionLabel(key: CriterionKey, language: Language): string {
  return CRITERION_LABELS[key][language];
}
