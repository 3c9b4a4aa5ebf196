import type { Kysely, Transaction } from 'kysely';
import type {
  Decision,
  DecisionType,
  GoverningBody,
  Meeting,
  MeetingStatus,
  MeetingWithAgenda,
  PoliticalOwner,
} from '../../core/governance/governance.js';
import type {
  AgendaEntry,
  DecisionFilter,
  GovernanceRepository,
  MeetingFilter,
  Page,
  PageCursor,
  StoredDecision,
} from '../../core/governance/ports.js';
import type { ObstacleSummary } from '../../core/obstacles/obstacle.js';
import type { Language, LocalizedText } from '../../core/shared/language.js';
import type { DB, DecisionTable, GoverningBodyTable, MeetingTable } from '../schema.js';
import { LIST_COLUMNS, type ListRow, toSummary } from './obstacle-repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

function toBody(row: GoverningBodyTable): GoverningBody {
  return {
    key: row.key,
    name: JSON.parse(row.name) as LocalizedText,
    governments: JSON.parse(row.governments) as string[],
    active: Number(row.active) === 1,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function bodyRow(body: GoverningBody): Omit<GoverningBodyTable, 'position'> {
  return {
    key: body.key,
    name: JSON.stringify(body.name),
    governments: JSON.stringify(body.governments),
    active: body.active ? 1 : 0,
    version: body.version,
    created_at: body.createdAt.toISOString(),
    updated_at: body.updatedAt.toISOString(),
  };
}

type MeetingRow = Omit<MeetingTable, 'seq'> & { seq: number };

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    body: row.body_key,
    date: row.date,
    place: row.place,
    language: row.language as Language,
    status: row.status as MeetingStatus,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function meetingRow(meeting: Meeting): Omit<MeetingTable, 'seq'> {
  return {
    id: meeting.id,
    body_key: meeting.body,
    date: meeting.date,
    place: meeting.place,
    language: meeting.language,
    status: meeting.status,
    version: meeting.version,
    created_at: meeting.createdAt.toISOString(),
    updated_at: meeting.updatedAt.toISOString(),
  };
}

function decisionRow(decision: StoredDecision): Omit<DecisionTable, 'seq'> {
  return {
    id: decision.id,
    body_key: decision.body,
    meeting_id: decision.meeting,
    decided_on: decision.decidedOn,
    obstacle_id: decision.obstacleId,
    type: decision.type,
    text: JSON.stringify(decision.text),
    reasons: JSON.stringify(decision.reasons),
    conditions: JSON.stringify(decision.conditions),
    source_language: decision.sourceLanguage,
    political_owners: JSON.stringify(decision.politicalOwners),
    departments: JSON.stringify(decision.departments),
    due_on: decision.dueOn,
    version: decision.version,
    created_by: decision.createdBy,
    created_at: decision.createdAt.toISOString(),
    updated_at: decision.updatedAt.toISOString(),
  };
}

/** The decision's own columns, named apart from the obstacle's they are read with. */
const DECISION_COLUMNS = [
  'd.seq as d_seq',
  'd.id as d_id',
  'd.body_key as d_body_key',
  'd.meeting_id as d_meeting_id',
  'd.decided_on as d_decided_on',
  'd.type as d_type',
  'd.text as d_text',
  'd.reasons as d_reasons',
  'd.conditions as d_conditions',
  'd.source_language as d_source_language',
  'd.political_owners as d_political_owners',
  'd.departments as d_departments',
  'd.due_on as d_due_on',
  'd.version as d_version',
  'd.created_by as d_created_by',
  'd.created_at as d_created_at',
  'd.updated_at as d_updated_at',
] as const;

interface DecisionRow extends ListRow {
  d_seq: number;
  d_id: string;
  d_body_key: string;
  d_meeting_id: string | null;
  d_decided_on: string;
  d_type: string;
  d_text: string;
  d_reasons: string;
  d_conditions: string;
  d_source_language: string;
  d_political_owners: string;
  d_departments: string;
  d_due_on: string | null;
  d_version: number;
  d_created_by: string;
  d_created_at: string;
  d_updated_at: string;
}

function toDecision(row: DecisionRow): Decision {
  return {
    id: row.d_id,
    body: row.d_body_key,
    meeting: row.d_meeting_id,
    decidedOn: row.d_decided_on,
    obstacle: toSummary(row),
    type: row.d_type as DecisionType,
    text: JSON.parse(row.d_text) as LocalizedText,
    reasons: JSON.parse(row.d_reasons) as LocalizedText,
    conditions: JSON.parse(row.d_conditions) as LocalizedText,
    sourceLanguage: row.d_source_language as Language,
    politicalOwners: JSON.parse(row.d_political_owners) as PoliticalOwner[],
    departments: JSON.parse(row.d_departments) as string[],
    dueOn: row.d_due_on,
    version: Number(row.d_version),
    createdBy: row.d_created_by,
    createdAt: new Date(row.d_created_at),
    updatedAt: new Date(row.d_updated_at),
  };
}

function page<T>(rows: { item: T; date: string; seq: number }[], limit: number): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map((r) => r.item), nextCursor: more && last ? { date: last.date, seq: last.seq } : null };
}

