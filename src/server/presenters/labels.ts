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

const NORM_PHASES: Record<string, Record<Language, string>> = {
  routing_acknowledgement: {
    nl: 'Bevestiging van de routering door een departement',
    fr: 'Accusé de réception de l’orientation par un département',
    de: 'Bestätigung der Zuweisung durch ein Ministerium',
    en: 'A department acknowledges its routing',
  },
  department_response: {
    nl: 'Inhoudelijke reactie van een departement',
    fr: 'Réponse sur le fond d’un département',
    de: 'Inhaltliche Antwort eines Ministeriums',
    en: 'A department responds on the substance',
  },
  intake_clarification: {
    nl: 'Vraag om verduidelijking aan de melder (intake)',
    fr: 'Demande de précisions au déclarant (réception)',
    de: 'Rückfrage an die meldende Stelle (Eingang)',
    en: 'Clarification asked of the reporter (intake)',
  },
  escalation_after: {
    nl: 'Te laat voordat een punt één escalatieniveau stijgt',
    fr: 'Retard avant qu’un point monte d’un niveau d’escalade',
    de: 'Verzug, bevor ein Punkt eine Eskalationsstufe steigt',
    en: 'Overdue before an item climbs one escalation level',
  },
  stale_after: {
    nl: 'Zonder update voordat een punt als stilgevallen geldt',
    fr: 'Sans mise à jour avant qu’un point soit considéré comme en sommeil',
    de: 'Ohne Aktualisierung, bevor ein Punkt als ruhend gilt',
    en: 'Without an update before an item counts as stale',
  },
};

/** What a norm's phase is, in a language; the key itself for a phase not yet translated. */
export function normPhaseLabel(phase: string, language: Language): string {
  return NORM_PHASES[phase]?.[language] ?? phase;
}
