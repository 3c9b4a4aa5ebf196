import type { Kysely, Transaction } from 'kysely';
import type { ActionStatus } from '../../core/actions/action.js';
import type { NormUnit } from '../../core/calendar/norms.js';
import type { CalendarKey } from '../../core/calendar/working-days.js';
import type { Escalation, EscalationLevel, ReminderKind } from '../../core/monitoring/escalation.js';
import type {
  EscalationCandidate,
  EscalationCursor,
  EscalationFilter,
  EscalationRepository,
  EscalationView,
} from '../../core/monitoring/ports.js';
import type { Language, LocalizedText } from '../../core/shared/language.js';
import type { DB } from '../schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The columns of an escalation with its action and obstacle, as lists read them. */
function viewQuery(db: Executor) {
  return db
    .selectFrom('escalations as e')
    .innerJoin('actions as a', 'a.id', 'e.action_id')
    .innerJoin('obstacles as o', 'o.id', 'e.obstacle_id')
    .selectAll('e')
    .select([
      'a.title as a_title',
      'a.source_language as a_language',
      'a.escalation_level as a_level',
      'a.status as a_status',
      'o.reference as o_reference',
      'o.title as o_title',
      'o.source_language as o_language',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['execute']>>[number];

function toView(row: ViewRow): EscalationView {
  return {
    id: row.id,
    actionId: row.action_id,
    obstacleId: row.obstacle_id,
    ownerOrganisation: row.owner_organisation_key,
    from: row.from_level as EscalationLevel,
    to: row.to_level as EscalationLevel,
    escalatedOn: row.escalated_on,
    at: new Date(row.at),
    reason: row.reason as Escalation['reason'],
    dueOn: row.due_on,
    since: row.since,
    workingDaysOverdue: Number(row.working_days_overdue),
    calendar: row.calendar as CalendarKey,
    norm: { amount: Number(row.norm_amount), unit: row.norm_unit as NormUnit },
    body: row.body_key,
    meetingId: row.meeting_id,
    action: {
      id: row.action_id,
      title: JSON.parse(row.a_title) as LocalizedText,
      sourceLanguage: row.a_language as Language,
      level: row.a_level as EscalationLevel,
      status: row.a_status as ActionStatus,
    },
    obstacle: {
      id: row.obstacle_id,
      reference: row.o_reference,
      title: JSON.parse(row.o_title) as LocalizedText,
      sourceLanguage: row.o_language as Language,
    },
  };
}

/** The escalation ladder's climbs and the reminders sent, in Kysely, on SQLite and PostgreSQL alike. */
export class KyselyEscalationRepository implements EscalationRepository {
  constructor(private readonly db: Executor) {}

  async candidatesAfter(afterId: string, dueBy: string, limit: number): Promise<EscalationCandidate[]> {
    const rows = await this.db
      .selectFrom('actions as a')
      .innerJoin('obstacles as o', 'o.id', 'a.obstacle_id')
      .select([
        'a.id',
        'a.obstacle_id',
        'o.reference',
        'o.title as o_title',
        'a.title',
        'a.decision_id',
        'a.owner_organisation_key',
        'a.status',
        'a.due_on',
        'a.escalation_level',
        'a.escalated_on',
      ])
      .where('a.id', '>', afterId)
      .where('a.status', 'in', ['planned', 'in_progress'])
      .where('a.due_on', '<=', dueBy)
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      obstacleId: row.obstacle_id,
      obstacleReference: row.reference,
      obstacleTitle: JSON.parse(row.o_title) as LocalizedText,
      title: JSON.parse(row.title) as LocalizedText,
      decisionId: row.decision_id,
      ownerOrganisation: row.owner_organisation_key,
      status: row.status as ActionStatus,
      dueOn: row.due_on,
      escalation: { level: row.escalation_level as EscalationLevel, escalatedOn: row.escalated_on },
    }));
  }

  async record(escalation: Escalation): Promise<boolean> {
    // The action moves only from the level the run saw (a concurrent run that moved it first leaves
    // nothing to update: false, nothing written); the unique (action, level) index backs this up.
    const moved = await this.db
      .updateTable('actions')
      .set({ escalation_level: escalation.to, escalated_on: escalation.escalatedOn })
      .where('id', '=', escalation.actionId)
      .where('escalation_level', '=', escalation.from)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return false;
    const inserted = await this.db
      .insertInto('escalations')
      .values({
        id: escalation.id,
        action_id: escalation.actionId,
        obstacle_id: escalation.obstacleId,
        owner_organisation_key: escalation.ownerOrganisation,
        from_level: escalation.from,
        to_level: escalation.to,
        escalated_on: escalation.escalatedOn,
        at: escalation.at.toISOString(),
        reason: escalation.reason,
        due_on: escalation.dueOn,
        since: escalation.since,
        working_days_overdue: escalation.workingDaysOverdue,
        calendar: escalation.calendar,
        norm_amount: escalation.norm.amount,
        norm_unit: escalation.norm.unit,
        body_key: escalation.body,
        meeting_id: escalation.meetingId,
      })
      .onConflict((oc) => oc.columns(['action_id', 'to_level']).doNothing())
      .returning('id')
      .execute();
    if (inserted.length === 1) return true;
    // Levels only climb, and the guarded UPDATE above lets one transaction move an action from a
    // level: a row for the level it reaches cannot exist already. Refuse rather than write half.
    throw new Error(`escalation of action ${escalation.actionId} to ${escalation.to} is recorded already`);
  }

  async claimReminder(reminder: {
    actionId: string;
    occasion: string;
    kind: ReminderKind;
    sentOn: string;
    at: Date;
  }): Promise<boolean> {
    const rows = await this.db
      .insertInto('action_reminders')
      .values({
        action_id: reminder.actionId,
        occasion: reminder.occasion,
        kind: reminder.kind,
        sent_on: reminder.sentOn,
        at: reminder.at.toISOString(),
      })
      .onConflict((oc) => oc.columns(['action_id', 'occasion']).doNothing())
      .returning('action_id')
      .execute();
    return rows.length === 1;
  }

  async decidingBody(obstacleId: string, decisionId: string | null): Promise<string | undefined> {
    if (decisionId) {
      const own = await this.db.selectFrom('decisions').select('body_key').where('id', '=', decisionId).executeTakeFirst();
      if (own) return own.body_key;
    }
    const latest = await this.db
      .selectFrom('decisions')
      .select('body_key')
      .where('obstacle_id', '=', obstacleId)
      .orderBy('decided_on', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest?.body_key;
  }

  async nextMeeting(body: string, from: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('meetings')
      .select('id')
      .where('body_key', '=', body)
      .where('status', '=', 'planned')
      .where('date', '>=', from)
      .orderBy('date')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  async ofObstacle(obstacleId: string): Promise<EscalationView[]> {
    const rows = await viewQuery(this.db).where('e.obstacle_id', '=', obstacleId).orderBy('e.at').orderBy('e.id').execute();
    return rows.map(toView);
  }

  async list(filter: EscalationFilter): Promise<{ items: EscalationView[]; nextCursor: EscalationCursor | null }> {
    let query = viewQuery(this.db).where('o.visibility', 'in', [...filter.visibilities]);
    if (filter.level) query = query.where('e.to_level', '=', filter.level);
    if (filter.organisation) query = query.where('e.owner_organisation_key', '=', filter.organisation);
    const cursor = filter.cursor;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([eb('e.at', '<', cursor.at), eb.and([eb('e.at', '=', cursor.at), eb('e.id', '<', cursor.id)])]),
      );
    }
    const rows = await query
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor: rows.length > filter.limit && last ? { at: last.at, id: last.id } : null,
    };
  }
}
