import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 UTC text (fixed width, so they sort);
 * lists and per-language texts are JSON text, so one migration serves SQLite and PostgreSQL.
 * See docs/decisions/0002-storage-types.md.
 */
export interface ThemeTable {
  key: string;
  label_nl: string;
  label_fr: string;
  label_de: string;
  label_en: string;
  in_seed: number;
  position: number;
}

export interface GovernmentTable {
  key: string;
  name: string;
  /** JSON: per-language labels. */
  label: string;
  country: string;
  level: string;
  kind: string;
  position: number;
}

export interface SegmentTable {
  key: string;
  /** JSON: per-language names. */
  name: string;
  /** JSON: the sides, each with its governments and regions. */
  sides: string;
  position: number;
}

export interface OrganisationTable {
  key: string;
  name: string;
  government_key: string | null;
  kind: string;
  position: number;
}

export interface CompetenceTable {
  theme_key: string;
  government_key: string;
  organisation_key: string;
  role: 'lead' | 'involved';
}

export interface ReferenceCounterTable {
  year: number;
  last_number: number;
}

export interface ObstacleTable {
  seq: Generated<number>;
  id: string;
  reference: string;
  ref_year: number;
  ref_number: number;
  title: string;
  summary: string;
  description: string;
  affected_groups: string;
  source_language: string;
  status: string;
  visibility: string;
  type: string;
  segment_key: string;
  version: number;
  created_at: string;
  updated_at: string;
  reporter: string;
  reporter_organisation_key: string | null;
  channel: string;
  reported_on: string;
  themes: string;
  governments: string;
  regions: string;
  municipalities: string;
  estimated_affected: number | null;
  evidence: string;
  provisions: string;
  /** JSON: the analysis (six parts of an expert report; part 2 is `provisions`). */
  analysis: string;
  /** JSON: reporters of duplicates merged into this obstacle. */
  co_reporters: string;
  status_reason: string | null;
  referred_to: string | null;
  /** The id of the obstacle this duplicate was merged into. */
  merged_into: string | null;
  /** YYYY-MM-DD: clarification must be asked by then (two months after reported_on). */
  clarification_due: string;
}

export interface ObstacleThemeTable {
  obstacle_seq: number;
  theme_key: string;
}

export interface ObstacleGovernmentTable {
  obstacle_seq: number;
  government_key: string;
}

export interface ObstacleLinkTable {
  from_seq: number;
  to_seq: number;
  kind: 'related' | 'duplicate';
}

/** Facet counts kept in step with every write: one row per combination of the facet columns. */
export interface ObstacleCountTable {
  status: string;
  segment_key: string;
  type: string;
  visibility: string;
  n: number;
}

/** Facet counts per theme; `filter_theme` '*' counts all, a theme key counts obstacles that also have it. */
export interface ObstacleThemeCountTable {
  filter_theme: string;
  theme_key: string;
  status: string;
  segment_key: string;
  type: string;
  visibility: string;
  n: number;
}

export interface UserTable {
  id: string;
  email: string;
  /** The address lower-cased; unique. */
  email_key: string;
  name: string;
  role: string;
  organisation_key: string;
  password_hash: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** nl, fr, de or en (default nl): the language of the user's mails. */
  language: Generated<string>;
  /** 1: only the daily digest, no mail per notification (default 0). */
  digest_only: Generated<number>;
}

export interface SessionTable {
  /** SHA-256 (hex) of the session id; the id itself is only in the cookie. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface PasswordLinkTable {
  token_hash: string;
  user_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInEventTable {
  seq: Generated<number>;
  at: string;
  email_hash: string;
  user_id: string | null;
  address: string;
  outcome: string;
  /** `password` or `oidc`. */
  method: Generated<string>;
  /** The provider's key, for `oidc`. */
  provider: string | null;
  /** The error code of a failure. */
  reason: string | null;
}

export interface OidcLoginTable {
  /** SHA-256 of the state sent to the provider. */
  state_hash: string;
  provider: string;
  /** SHA-256 of the browser's binding cookie. */
  browser_hash: string;
  code_verifier: string;
  nonce: string;
  redirect_uri: string;
  return_to: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface UserIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  provider: string;
  created_at: string;
  last_used_at: string;
}

export interface AuditEventTable {
  /** From the head row, never generated: 1, 2, 3… without gaps. PostgreSQL bigint, read as a string. */
  seq: number | string;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number | string;
  hash: string;
}

