import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import type { Decision, GoverningBody, MeetingWithAgenda } from '../../core/governance/governance.js';
import type { Catalogue } from '../../core/obstacles/ports.js';
import { resolveText } from '../../core/shared/language.js';
import {
  DECISION_TYPE_LABELS,
  DOCUMENT_LABELS,
  longDate,
  MEETING_STATUS_LABELS,
  OBSTACLE_STATUS_LABELS,
} from '../presenters/governance-labels.js';

/** The media type of a Word document (.docx). */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const NUMBERED = 'numbered';

function document(title: string, children: Paragraph[]): Document {
  return new Document({
    creator: 'Schakel',
    title,
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [{ children }],
  });
}

function heading(body: GoverningBody, meeting: MeetingWithAgenda, kind: 'agenda' | 'decisions'): Paragraph[] {
  const language = meeting.language;
  const labels = DOCUMENT_LABELS;
  const name = resolveText(body.name, language)?.value ?? body.key;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`${labels[kind][language]} — ${name}`)] }),
    new Paragraph({
      children: [new TextRun({ text: `${labels.date[language]}: `, bold: true }), new TextRun(longDate(meeting.date, language))],
    }),
    ...(meeting.place
      ? [
          new Paragraph({
            children: [new TextRun({ text: `${labels.place[language]}: `, bold: true }), new TextRun(meeting.place)],
          }),
        ]
      : []),
    new Paragraph({
      children: [
        new TextRun({ text: `${labels.status[language]}: `, bold: true }),
        new TextRun(MEETING_STATUS_LABELS[meeting.status][language]),
      ],
    }),
  ];
}

function field(label: string, value: string): Paragraph {
  return new Paragraph({
    indent: { left: 720 },
    children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
  });
}

/** The agenda of a meeting as a Word document, in the meeting's language: numbered items with reference, title (fallback to another language), status and note. */
export async function agendaDocx(meeting: MeetingWithAgenda, body: GoverningBody): Promise<Buffer> {
  const language = meeting.language;
  const labels = DOCUMENT_LABELS;
  const items = meeting.agenda.flatMap((item) => {
    const title = resolveText(item.obstacle.title, language, item.obstacle.sourceLanguage)?.value ?? '';
    return [
      new Paragraph({
        numbering: { reference: NUMBERED, level: 0 },
        children: [new TextRun({ text: `${item.obstacle.reference} — `, bold: true }), new TextRun(title)],
      }),
      field(labels.status[language], OBSTACLE_STATUS_LABELS[item.obstacle.status][language]),
      ...(item.note ? [field(labels.note[language], item.note)] : []),
    ];
  });
  const children = [
    ...heading(body, meeting, 'agenda'),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(labels.agenda[language])] }),
    ...(items.length > 0 ? items : [new Paragraph(labels.noItems[language])]),
  ];
  return Packer.toBuffer(document(`${labels.agenda[language]} — ${meeting.date}`, children));
}

/** The decisions of a meeting as a Word document, in the meeting's language: type, text, reasons, conditions, owners, departments, due date. */
export async function decisionsDocx(
  meeting: MeetingWithAgenda,
  body: GoverningBody,
  decisions: readonly Decision[],
  catalogue: Catalogue,
): Promise<Buffer> {
  const language = meeting.language;
  const labels = DOCUMENT_LABELS;
  const government = (key: string) => catalogue.governments.find((g) => g.key === key)?.label[language] ?? key;
  const department = (key: string) => catalogue.organisations.find((o) => o.key === key)?.name ?? key;
  const items = decisions.flatMap((decision) => {
    const title = resolveText(decision.obstacle.title, language, decision.obstacle.sourceLanguage)?.value ?? '';
    const text = resolveText(decision.text, language, decision.sourceLanguage)?.value;
    const reasons = resolveText(decision.reasons, language, decision.sourceLanguage)?.value;
    const conditions = resolveText(decision.conditions, language, decision.sourceLanguage)?.value;
    const owners = decision.politicalOwners
      .map((o) => `${government(o.government)}: ${[o.name, o.office].filter(Boolean).join(', ')}`)
      .join('; ');
    return [
      new Paragraph({
        numbering: { reference: NUMBERED, level: 0 },
        children: [new TextRun({ text: `${decision.obstacle.reference} — `, bold: true }), new TextRun(title)],
      }),
      field(labels.type[language], DECISION_TYPE_LABELS[decision.type][language]),
      ...(text ? [new Paragraph({ indent: { left: 720 }, children: [new TextRun(text)] })] : []),
      ...(reasons ? [field(labels.reasons[language], reasons)] : []),
      ...(conditions ? [field(labels.conditions[language], conditions)] : []),
      ...(owners ? [field(labels.owners[language], owners)] : []),
      ...(decision.departments.length > 0
        ? [field(labels.departments[language], decision.departments.map(department).join('; '))]
        : []),
      ...(decision.dueOn ? [field(labels.due[language], longDate(decision.dueOn, language))] : []),
    ];
  });
  const children = [
    ...heading(body, meeting, 'decisions'),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(labels.decisions[language])] }),
    ...(items.length > 0 ? items : [new Paragraph(labels.noDecisions[language])]),
  ];
  return Packer.toBuffer(document(`${labels.decisions[language]} — ${meeting.date}`, children));
}

/** A file name for a meeting's document: agenda-grensoverleg-vl-nl-2026-12-10.docx (ASCII only). */
export function documentFileName(kind: 'agenda' | 'decisions', body: string, date: string): string {
  return `${kind}-${body.replace(/[^a-z0-9-]/g, '')}-${date}.docx`;
}
