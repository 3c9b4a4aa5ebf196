/**
 * Synthetic obstacles for the benchmark: deterministic for a seed, multilingual, with the
 * distributions of a register that has run for five years (see `generateObstacles`).
 */
import { DEFAULT_NORMS, dueDate } from '../src/core/calendar/norms.js';
import {
  CHANNELS,
  type Channel,
  emptyAnalysis,
  formatReference,
  OBSTACLE_STATUSES,
  type Obstacle,
  type ObstacleStatus,
  type ObstacleType,
  type Provision,
  type Reporter,
  type ReporterType,
  type Visibility,
} from '../src/core/obstacles/obstacle.js';
import type { Language, LocalizedText } from '../src/core/shared/language.js';
import type { OrganisationsFile } from '../src/db/reference-data.js';
import {
  EVIDENCE_SOURCES,
  MUNICIPALITIES,
  PLACES,
  PROVISIONS,
  RARE_TERM,
  type SegmentKey,
  type ThemeKey,
  VOCABULARY,
  type Vocabulary,
} from './vocabulary.js';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Random = () => number;

export function pick<T>(random: Random, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

function at<T>(values: readonly T[], index: number): T {
  const value = values[index % values.length];
  if (value === undefined) throw new Error('index into an empty list');
  return value;
}

/** Picks a key with probability proportional to its weight. */
export function weighted<K extends string>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  const last = entries.at(-1);
  if (!last) throw new Error('weighted pick from no weights');
  return last[0];
}

