import type { ActionEscalation } from '../monitoring/escalation.js';
import type { ActionStatus, Rag } from '../monitoring/rag.js';
import type { Language, LocalizedText } from '../shared/language.js';

export { ACTION_STATUSES, type ActionStatus, RAGS, type Rag } from '../monitoring/rag.js';

/** An action is work to do; a milestone is a point that is reached (or not) by its date. */
export const ACTION_KINDS = ['action', 'milestone'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_LIMITS = { title: 200, notes: 5_000, evidence: 20, label: 200, url: 2_000 } as const;

/** A link to what shows the work was done (a publication, a letter, a law). */
export interface ActionEvidence {
  /** http or https. */
  url: string;
  label: string;
}

/** What the monitoring computed for an action (on every write and in the nightly run). */
export interface ActionMonitoring {
  rag: Rag;
  overdue: boolean;
  stale: boolean;
  computedAt: Date | null;
}

/** An action or milestone of an obstacle: who does what by when, and how far it is. */
export interface Action {
  id: string;
  obstacleId: string;
  kind: ActionKind;
  title: LocalizedText;
  sourceLanguage: Language;
  /** The decision it follows from, if any (a decision of a governing body on the same obstacle). */
  decisionId: string | null;
  /** The organisation that owns it, and optionally a person of that organisation (a user's id). */
  owner: { organisation: string; userId: string | null };
  /** YYYY-MM-DD. */
  dueOn: string;
  status: ActionStatus;
  /** 0–100. */
  progress: number;
  /** 1–100: its share in the obstacle's progress. */
  weight: number;
  evidence: ActionEvidence[];
  notes: string | null;
  version: number;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
  /** YYYY-MM-DD: the day it was marked done; null while not done. */
  completedOn: string | null;
  monitoring: ActionMonitoring;
  /** Its level on the escalation ladder (the nightly run climbs it; docs/MONITORING.md). */
  escalation: ActionEscalation;
}

/** The fields of a new action. */
export interface NewAction {
  kind?: ActionKind;
  title: LocalizedText;
  sourceLanguage: Language;
  decisionId?: string | null;
  owner: { organisation: string; userId?: string | null };
  dueOn: string;
  status?: ActionStatus;
  progress?: number;
  weight?: number;
  evidence?: ActionEvidence[];
  notes?: string | null;
}

/** A partial change: each present field replaces the stored one. */
export type ActionChanges = Partial<Omit<NewAction, 'owner'>> & {
  owner?: { organisation: string; userId?: string | null };
};

/** The fields the owner organisation reports on; the rest (the plan) is the secretariat's. */
export const PROGRESS_FIELDS = ['status', 'progress', 'evidence', 'notes'] as const satisfies readonly (keyof ActionChanges)[];

/** Every changeable field, in a fixed order (audit details). */
export const ACTION_FIELDS = [
  'kind',
  'title',
  'sourceLanguage',
  'decisionId',
  'owner',
  'dueOn',
  'status',
  'progress',
  'weight',
  'evidence',
  'notes',
] as const satisfies readonly (keyof ActionChanges)[];
