import type { Language, LocalizedText } from '../shared/language.js';

/**
 * Every status of the lifecycle in PRODUCT.md. Closed union: switches over it are exhaustive.
 * The transitions between them live in core/lifecycle (issue 4 of 6); this module only knows
 * that a new report starts as `reported`.
 */
export const OBSTACLE_STATUSES = [
  'reported',
  'intake',
  'analysis',
  'proposed',
  'selected',
  'not_selected',
  'monitoring_list',
  'routed',
  'decided',
  'in_progress',
  'solved',
  'partially_solved',
  'unsolvable',
  'closed_not_an_obstacle',
  'referred',
  'merged',
  'withdrawn',
] as const;
export type ObstacleStatus = (typeof OBSTACLE_STATUSES)[number];

/** `other` is kept for signals that fit none of the four: the demo data has one (PFAS). See docs/decisions/0003. */
export const OBSTACLE_TYPES = ['legal', 'administrative', 'information', 'infrastructure', 'other'] as const;
export type ObstacleType = (typeof OBSTACLE_TYPES)[number];

export const VISIBILITIES = ['public', 'partners', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const REPORTER_TYPES = [
  'citizen',
  'company',
  'municipality',
  'province',
  'euregio',
  'information_point',
  'department',
  'other',
] as const;
export type ReporterType = (typeof REPORTER_TYPES)[number];

export const CHANNELS = ['web', 'email', 'phone', 'letter', 'meeting', 'information_point', 'api', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PROVISION_LEVELS = ['eu', 'international', 'national', 'federal', 'regional', 'local'] as const;
export type ProvisionLevel = (typeof PROVISION_LEVELS)[number];

/** Limits on text that people write, in characters, per language. */
export const TEXT_LIMITS = { title: 200, summary: 2_000, description: 50_000, short: 500 } as const;

export interface Reporter {
  type: ReporterType;
  /** Personal data: never public, never logged. */
  name?: string;
  email?: string;
  phone?: string;
  organisation?: string;
}

/** A provision that causes the obstacle, on one side of the border. */
export interface Provision {
  side: string;
  citation: string;
  level: ProvisionLevel;
  /** An ELI, BWB identifier or other address of the provision. */
  link?: string;
}

export interface EvidenceLink {
  title: string;
  url: string;
}

export interface ObstacleLink {
  id: string;
  reference: string;
  kind: 'related' | 'duplicate';
}

/** A source the analysis rests on (part 6 of the expert report). */
export interface AnalysisReference {
  title: string;
  url?: string;
}

/**
 * The analysis of an obstacle: the six parts of a b-solutions expert report. Part 2, the provisions
 * that cause the obstacle per side, is the obstacle's `provisions` (citation, level, link).
 */
export interface Analysis {
  /** Part 1: the obstacle described by the analyst. */
  description: LocalizedText;
  /** Part 3: the possible solutions. */
  solutions: LocalizedText;
  /** Part 4: whether a derogation (deviation with safeguards) could solve it, and why. */
  derogation: { possible: boolean | null; explanation: LocalizedText };
  /** Part 5: other aspects (costs, parties, timing, side effects). */
  otherAspects: LocalizedText;
  /** Part 6: the sources. */
  references: AnalysisReference[];
}

/** The six parts, by the names the API uses for them (`analysis.solutions`, `provisions`…). */
export const ANALYSIS_PARTS = [
  'analysis.description',
  'provisions',
  'analysis.solutions',
  'analysis.derogation',
  'analysis.otherAspects',
  'analysis.references',
] as const;
export type AnalysisPart = (typeof ANALYSIS_PARTS)[number];

export function emptyAnalysis(): Analysis {
  return { description: {}, solutions: {}, derogation: { possible: null, explanation: {} }, otherAspects: {}, references: [] };
}

function hasText(text: LocalizedText): boolean {
  return Object.values(text).some((value) => typeof value === 'string' && value.trim() !== '');
}

/** The parts of the analysis still missing: an obstacle is proposed only when there are none. */
export function missingAnalysisParts(obstacle: Pick<Obstacle, 'analysis' | 'provisions'>): AnalysisPart[] {
  const { analysis } = obstacle;
  const missing: AnalysisPart[] = [];
  if (!hasText(analysis.description)) missing.push('analysis.description');
  if (obstacle.provisions.length === 0) missing.push('provisions');
  if (!hasText(analysis.solutions)) missing.push('analysis.solutions');
  if (analysis.derogation.possible === null || !hasText(analysis.derogation.explanation)) missing.push('analysis.derogation');
  if (!hasText(analysis.otherAspects)) missing.push('analysis.otherAspects');
  if (analysis.references.length === 0) missing.push('analysis.references');
  return missing;
}

/** Statuses in which the intake clock runs: the report waits for the secretariat. */
export const INTAKE_STATUSES = ['reported', 'intake'] as const satisfies readonly ObstacleStatus[];

export interface Obstacle {
  id: string;
  reference: string;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  sourceLanguage: Language;
  status: ObstacleStatus;
  visibility: Visibility;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  // Origin
  reporter: Reporter;
  channel: Channel;
  reportedOn: string;
  /**
   * YYYY-MM-DD: clarification must be asked of the reporter by then: the norm `intake_clarification`
   * (core/calendar; two calendar months by default) counted from `reportedOn` when the report was
   * registered or its date changed.
   */
  clarificationDue: string;
  // Scope
  segment: string;
  governments: string[];
  regions: string[];
  municipalities: string[];
  affectedGroups: LocalizedText;
  estimatedAffected: number | null;
  evidence: EvidenceLink[];
  // Nature
  themes: string[];
  type: ObstacleType;
  provisions: Provision[];
  // Links to other obstacles
  links: ObstacleLink[];
  /** Reporters of duplicates merged into this obstacle: they follow it now. Personal data, as `reporter`. */
  coReporters: Reporter[];
  // Analysis (the six parts of the expert report; part 2 is `provisions`)
  analysis: Analysis;
  // Lifecycle
  /** The reason given with the last move (why it was closed, referred, reopened…), if any. */
  statusReason: string | null;
  /** `referred`: the information point (organisation key) the question went to. */
  referredTo: string | null;
  /** `merged`: the obstacle this duplicate was merged into. */
  mergedInto: { id: string; reference: string } | null;
  /**
   * The departments (organisation keys) it is routed to now, as read from storage; left out on a
   * new obstacle. Written only by the routing use case (obstacle_routings), never by an update.
   */
  routedTo?: string[];
}

/** An obstacle as lists show it: identity, status, scope and nature; the full record is one GET away. */
export type ObstacleSummary = Pick<
  Obstacle,
  | 'id'
  | 'reference'
  | 'title'
  | 'summary'
  | 'sourceLanguage'
  | 'status'
  | 'visibility'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'segment'
  | 'governments'
  | 'themes'
  | 'type'
  | 'reportedOn'
  | 'clarificationDue'
> & { reporter: Pick<Obstacle['reporter'], 'type' | 'organisation'> };

/** The fields a new report carries; the register fills identity, status and version. */
export interface NewObstacle {
  title: LocalizedText;
  summary: LocalizedText;
  description?: LocalizedText;
  sourceLanguage: Language;
  visibility: Visibility;
  reporter: Reporter;
  channel?: Channel;
  reportedOn?: string;
  segment: string;
  governments?: string[];
  regions?: string[];
  municipalities?: string[];
  affectedGroups?: LocalizedText;
  estimatedAffected?: number | null;
  evidence?: EvidenceLink[];
  themes: string[];
  type: ObstacleType;
  provisions?: Provision[];
  related?: string[];
}

/** A change of the analysis: each present part replaces the stored one. */
export type AnalysisChanges = Partial<Omit<Analysis, 'derogation'>> & { derogation?: Partial<Analysis['derogation']> };

/** A partial change: each present field replaces the stored one (in `analysis`, each present part). */
export type ObstacleChanges = Partial<Omit<NewObstacle, 'reporter'>> & { reporter?: Reporter; analysis?: AnalysisChanges };

/** The fields that can be changed, in a fixed order (used for history and for change detection). */
export const CHANGEABLE_FIELDS = [
  'title',
  'summary',
  'description',
  'sourceLanguage',
  'visibility',
  'reporter',
  'channel',
  'reportedOn',
  'segment',
  'governments',
  'regions',
  'municipalities',
  'affectedGroups',
  'estimatedAffected',
  'evidence',
  'themes',
  'type',
  'provisions',
  'analysis',
  'related',
] as const satisfies readonly (keyof ObstacleChanges)[];

/** Formats a reference such as GB-2026-0042 (the number is padded to at least four digits). */
export function formatReference(year: number, number: number): string {
  return `GB-${year}-${String(number).padStart(4, '0')}`;
}

const REFERENCE_PATTERN = /^GB-(\d{4})-(\d{4,})$/i;

export function parseReference(value: string): { year: number; number: number } | undefined {
  const match = REFERENCE_PATTERN.exec(value);
  if (!match) return undefined;
  return { year: Number(match[1]), number: Number(match[2]) };
}

export function isOpenStatus(status: ObstacleStatus): boolean {
  switch (status) {
    case 'solved':
    case 'partially_solved':
    case 'unsolvable':
    case 'closed_not_an_obstacle':
    case 'referred':
    case 'merged':
    case 'withdrawn':
    case 'not_selected':
      return false;
    case 'reported':
    case 'intake':
    case 'analysis':
    case 'proposed':
    case 'selected':
    case 'monitoring_list':
    case 'routed':
    case 'decided':
    case 'in_progress':
      return true;
  }
}
