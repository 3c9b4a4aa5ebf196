import { auditRecord } from '../audit/audit-record.js';
import type { NormValue } from '../calendar/norms.js';
import { addCalendarDays, type CalendarKey } from '../calendar/working-days.js';
import { notify } from '../notifications/notify.js';
import type { NotificationOutbox } from '../notifications/ports.js';
import type { IdGenerator, Repositories, UnitOfWork } from '../obstacles/ports.js';
import type { LocalizedText } from '../shared/language.js';
import { type Escalation, escalationStep, type ReminderRules, reminderDue } from './escalation.js';
import type { EscalationCandidate } from './ports.js';
import { nextBatchSize, pauseAfter } from './run-monitoring.js';

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
  /** Milliseconds the run took. */
  ms: number;
}

/** The first batch when batches are fitted to `sliceMs`: a climb writes several rows, so it starts small. */
export const FIRST_FITTED_ESCALATIONS = 10;
/** The smallest batch when fitted: one climb can take longer than a slice on its own. */
export const MIN_ESCALATIONS = 1;

function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The outbox of one batch's transaction, answering who receives what once per audience: within
 * one transaction the users cannot change, and a batch of climbs asks for the same secretariat and
 * the same few departments again and again.
 */
function keepingRecipients(outbox: NotificationOutbox): NotificationOutbox {
  const kept = new Map<string, Promise<string[]>>();
  const recipients: NotificationOutbox['recipients'] = (audience) => {
    const key = JSON.stringify(audience);
    let users = kept.get(key);
    if (users === undefined) {
      users = outbox.recipients(audience);
      kept.set(key, users);
    }
    return users;
  };
  return new Proxy(outbox, {
    get: (target, property) => (property === 'recipients' ? recipients : Reflect.get(target, property)),
  });
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
 * soon or overdue get their reminder, each occasion once (stored). In batches, each its own
 * transaction (all of a candidate's writes or none): `batchSize` candidates, or with `sliceMs` as
 * many as take about that long (at most `batchSize`, fitted as the monitoring run's: `nextBatchSize`),
 * yielding to other work between batches and, in a busy process, pausing as long as the batch took
 * (`pauseAfter`). The batches change nothing in what is written: the candidates are taken in the
 * order of their ids, each judged on its own. Idempotent: a second run on the same day climbs
 * nothing and sends nothing.
 */
export async function runEscalations(options: {
  today: string;
  /** Candidates per batch; with `sliceMs`, the most. */
  batchSize: number;
  /** When set, each batch is fitted to take about this many milliseconds. */
  sliceMs?: number;
  uow: UnitOfWork;
  ids: IdGenerator;
  settings: EscalationSettings;
  at?: Date;
  now?: () => number;
  /** Waits this many milliseconds (tests give their own). */
  pause?: (ms: number) => Promise<void>;
}): Promise<EscalationRunReport> {
  const { today, uow, settings, ids, sliceMs } = options;
  const at = options.at ?? new Date();
  const batchSize = Math.max(1, Math.floor(options.batchSize));
  const clock = options.now ?? (() => performance.now());
  const pause = options.pause ?? sleep;
  const started = clock();
  // Due on or before this day: every working day is at least one calendar day, and weekends and
  // holidays add at most 5 days per week of the reminder window (a wide bound; the rule decides).
  const dueBy = addCalendarDays(today, settings.reminders.beforeDueWorkingDays * 2 + 14);
  const report: EscalationRunReport = {
    today,
    candidates: 0,
    escalated: { administrative: 0, political: 0 },
    reminders: { beforeDue: 0, overdue: 0 },
    batches: 0,
    ms: 0,
  };
  let after = '';
  let size = sliceMs === undefined ? batchSize : Math.min(batchSize, FIRST_FITTED_ESCALATIONS);
  for (;;) {
    const batchStarted = clock();
    const limit = size;
    const done = await uow.transaction(async (inTransaction) => {
      const repositories = { ...inTransaction, notifications: keepingRecipients(inTransaction.notifications) };
      const rows = await repositories.escalations.candidatesAfter(after, dueBy, limit);
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
      return rows.length < limit;
    });
    report.batches += 1;
    if (done) break;
    const batchMs = clock() - batchStarted;
    size = nextBatchSize({ last: limit, elapsedMs: batchMs, sliceMs, batchSize, min: MIN_ESCALATIONS });
    const turnStarted = clock();
    await yieldToOthers();
    const ms = pauseAfter({ batchMs, turnMs: clock() - turnStarted, sliceMs });
    if (ms > 0) await pause(ms);
  }
  report.ms = Math.round(clock() - started);
  return report;
}