export interface GoverningBodyTable {
  key: string;
  /** JSON: the name per language. */
  name: string;
  /** JSON: government keys. */
  governments: string;
  active: number;
  position: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MeetingTable {
  seq: Generated<number>;
  id: string;
  body_key: string;
  date: string;
  place: string | null;
  language: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgendaItemTable {
  meeting_id: string;
  position: number;
  obstacle_id: string;
  note: string | null;
}

export interface DecisionTable {
  seq: Generated<number>;
  id: string;
  body_key: string;
  meeting_id: string | null;
  decided_on: string;
  obstacle_id: string;
  type: string;
  /** JSON per language. */
  text: string;
  /** JSON per language ({} when none). */
  reasons: string;
  /** JSON per language ({} when none). */
  conditions: string;
  source_language: string;
  /** JSON: [{ government, name?, office? }]. */
  political_owners: string;
  /** JSON: organisation keys. */
  departments: string;
  due_on: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The departments an obstacle is routed to (`ended_at` set when the routing ended). */
/** Norm durations per phase (core/calendar/norms.ts). */
export interface NormTable {
  phase: string;
  amount: number;
  unit: string;
  position: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface ObstacleRoutingTable {
  id: string;
  obstacle_id: string;
  organisation_key: string;
  role: string;
  routed_at: string;
  routed_by: string;
  ended_at: string | null;
  /** `pending`, `accepted` or `declined` (migration 20261129104000). */
  acknowledgement: Generated<string>;
  /** The routing round of the obstacle: a new `route` after a return to analysis starts the next. */
  round: Generated<number>;
  /** YYYY-MM-DD: the day the department must accept or decline by; null for rows from before the norms. */
  due_on: string | null;
  /** The calendar `due_on` was counted in (core/calendar DueCalendar). */
  due_calendar: string | null;
  responded_at: string | null;
  responded_by: string | null;
  /** `department` or `secretariat` (who answered on the department's behalf). */
  responded_as: string | null;
  decline_reason: string | null;
  /** YYYY-MM-DD: once accepted, the day its response is due (norm `department_response`). */
  response_due_on: string | null;
  response_due_calendar: string | null;
}

/** The version of one cell (theme × government) of the competence matrix; no row = version 1. */
export interface CompetenceCellTable {
  theme_key: string;
  government_key: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

/** The outbox of notifications: the inbox, and the mails still to send. */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  /** JSON of the message's facts (core/notifications NotificationParams). */
  params: string;
  link: string;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
  /** When a delivery run took the row; with `claim_token`, the run that owns its mail. */
  claimed_at: string | null;
  claim_token: string | null;
}

/** One row per user and day (Europe/Brussels) whose digest was sent. */
export interface NotificationDigestTable {
  user_id: string;
  day: string;
  sent_at: string;
}

/** An action or milestone of an obstacle, with the status the monitoring computed (docs/MONITORING.md). */
export interface ActionTable {
  id: string;
  obstacle_id: string;
  kind: string;
  /** JSON per language. */
  title: string;
  source_language: string;
  decision_id: string | null;
  owner_organisation_key: string;
  owner_user_id: string | null;
  due_on: string;
  status: string;
  progress: number;
  weight: Generated<number>;
  /** JSON: [{ url, label }]. */
  evidence: Generated<string>;
  notes: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  completed_on: string | null;
  rag: Generated<string>;
  /** 0 or 1. */
  overdue: Generated<number>;
  /** 0 or 1. */
  stale: Generated<number>;
  computed_at: string | null;
  /** `official`, `administrative` or `political` (the escalation ladder). */
  escalation_level: Generated<string>;
  /** YYYY-MM-DD: the day it last climbed; null while it never did. */
  escalated_on: Generated<string | null>;
}

/** One climb of an action on the escalation ladder (docs/MONITORING.md). */
export interface EscalationTable {
  id: string;
  action_id: string;
  obstacle_id: string;
  owner_organisation_key: string;
  from_level: string;
  to_level: string;
  /** YYYY-MM-DD: the day of the run. */
  escalated_on: string;
  at: string;
  reason: string;
  due_on: string;
  /** YYYY-MM-DD: counted from (the due date, or the previous climb). */
  since: string;
  working_days_overdue: number;
  calendar: string;
  norm_amount: number;
  norm_unit: string;
  body_key: string | null;
  meeting_id: string | null;
}

/** A reminder occasion sent for an action (so that a rerun does not send it again). */
export interface ActionReminderTable {
  action_id: string;
  occasion: string;
  kind: string;
  sent_on: string;
  at: string;
}

/** An obstacle's roll-up of its actions, kept in step with every action write and the nightly run. */
export interface ObstacleProgressTable {
  obstacle_id: string;
  percent: number | null;
  rag: string;
  total: number;
  planned: number;
  in_progress: number;
  done: number;
  cancelled: number;
  overdue: number;
  stale: number;
  computed_at: string;
}

/** A selection round (docs/SELECTION.md): lists and the rules are JSON text. */
export interface SelectionRoundTable {
  id: string;
  name: string;
  segment_key: string;
  period_start: string;
  period_end: string;
  capacity: number | null;
  effort_budget: number | null;
  /** JSON: [{ key, weight }]. */
  criteria: string;
  aggregation: string;
  /** JSON: organisation keys. */
  partners: string;
  scoring_deadline: string;
  status: string;
  /** JSON: the balance rules (core/selection/model.ts `Rules`, without capacity and budget). */
  rules: Generated<string>;
  approved_solution_id: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface SelectionCandidateTable {
  round_id: string;
  obstacle_id: string;
  effort: number;
  side: string;
  sub_region: string;
  lead_department: string;
  must: string | null;
  position: number;
  added_at: string;
  added_by: string;
}

export interface SelectionScoreTable {
  round_id: string;
  organisation_key: string;
  obstacle_id: string;
  criterion: string;
  score: number;
  comment: string | null;
  scored_by: string;
  scored_at: string;
}

export interface SelectionSolutionTable {
  id: string;
  round_id: string;
  status: string;
  objective: number | null;
  gap: number | null;
  bound: number | null;
  /** JSON: obstacle ids. */
  selected: Generated<string>;
  /** JSON: core/selection/explain.ts `Explanation`s. */
  explanations: Generated<string>;
  /** JSON: core/selection/find-conflicts.ts `ConflictReport`, when infeasible. */
  conflicts: string | null;
  /** JSON: the comparison with the plain ranking. */
  comparison: string | null;
  /** JSON: what the solve used (criteria, aggregation, rules, candidates with their scores). */
  params: string;
  ms: number | null;
  created_at: string;
  created_by: string;
  finished_at: string | null;
  /** The server process that runs it (its runner's id), while it runs. */
  runner: string | null;
  /** The last sign of life of the process that runs it (ISO); a running one without a recent one was interrupted. */
  heartbeat_at: string | null;
  /** Why it `failed`: 'error' (by itself) or 'interrupted' (its process stopped). */
  failure: string | null;
}

export interface SelectionAmendmentTable {
  id: string;
  round_id: string;
  solution_id: string;
  obstacle_id: string;
  change: string;
  reason: string;
  created_at: string;
  created_by: string;
}

/** A half-yearly state-of-play round (core/state-of-play). */
export interface StateOfPlayRoundTable {
  id: string;
  title: string;
  reference_date: string;
  horizon: string;
  answer_due_on: string;
  status: string;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  closed_by: string | null;
  reminded_at: string | null;
  reminders: Generated<number>;
  version: number;
}

/** A department's item of a round: the action as it stood at the opening, and the department's answer. */
export interface StateOfPlayItemTable {
  id: string;
  round_id: string;
  organisation_key: string;
  action_id: string;
  obstacle_id: string;
  obstacle_reference: string;
  /** JSON: LocalizedText. */
  obstacle_title: string;
  obstacle_source_language: string;
  /** JSON: LocalizedText. */
  title: string;
  source_language: string;
  due_on: string;
  status: string;
  progress: number;
  /** 0 or 1. */
  overdue: number;
  answer_status: string | null;
  answer_progress: number | null;
  forecast_on: string | null;
  note: string | null;
  answered_at: string | null;
  answered_by: string | null;
  version: number;
}

export interface DB {
  themes: ThemeTable;
  governments: GovernmentTable;
  segments: SegmentTable;
  organisations: OrganisationTable;
  competences: CompetenceTable;
  reference_counters: ReferenceCounterTable;
  obstacles: ObstacleTable;
  obstacle_themes: ObstacleThemeTable;
  obstacle_governments: ObstacleGovernmentTable;
  obstacle_links: ObstacleLinkTable;
  obstacle_counts: ObstacleCountTable;
  obstacle_theme_counts: ObstacleThemeCountTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_events: SignInEventTable;
  password_links: PasswordLinkTable;
  oidc_logins: OidcLoginTable;
  user_identities: UserIdentityTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  governing_bodies: GoverningBodyTable;
  meetings: MeetingTable;
  agenda_items: AgendaItemTable;
  decisions: DecisionTable;
  obstacle_routings: ObstacleRoutingTable;
  norms: NormTable;
  selection_rounds: SelectionRoundTable;
  selection_candidates: SelectionCandidateTable;
  selection_scores: SelectionScoreTable;
  selection_solutions: SelectionSolutionTable;
  selection_amendments: SelectionAmendmentTable;
  notifications: NotificationTable;
  notification_digests: NotificationDigestTable;
  actions: ActionTable;
  obstacle_progress: ObstacleProgressTable;
  competence_cells: CompetenceCellTable;
  state_of_play_rounds: StateOfPlayRoundTable;
  state_of_play_items: StateOfPlayItemTable;
  escalations: EscalationTable;
  action_reminders: ActionReminderTable;
}