/** Governing bodies, meetings, agendas and decisions on SQLite and PostgreSQL (the same queries). */
export class KyselyGovernanceRepository implements GovernanceRepository {
  constructor(private readonly db: Executor) {}

  async listBodies(): Promise<GoverningBody[]> {
    const rows = await this.db.selectFrom('governing_bodies').selectAll().orderBy('position').orderBy('key').execute();
    return rows.map(toBody);
  }

  async findBody(key: string): Promise<GoverningBody | undefined> {
    const row = await this.db.selectFrom('governing_bodies').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toBody(row);
  }

  async insertBody(body: GoverningBody): Promise<void> {
    const last = await this.db
      .selectFrom('governing_bodies')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    await this.db
      .insertInto('governing_bodies')
      .values({ ...bodyRow(body), position: Number(last?.position ?? -1) + 1 })
      .execute();
  }

  async updateBody(body: GoverningBody, expectedVersion: number): Promise<boolean> {
    const { key, created_at: _created, ...changes } = bodyRow(body);
    const result = await this.db
      .updateTable('governing_bodies')
      .set(changes)
      .where('key', '=', key)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertMeeting(meeting: Meeting): Promise<void> {
    await this.db.insertInto('meetings').values(meetingRow(meeting)).execute();
  }

  async updateMeeting(meeting: Meeting, expectedVersion: number): Promise<boolean> {
    const { id, body_key: _body, created_at: _created, ...changes } = meetingRow(meeting);
    const result = await this.db
      .updateTable('meetings')
      .set(changes)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findMeeting(id: string): Promise<MeetingWithAgenda | undefined> {
    const row = await this.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const items = await this.db
      .selectFrom('agenda_items as a')
      .innerJoin('obstacles as o', 'o.id', 'a.obstacle_id')
      .select([...LIST_COLUMNS, 'a.position as a_position', 'a.note as a_note'])
      .where('a.meeting_id', '=', id)
      .orderBy('a.position')
      .execute();
    return {
      ...toMeeting({ ...row, seq: Number(row.seq) }),
      agenda: items.map((item) => ({ position: Number(item.a_position), note: item.a_note, obstacle: toSummary(item) })),
    };
  }

  async listMeetings(filter: MeetingFilter): Promise<Page<Meeting>> {
    let query = this.db.selectFrom('meetings').selectAll();
    if (filter.body) query = query.where('body_key', '=', filter.body);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.from) query = query.where('date', '>=', filter.from);
    if (filter.to) query = query.where('date', '<=', filter.to);
    const cursor = filter.cursor;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([eb('date', '<', cursor.date), eb.and([eb('date', '=', cursor.date), eb('seq', '<', cursor.seq)])]),
      );
    }
    const rows = await query
      .orderBy('date', 'desc')
      .orderBy('seq', 'desc')
      .limit(filter.limit + 1)
      .execute();
    return page(
      rows.map((row) => ({ item: toMeeting({ ...row, seq: Number(row.seq) }), date: row.date, seq: Number(row.seq) })),
      filter.limit,
    );
  }

  async replaceAgenda(meetingId: string, entries: readonly AgendaEntry[]): Promise<void> {
    await this.db.deleteFrom('agenda_items').where('meeting_id', '=', meetingId).execute();
    if (entries.length === 0) return;
    await this.db
      .insertInto('agenda_items')
      .values(
        entries.map((entry, index) => ({
          meeting_id: meetingId,
          position: index + 1,
          obstacle_id: entry.obstacleId,
          note: entry.note,
        })),
      )
      .execute();
  }

  async insertDecision(decision: StoredDecision): Promise<void> {
    await this.db.insertInto('decisions').values(decisionRow(decision)).execute();
  }

  async updateDecision(decision: StoredDecision, expectedVersion: number): Promise<boolean> {
    const { id, created_at: _created, created_by: _by, ...changes } = decisionRow(decision);
    const result = await this.db
      .updateTable('decisions')
      .set(changes)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private decisions() {
    return this.db
      .selectFrom('decisions as d')
      .innerJoin('obstacles as o', 'o.id', 'd.obstacle_id')
      .select([...DECISION_COLUMNS, ...LIST_COLUMNS]);
  }

  async findDecision(id: string): Promise<Decision | undefined> {
    const row = await this.decisions().where('d.id', '=', id).executeTakeFirst();
    return row && toDecision(row as DecisionRow);
  }

  async listDecisions(filter: DecisionFilter): Promise<Page<Decision>> {
    if (filter.visibilities.length === 0) return { items: [], nextCursor: null };
    let query = this.decisions().where('o.visibility', 'in', [...filter.visibilities]);
    if (filter.body) query = query.where('d.body_key', '=', filter.body);
    if (filter.meeting) query = query.where('d.meeting_id', '=', filter.meeting);
    const obstacle = filter.obstacle;
    if (obstacle) query = query.where((eb) => eb.or([eb('o.id', '=', obstacle), eb('o.reference', '=', obstacle.toUpperCase())]));
    if (filter.type && filter.type.length > 0) query = query.where('d.type', 'in', filter.type);
    if (filter.from) query = query.where('d.decided_on', '>=', filter.from);
    if (filter.to) query = query.where('d.decided_on', '<=', filter.to);
    const cursor: PageCursor | undefined = filter.cursor;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('d.decided_on', '<', cursor.date),
          eb.and([eb('d.decided_on', '=', cursor.date), eb('d.seq', '<', cursor.seq)]),
        ]),
      );
    }
    const rows = (await query
      .orderBy('d.decided_on', 'desc')
      .orderBy('d.seq', 'desc')
      .limit(filter.limit + 1)
      .execute()) as DecisionRow[];
    return page(
      rows.map((row) => ({ item: toDecision(row), date: row.d_decided_on, seq: Number(row.d_seq) })),
      filter.limit,
    );
  }

  async agendaCandidates(): Promise<ObstacleSummary[]> {
    const rows = await this.db
      .selectFrom('obstacles as o')
      .select(LIST_COLUMNS)
      .where('o.status', 'in', ['routed', 'monitoring_list'])
      .orderBy('o.updated_at')
      .orderBy('o.seq')
      .execute();
    return rows.map(toSummary);
  }

  async escalatedCandidates(body: string): Promise<ObstacleSummary[]> {
    // The earliest political escalation per obstacle of its open actions at that level, for this body.
    const first = this.db
      .selectFrom('escalations as e')
      .innerJoin('actions as a', 'a.id', 'e.action_id')
      .select('e.obstacle_id')
      .select((eb) => eb.fn.min('e.at').as('first_at'))
      .where('e.body_key', '=', body)
      .where('e.to_level', '=', 'political')
      .where('a.escalation_level', '=', 'political')
      .where('a.status', 'in', ['planned', 'in_progress'])
      .groupBy('e.obstacle_id')
      .as('x');
    const rows = await this.db
      .selectFrom('obstacles as o')
      .innerJoin(first, 'x.obstacle_id', 'o.id')
      .select(LIST_COLUMNS)
      .orderBy('x.first_at')
      .orderBy('o.seq')
      .execute();
    return rows.map(toSummary);
  }
}
