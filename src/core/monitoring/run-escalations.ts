import { auditRecord } from '../audit/audit-record.js';
import type { NormValue } from '../calendar/norms.js';
import { addCalendarDays, type CalendarKey } from '../calendar/working-days.js';
import { notify } from '../notifications/notify.js';
import type { IdGenerator, Repositories, UnitOfWork } from '../obstacles/ports.js';
import type { LocalizedText } from '../shared/language.js';
import { type Escalation, escalationStep, type ReminderRules, reminderDue } from './escalation.js';
import type { EscalationCandidate } from './ports.js';

/** What the escalation run goes by: the norm `escalation_after`, the reminder rules, each owner's calendar. */
export interface EscalationSettings {
  escalationAfter: NormValue;
  reminders: ReminderRules;
  /** The working-day calendar of an organisation (its government's; `weekends` for none). */
  calendarOf(organisation: string): CalendarKey;
}

export interface EscalationRunReport {
  today: string;
  /** Open actions looked at (overdue, or due soon enough for a reminder). */
  candidates: number;
  /** Climbs made, by the level reached. */
  escalated: { administrative: number; political: number };
  reminders: { beforeDue: number; overdue: number };
  batches: number;
}

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Titles of a notification's params: the non-empty ones. */
function titlesOf(text: LocalizedText): Partial<Record<string, string>> {
  return Object.fromEntries(Object.entries(text).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
}

/** The owner organisation's active users, and with `secretariat` the secretariat's: each once. */
async function recipientsOf(repositories: Repositories, organisation: string, secretariat: boolean): Promise<string[]> {
  const users = new Set(await repositories.notifications.recipients({ organisation }));
  if (secretariat) for (const id of await repositories.notifications.recipients({ role: 'secretariat' })) users.add(id);
  return [...users];
}

async function escalate(
  repositories: Repositories,
  context: { ids: IdGenerator; at: Date; today: string; settings: EscalationSettings },
  candidate: EscalationCandidate,
): Promise<Escalation | undefined> {
  const { today, settings, at } = context;
  const calendar = settings.calendarOf(candidate.ownerOrganisation);
  const step = escalationStep(candidate, today, settings.escalationAfter, calendar);
  if (!step) return undefined;
  const body =
    step.to === 'political'
      ? ((await repositories.escalations.decidingBody(candidate.obstacleId, candidate.decisionId)) ?? null)
      : null;
  const meetingId = body ? ((await repositories.escalations.nextMeeting(body, today)) ?? null) : null;
  const escalation: Escalation = {
    id: context.ids.newId(),
    actionId: candidate.id,
    obstacleId: candidate.obstacleId,
    ownerOrganisation: candidate.ownerOrganisation,
    from: step.from,
    to: step.to,
    escalatedOn: today,
    at,
    reason: 'overdue',
    dueOn: candidate.dueOn,
    since: step.since,
    workingDaysOverdue: step.workingDaysOverdue,
    calendar,
    norm: { amount: settings.escalationAfter.amount, unit: settings.escalationAfter.unit },
    body,
    meetingId,
  };
  // Another run may have climbed it meanwhile: then nothing is written, and nobody is told twice.
  if (!(await repositories.escalations.record(escalation))) return undefined;
  await repositories.audit.append(
    auditRecord({
      actor: 'system',
      at,
      action: 'action.escalate',
      entityType: 'action',
      entityId: candidate.id,
      details: {
        obstacle: candidate.obstacleId,
        escalation: escalation.id,
        fields: { escalationLevel: { before: step.from, after: step.to } },
        dueOn: candidate.dueOn,
        since: step.since,
        workingDaysOverdue: step.workingDaysOverdue,
        calendar,
        body,
      },
    }),
  );
  const bodyNames = body ? (await repositories.governance.findBody(body))?.name : undefined;
  await notify(repositories, context, {
    recipients: { users: await recipientsOf(repositories, candidate.ownerOrganisation, true) },
    kind: 'escalation',
    params: {
      reference: candidate.obstacleReference,
      titles: titlesOf(candidate.obstacleTitle),
      actionTitles: titlesOf(candidate.title),
      dueDate: candidate.dueOn,
      organisation: candidate.ownerOrganisation,
      days: step.workingDaysOverdue,
      level: step.to,
      ...(body ? { body, ...(bodyNames ? { bodyNames: titlesOf(bodyNames) } : {}) } : {}),
    },
    link: `/obstacles/${candidate.obstacleReference}`,
  });
  return escalation;
}

/**
 * The escalation ladder and the due-date reminders of one day (docs/MONITORING.md): every open
 * action overdue by more than the norm `escalation_after` (since its due date or its last climb,
 * in the working days of its owner's government) climbs one level — the `escalations` row, the
 * action's level, an audit event and the `escalation` notification (owner organisation and
 * secretariat) in one transaction; at the political level the escalation names the body that
 * decided and its next meeting (its agenda proposal then carries the obstacle). Open actions due
 * soon or overdue get their reminder, each occasion once (stored). In batches of `batchSize`, each
 * its own transaction. Idempotent: a second run on the same day climbs nothing and sends nothing.
 */
export async function runEscalations(options: {
  today: string;
  batchSize: number;
  uow: UnitOfWork;
  ids: IdGenerator;
  settings: EscalationSettings;
  at?: Date;
}): Promise<EscalationRunReport> {
  const { today, uow, settings, ids } = options;
  const at = options.at ?? new Date();
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  // Due on or before this day: every working day is at least one calendar day, and weekends and
  // holidays add at most 5 days per week of the reminder window (a wide bound; the rule decides).
  const dueBy = addCalendarDays(today, settings.reminders.beforeDueWorkingDays * 2 + 14);
  const report: EscalationRunReport = {
    today,
    candidates: 0,
    escalated: { administrative: 0, political: 0 },
    reminders: { beforeDue: 0, overdue: 0 },
    batches: 0,
  };
  let after = '';
  for (;;) {
    const done = await uow.transaction(async (repositories) => {
      const rows = await repositories.escalations.candidatesAfter(after, dueBy, batchSize);
      for (const candidate of rows) {
        const escalation = await escalate(repositories, { ids, at, today, settings }, candidate);
        if (escalation?.to === 'administrative') report.escalated.administrative += 1;
        if (escalation?.to === 'political') report.escalated.political += 1;
        const reminder = reminderDue(candidate, today, settings.reminders, settings.calendarOf(candidate.ownerOrganisation));
        if (!reminder) continue;
        const claimed = await repositories.escalations.claimReminder({
          actionId: candidate.id,
          occasion: reminder.occasion,
          kind: reminder.kind,
          sentOn: today,
          at,
        });
        if (!claimed) continue;
        await notify(
          repositories,
          { ids, at },
          {
            recipients: { organisation: candidate.ownerOrganisation },
            kind: reminder.kind,
            params: {
              reference: candidate.obstacleReference,
              titles: titlesOf(candidate.obstacleTitle),
              actionTitles: titlesOf(candidate.title),
              dueDate: candidate.dueOn,
              organisation: candidate.ownerOrganisation,
              days: reminder.days,
            },
            link: `/obstacles/${candidate.obstacleReference}`,
          },
        );
        if (reminder.kind === 'reminder_before_due') report.reminders.beforeDue += 1;
        else report.reminders.overdue += 1;
      }
      report.candidates += rows.length;
      const last = rows.at(-1);
      if (last) after = last.id;
      return rows.length < batchSize;
    });
    report.batches += 1;
    if (done) break;
    await yieldToOthers();
  }
  return report;
}
