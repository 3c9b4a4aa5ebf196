import type { Language } from '../../core/shared/language.js';

const ORGANISATION_KINDS: Record<string, Record<Language, string>> = {
  secretariat: { nl: 'Secretariaat', fr: 'Secrétariat', de: 'Sekretariat', en: 'Secretariat' },
  department: { nl: 'Vakdepartement', fr: 'Département ministériel', de: 'Fachministerium', en: 'Line department' },
  region: { nl: 'Provincie of regio', fr: 'Province ou région', de: 'Provinz oder Region', en: 'Province or region' },
  euregio: { nl: 'Euregio', fr: 'Eurégion', de: 'Euregio', en: 'Euregio' },
  information_point: {
    nl: 'GrensInfoPunt',
    fr: "Point d'information frontalier",
    de: 'Grenzinfopunkt',
    en: 'Border information point',
  },
  knowledge_institute: {
    nl: 'Kennisinstituut',
    fr: 'Institut de recherche',
    de: 'Wissenschaftliches Institut',
    en: 'Knowledge institute',
  },
  municipality: { nl: 'Gemeente', fr: 'Commune', de: 'Gemeinde', en: 'Municipality' },
};

/** The label of an organisation kind in a language; the key itself for a kind not yet translated. */
export function organisationKindLabel(kind: string, language: Language): string {
  return ORGANISATION_KINDS[kind]?.[language] ?? kind;
}