function sample<T>(random: Random, values: readonly T[], count: number): T[] {
  const pool = [...values];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const index = Math.floor(random() * pool.length);
    const [value] = pool.splice(index, 1);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function uuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The distributions. Status is skewed to the start of the lifecycle, as in a live register. */
export const STATUS_WEIGHTS: Record<ObstacleStatus, number> = {
  reported: 26,
  intake: 9,
  analysis: 20,
  proposed: 5,
  selected: 4,
  not_selected: 3,
  monitoring_list: 4,
  routed: 3,
  decided: 3,
  in_progress: 6,
  solved: 6,
  partially_solved: 2,
  unsolvable: 1,
  closed_not_an_obstacle: 3,
  referred: 1,
  merged: 1,
  withdrawn: 3,
};
const THEME_WEIGHTS: Record<ThemeKey, number> = {
  cross_border_work: 14,
  social_security: 14,
  taxation: 13,
  healthcare: 11,
  accessibility: 11,
  environment: 8,
  education: 7,
  economy: 6,
  liveability: 5,
  governance: 4,
  safety: 3,
  nitrogen: 2,
  pfas: 2,
};
const LANGUAGE_WEIGHTS: Record<Language, number> = { nl: 60, fr: 15, de: 15, en: 10 };
const SEGMENT_BY_LANGUAGE: Record<Language, Partial<Record<SegmentKey, number>>> = {
  nl: { 'nl-vl': 50, 'nl-nw': 30, 'nl-ni': 15, nordic: 3, 'fr-de': 2 },
  fr: { 'fr-de': 55, 'fr-es': 30, 'nl-vl': 15 },
  de: { 'nl-nw': 35, 'nl-ni': 20, 'fr-de': 40, nordic: 5 },
  en: { nordic: 60, 'nl-vl': 15, 'nl-nw': 10, 'fr-de': 10, 'fr-es': 5 },
};
const TYPE_WEIGHTS: Record<ObstacleType, number> = {
  legal: 45,
  administrative: 25,
  information: 10,
  infrastructure: 12,
  other: 8,
};
const VISIBILITY_WEIGHTS: Record<Visibility, number> = { public: 60, partners: 25, internal: 15 };
const CHANNEL_WEIGHTS: Record<Channel, number> = {
  web: 40,
  email: 20,
  phone: 5,
  letter: 3,
  meeting: 7,
  information_point: 15,
  api: 5,
  import: 5,
};
const REPORTER_WEIGHTS: Record<ReporterType, number> = {
  citizen: 35,
  company: 10,
  municipality: 12,
  province: 6,
  euregio: 8,
  information_point: 15,
  department: 8,
  other: 6,
};

/**
 * Probability that an obstacle is about frontier workers. The searched word is the Dutch one,
 * found only in obstacles with Dutch text (about 65 %), so this gives about 25 % of all obstacles.
 */
export const WORKER_SHARE = 0.38;
/** Probability that an obstacle mentions the invented village (about 0.08 %). */
export const RARE_SHARE = 0.0008;
/** Probability that an obstacle also has its title and summary in a second language. */
const SECOND_LANGUAGE_SHARE = 0.3;

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A topic inside a sentence: lower case, except German nouns and acronyms (PFAS, BPM). */
function inSentence(topic: string, language: Language): string {
  if (language === 'de') return topic;
  const second = topic.charAt(1);
  return second !== '' && second === second.toUpperCase() && second !== second.toLowerCase()
    ? topic
    : topic.charAt(0).toLowerCase() + topic.slice(1);
}

function placeName(pair: string[], vocabulary: Vocabulary): string {
  return pair.map((name) => vocabulary.exonyms[name] ?? name).join('–');
}

interface Plan {
  theme: ThemeKey;
  topic: number;
  problem: number;
  place: string[];
  titleForm: number;
  worker: boolean;
  rare: boolean;
  sentences: number[];
  description: number[];
}

function title(plan: Plan, language: Language): string {
  const v = VOCABULARY[language];
  const topic = at(v.topics[plan.theme], plan.topic);
  const problem = at(v.problems, plan.problem);
  if (plan.rare && plan.titleForm < 0.5) return `${topic} ${problem} (${RARE_TERM})`;
  if (plan.worker && plan.titleForm < 0.5) return v.worker.title.replace('{topic}', topic).replace('{problem}', problem);
  if (plan.titleForm < 0.55) return `${topic} ${problem}`;
  if (plan.titleForm < 0.8) return `${topic} ${problem} (${placeName(plan.place, v)})`;
  return `${topic} ${placeName(plan.place, v)}`;
}

function summary(plan: Plan, language: Language): string {
  const v = VOCABULARY[language];
  const topic = inSentence(at(v.topics[plan.theme], plan.topic), language);
  const opener = at(v.openers, plan.topic + plan.problem)
    .replace('{topic}', topic)
    .replace('{place}', placeName(plan.place, v));
  const parts = [capitalise(opener)];
  if (plan.worker) parts.push(at(v.worker.sentences, plan.problem));
  for (const index of plan.sentences) parts.push(at(v.sentences, index));
  if (plan.rare) parts.push(at(v.rare, plan.topic));
  return parts.join(' ');
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** The end of the five years the obstacles were created in. */
  now: Date;
  organisations: OrganisationsFile;
}

/**
 * Yields `count` obstacles in the order they were created (references count up per year, as
 * the register gives them). Each has a Dutch, French, German or English source text (60/15/15/10 %),
 * 30 % also a second language, 1–3 themes, a border segment that fits its language, and a status,
 * type, visibility, channel and reporter drawn from the weights above.
 */
export function* generateObstacles(options: GenerateOptions): Generator<Obstacle> {
  const random = createRandom(options.seed);
  const end = options.now.getTime();
  const start = end - 5 * YEAR_MS;
  const created = Array.from({ length: options.count }, () => start + random() * (end - start)).sort((a, b) => a - b);
  const numbers = new Map<number, number>();
  const segments = new Map(options.organisations.segments.map((s) => [s.key, s]));
  const organisationKeys = options.organisations.organisations.map((o) => o.key);
  const themeKeys = Object.keys(THEME_WEIGHTS) as ThemeKey[];

  for (const createdMs of created) {
    const createdAt = new Date(createdMs);
    const year = createdAt.getUTCFullYear();
    const number = (numbers.get(year) ?? 0) + 1;
    numbers.set(year, number);

    const source = weighted(random, LANGUAGE_WEIGHTS);
    const languages: Language[] = [source];
    if (random() < SECOND_LANGUAGE_SHARE) {
      const others = (['nl', 'en', 'fr', 'de'] as const).filter((l) => l !== source);
      const weights = Object.fromEntries(others.map((l) => [l, l === 'nl' ? 4 : l === 'en' ? 3 : 2])) as Record<Language, number>;
      languages.push(weighted(random, weights));
    }
    const segmentKey = weighted(random, SEGMENT_BY_LANGUAGE[source] as Record<SegmentKey, number>);
    const segment = segments.get(segmentKey);
    if (!segment) throw new Error(`organisations.json has no segment ${segmentKey}`);

    const theme = weighted(random, THEME_WEIGHTS);
    const themeCount = random() < 0.55 ? 1 : random() < 0.78 ? 2 : 3;
    const themes = [
      theme,
      ...sample(
        random,
        themeKeys.filter((t) => t !== theme),
        themeCount - 1,
      ),
    ];

    const plan: Plan = {
      theme,
      topic: Math.floor(random() * 12),
      problem: Math.floor(random() * 12),
      place: pick(random, PLACES[segmentKey]),
      titleForm: random(),
      worker: random() < WORKER_SHARE,
      rare: random() < RARE_SHARE,
      sentences: Array.from({ length: 1 + Math.floor(random() * 2) }, () => Math.floor(random() * 40)),
      description: random() < 0.55 ? Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * 40)) : [],
    };
    const titleText: LocalizedText = {};
    const summaryText: LocalizedText = {};
    for (const language of languages) {
      titleText[language] = title(plan, language);
      summaryText[language] = summary(plan, language);
    }
    const description: LocalizedText =
      plan.description.length > 0
        ? { [source]: [...new Set(plan.description.map((i) => at(VOCABULARY[source].sentences, i)))].join(' ') }
        : {};

    const status = weighted(random, STATUS_WEIGHTS);
    const version = status === 'reported' ? 1 : 2 + Math.floor(random() * 6);
    const updatedAt = version === 1 ? createdAt : new Date(createdMs + random() * (end - createdMs));
    const reportedOn = new Date(createdMs - random() * 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);

    const reporterType = weighted(random, REPORTER_WEIGHTS);
    const reporter: Reporter = { type: reporterType };
    if (reporterType !== 'citizen' && reporterType !== 'company' && random() < 0.6) {
      reporter.organisation = pick(random, organisationKeys);
    }
    if (reporterType === 'citizen' && random() < 0.5) {
      reporter.name = `Melder ${number}`;
      reporter.email = `melder${number}@example.org`;
    }

    const sides = random() < 0.3 ? [pick(random, segment.sides)] : segment.sides;
    const governments = [...new Set(sides.flatMap((s) => s.governments))];
    const regions = sample(
      random,
      segment.sides.flatMap((s) => s.regions),
      Math.floor(random() * 3),
    );
    const municipalities = random() < 0.4 ? sample(random, MUNICIPALITIES[segmentKey], 1 + Math.floor(random() * 2)) : [];
    const provisions: Provision[] =
      random() < 0.4 ? sample(random, PROVISIONS, 1 + Math.floor(random() * 2)).map((p) => ({ ...p })) : [];
    const evidence = sample(random, EVIDENCE_SOURCES, Math.floor(random() * 3)).map((e) => ({ ...e }));
    const affectedGroups: LocalizedText = random() < 0.5 ? { [source]: pick(random, VOCABULARY[source].groups) } : {};

    yield {
      id: uuid(random),
      reference: formatReference(year, number),
      title: titleText,
      summary: summaryText,
      description,
      sourceLanguage: source,
      status,
      visibility: weighted(random, VISIBILITY_WEIGHTS),
      version,
      createdAt,
      updatedAt,
      reporter,
      channel: weighted(random, CHANNEL_WEIGHTS),
      reportedOn,
      // The default norm (two calendar months), as registering would give it.
      clarificationDue: dueDate({ norm: DEFAULT_NORMS.intake_clarification, from: reportedOn }).date,
      segment: segmentKey,
      governments,
      regions,
      municipalities,
      affectedGroups,
      estimatedAffected: random() < 0.4 ? Math.round(10 * 5000 ** random()) : null,
      evidence,
      themes,
      type: weighted(random, TYPE_WEIGHTS),
      provisions,
      links: [],
      coReporters: [],
      analysis: emptyAnalysis(),
      statusReason: null,
      referredTo: null,
      mergedInto: null,
    };
  }
}

// Keep the weights in step with the closed unions of the core.
for (const status of OBSTACLE_STATUSES) if (!(status in STATUS_WEIGHTS)) throw new Error(`no weight for status ${status}`);
for (const channel of CHANNELS) if (!(channel in CHANNEL_WEIGHTS)) throw new Error(`no weight for channel ${channel}`);
