import type { DecisionType, MeetingStatus } from '../../core/governance/governance.js';
import type { ObstacleStatus } from '../../core/obstacles/obstacle.js';
import type { Language } from '../../core/shared/language.js';

type Labels<K extends string> = Record<K, Record<Language, string>>;

/** The types of decision, per language (API `typeLabel` and the .docx documents). */
export const DECISION_TYPE_LABELS: Labels<DecisionType> = {
  administrative_change: {
    nl: 'Bestuurlijke aanpassing',
    fr: 'Modification administrative',
    de: 'Verwaltungsänderung',
    en: 'Administrative change',
  },
  legislative_change: {
    nl: 'Wetswijziging',
    fr: 'Modification législative',
    de: 'Gesetzesänderung',
    en: 'Legislative change',
  },
  derogation: {
    nl: 'Afwijkingsbepaling met waarborgen',
    fr: 'Dérogation avec garanties',
    de: 'Ausnahmeregelung mit Schutzvorkehrungen',
    en: 'Derogation with safeguards',
  },
  treaty_or_agreement: {
    nl: 'Verdrag of akkoord',
    fr: 'Traité ou accord',
    de: 'Vertrag oder Abkommen',
    en: 'Treaty or agreement',
  },
  information_measure: {
    nl: 'Informatiemaatregel',
    fr: "Mesure d'information",
    de: 'Informationsmaßnahme',
    en: 'Information measure',
  },
  not_to_be_solved: {
    nl: 'Niet op te lossen',
    fr: 'Ne pas résoudre',
    de: 'Nicht zu lösen',
    en: 'Not to be solved',
  },
  deferred: { nl: 'Aangehouden', fr: 'Reporté', de: 'Zurückgestellt', en: 'Deferred' },
};

export const MEETING_STATUS_LABELS: Labels<MeetingStatus> = {
  planned: { nl: 'Gepland', fr: 'Prévue', de: 'Geplant', en: 'Planned' },
  held: { nl: 'Gehouden', fr: 'Tenue', de: 'Abgehalten', en: 'Held' },
};

/** The statuses of an obstacle, for documents written on the server (the web has its own in web/i18n). */
export const OBSTACLE_STATUS_LABELS: Labels<ObstacleStatus> = {
  reported: { nl: 'Gemeld', fr: 'Signalé', de: 'Gemeldet', en: 'Reported' },
  intake: { nl: 'Intake', fr: 'Réception', de: 'Eingangsprüfung', en: 'Intake' },
  analysis: { nl: 'Analyse', fr: 'Analyse', de: 'Analyse', en: 'Analysis' },
  proposed: { nl: 'Voorgesteld', fr: 'Proposé', de: 'Vorgeschlagen', en: 'Proposed' },
  selected: { nl: 'Geselecteerd', fr: 'Sélectionné', de: 'Ausgewählt', en: 'Selected' },
  not_selected: { nl: 'Niet geselecteerd', fr: 'Non sélectionné', de: 'Nicht ausgewählt', en: 'Not selected' },
  monitoring_list: { nl: 'Monitoringlijst', fr: 'Liste de suivi', de: 'Beobachtungsliste', en: 'Monitoring list' },
  routed: { nl: 'Doorgeleid', fr: 'Transmis', de: 'Weitergeleitet', en: 'Routed' },
  decided: { nl: 'Besloten', fr: 'Décidé', de: 'Beschlossen', en: 'Decided' },
  in_progress: { nl: 'In uitvoering', fr: 'En cours', de: 'In Bearbeitung', en: 'In progress' },
  solved: { nl: 'Opgelost', fr: 'Résolu', de: 'Gelöst', en: 'Solved' },
  partially_solved: { nl: 'Deels opgelost', fr: 'Partiellement résolu', de: 'Teilweise gelöst', en: 'Partially solved' },
  unsolvable: { nl: 'Onoplosbaar', fr: 'Insoluble', de: 'Unlösbar', en: 'Unsolvable' },
  closed_not_an_obstacle: {
    nl: 'Gesloten: geen grensbelemmering',
    fr: 'Clos : pas un obstacle',
    de: 'Geschlossen: kein Grenzhindernis',
    en: 'Closed: not an obstacle',
  },
  referred: { nl: 'Doorverwezen', fr: 'Orienté', de: 'Weiterverwiesen', en: 'Referred' },
  merged: { nl: 'Samengevoegd', fr: 'Fusionné', de: 'Zusammengeführt', en: 'Merged' },
  withdrawn: { nl: 'Ingetrokken', fr: 'Retiré', de: 'Zurückgezogen', en: 'Withdrawn' },
};

/** The fixed texts of the meeting documents (.docx), per language. */
export const DOCUMENT_LABELS: Labels<
  | 'agenda'
  | 'decisions'
  | 'date'
  | 'place'
  | 'status'
  | 'reference'
  | 'note'
  | 'type'
  | 'reasons'
  | 'conditions'
  | 'owners'
  | 'departments'
  | 'due'
  | 'noItems'
  | 'noDecisions'
  | 'obstacle'
> = {
  agenda: { nl: 'Agenda', fr: 'Ordre du jour', de: 'Tagesordnung', en: 'Agenda' },
  decisions: { nl: 'Besluitenlijst', fr: 'Relevé des décisions', de: 'Beschlussliste', en: 'Decisions' },
  date: { nl: 'Datum', fr: 'Date', de: 'Datum', en: 'Date' },
  place: { nl: 'Plaats', fr: 'Lieu', de: 'Ort', en: 'Place' },
  status: { nl: 'Status', fr: 'Statut', de: 'Status', en: 'Status' },
  reference: { nl: 'Kenmerk', fr: 'Référence', de: 'Aktenzeichen', en: 'Reference' },
  note: { nl: 'Toelichting', fr: 'Note', de: 'Anmerkung', en: 'Note' },
  type: { nl: 'Soort besluit', fr: 'Type de décision', de: 'Art des Beschlusses', en: 'Type of decision' },
  reasons: { nl: 'Motivering', fr: 'Motifs', de: 'Begründung', en: 'Reasons' },
  conditions: { nl: 'Voorwaarden', fr: 'Conditions', de: 'Bedingungen', en: 'Conditions' },
  owners: { nl: 'Politiek eigenaars', fr: 'Responsables politiques', de: 'Politisch Verantwortliche', en: 'Political owners' },
  departments: {
    nl: 'Verantwoordelijke departementen',
    fr: 'Départements responsables',
    de: 'Zuständige Ministerien',
    en: 'Responsible departments',
  },
  due: { nl: 'Uiterste datum', fr: 'Échéance', de: 'Frist', en: 'Due date' },
  noItems: {
    nl: 'Er staan geen punten op de agenda.',
    fr: "L'ordre du jour ne comporte aucun point.",
    de: 'Die Tagesordnung enthält keine Punkte.',
    en: 'The agenda has no items.',
  },
  noDecisions: {
    nl: 'In deze vergadering zijn geen besluiten vastgelegd.',
    fr: "Aucune décision n'a été enregistrée lors de cette réunion.",
    de: 'In dieser Sitzung wurden keine Beschlüsse erfasst.',
    en: 'No decisions were recorded in this meeting.',
  },
  obstacle: { nl: 'Grensbelemmering', fr: 'Obstacle', de: 'Grenzhindernis', en: 'Obstacle' },
};

/** A calendar date (YYYY-MM-DD) written out in a language: 12 december 2026, 12 décembre 2026… */
export function longDate(date: string, language: Language): string {
  const locale = { nl: 'nl-NL', fr: 'fr-BE', de: 'de-DE', en: 'en-GB' }[language];
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
