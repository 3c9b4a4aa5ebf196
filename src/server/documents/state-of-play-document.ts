import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ActionStatus } from '../../core/actions/action.js';
import type { Language } from '../../core/shared/language.js';
import { resolveText } from '../../core/shared/language.js';
import type { StateOfPlayOverview, StateOfPlayRound } from '../../core/state-of-play/state-of-play.js';
import { longDate } from '../presenters/governance-labels.js';

type Labels = Record<
  | 'overview'
  | 'referenceDate'
  | 'answerDueOn'
  | 'closedAt'
  | 'departments'
  | 'department'
  | 'items'
  | 'answered'
  | 'missed'
  | 'noneMissed'
  | 'complete'
  | 'incomplete'
  | 'noAnswer'
  | 'dueOn'
  | 'overdue'
  | 'status'
  | 'progress'
  | 'forecastOn'
  | 'note',
  string
>;

/** The words of the overview document, per language. */
export const STATE_OF_PLAY_LABELS: Record<Language, Labels> = {
  nl: {
    overview: 'Overzicht stand van zaken',
    referenceDate: 'Peildatum',
    answerDueOn: 'Antwoord gevraagd vóór',
    closedAt: 'Gesloten op',
    departments: 'Departementen',
    department: 'Departement',
    items: 'Punten',
    answered: 'Beantwoord',
    missed: 'Niet (volledig) beantwoord',
    noneMissed: 'Alle departementen hebben geantwoord.',
    complete: 'volledig beantwoord',
    incomplete: 'niet volledig beantwoord',
    noAnswer: 'Geen antwoord',
    dueOn: 'Termijn',
    overdue: 'over de termijn',
    status: 'Status',
    progress: 'Voortgang',
    forecastOn: 'Verwacht gereed',
    note: 'Toelichting',
  },
  fr: {
    overview: 'Synthèse de l’état d’avancement',
    referenceDate: 'Date de référence',
    answerDueOn: 'Réponse demandée avant le',
    closedAt: 'Clôturé le',
    departments: 'Départements',
    department: 'Département',
    items: 'Points',
    answered: 'Répondu',
    missed: 'Sans réponse (complète)',
    noneMissed: 'Tous les départements ont répondu.',
    complete: 'réponse complète',
    incomplete: 'réponse incomplète',
    noAnswer: 'Pas de réponse',
    dueOn: 'Échéance',
    overdue: 'en retard',
    status: 'Statut',
    progress: 'Avancement',
    forecastOn: 'Achèvement prévu',
    note: 'Commentaire',
  },
  de: {
    overview: 'Sachstandsübersicht',
    referenceDate: 'Stichtag',
    answerDueOn: 'Antwort erbeten bis',
    closedAt: 'Geschlossen am',
    departments: 'Ressorts',
    department: 'Ressort',
    items: 'Punkte',
    answered: 'Beantwortet',
    missed: 'Nicht (vollständig) beantwortet',
    noneMissed: 'Alle Ressorts haben geantwortet.',
    complete: 'vollständig beantwortet',
    incomplete: 'nicht vollständig beantwortet',
    noAnswer: 'Keine Antwort',
    dueOn: 'Frist',
    overdue: 'überfällig',
    status: 'Status',
    progress: 'Fortschritt',
    forecastOn: 'Voraussichtlich fertig',
    note: 'Anmerkung',
  },
  en: {
    overview: 'State-of-play overview',
    referenceDate: 'Reference date',
    answerDueOn: 'Answers requested by',
    closedAt: 'Closed on',
    departments: 'Departments',
    department: 'Department',
    items: 'Items',
    answered: 'Answered',
    missed: 'Not (fully) answered',
    noneMissed: 'Every department answered.',
    complete: 'fully answered',
    incomplete: 'not fully answered',
    noAnswer: 'No answer',
    dueOn: 'Due',
    overdue: 'overdue',
    status: 'Status',
    progress: 'Progress',
    forecastOn: 'Expected done',
    note: 'Note',
  },
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, Record<Language, string>> = {
  planned: { nl: 'Gepland', fr: 'Planifiée', de: 'Geplant', en: 'Planned' },
  in_progress: { nl: 'In uitvoering', fr: 'En cours', de: 'In Arbeit', en: 'In progress' },
  done: { nl: 'Gereed', fr: 'Terminée', de: 'Erledigt', en: 'Done' },
  cancelled: { nl: 'Vervallen', fr: 'Annulée', de: 'Entfallen', en: 'Cancelled' },
};

function line(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

/**
 * The overview of a closed round as a Word document, in `language`: the round's dates, a table of
 * the departments (items, answered), the departments that missed it named explicitly, and per
 * department every item with its answer (or "no answer"). Departments by their names (`names`).
 */
export async function stateOfPlayDocx(
  round: StateOfPlayRound,
  overview: StateOfPlayOverview,
  language: Language,
  names: ReadonlyMap<string, string>,
): Promise<Buffer> {
  const labels = STATE_OF_PLAY_LABELS[language];
  const name = (key: string) => names.get(key) ?? key;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${labels.overview} — ${round.title}`)] }),
    line(labels.referenceDate, longDate(round.referenceDate, language)),
    line(labels.answerDueOn, longDate(round.answerDueOn, language)),
    ...(round.closedAt ? [line(labels.closedAt, longDate(round.closedAt.toISOString().slice(0, 10), language))] : []),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(labels.departments)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [cell(labels.department, true), cell(labels.items, true), cell(labels.answered, true)],
        }),
        ...overview.departments.map(
          (d) =>
            new TableRow({
              children: [
                cell(`${name(d.organisation)} (${d.complete ? labels.complete : labels.incomplete})`),
                cell(String(d.items)),
                cell(String(d.answered)),
              ],
            }),
        ),
      ],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(labels.missed)] }),
    ...(overview.missed.length === 0
      ? [new Paragraph(labels.noneMissed)]
      : overview.missed.map((key) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(name(key))] }))),
  ];
  for (const department of overview.departments) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(name(department.organisation))] }));
    for (const item of overview.items.filter((i) => i.organisation === department.organisation)) {
      const title = resolveText(item.title, language, item.sourceLanguage)?.value ?? '';
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          children: [new TextRun({ text: `${item.obstacle.reference} — `, bold: true }), new TextRun(title)],
        }),
        line(labels.dueOn, `${longDate(item.dueOn, language)}${item.overdue ? ` (${labels.overdue})` : ''}`),
      );
      const answer = item.answer;
      if (!answer) {
        children.push(new Paragraph({ children: [new TextRun({ text: labels.noAnswer, italics: true })] }));
        continue;
      }
      children.push(
        line(labels.status, ACTION_STATUS_LABELS[answer.status][language]),
        line(labels.progress, `${answer.progress} %`),
        ...(answer.forecastOn ? [line(labels.forecastOn, longDate(answer.forecastOn, language))] : []),
        ...(answer.note ? [line(labels.note, answer.note)] : []),
      );
    }
  }
  const document = new Document({
    creator: 'Schakel',
    title: `${labels.overview} — ${round.title}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

/** The file name of a round's overview: `state-of-play-<reference date>.docx`. */
export function stateOfPlayFileName(round: StateOfPlayRound): string {
  return `state-of-play-${round.referenceDate}.docx`;
}
