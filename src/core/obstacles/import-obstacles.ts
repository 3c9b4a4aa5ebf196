import { SYSTEM_ACTOR } from '../access/access.js';
import type { Language } from '../shared/language.js';
import { segmentGovernments } from './check-obstacle.js';
import type { NewObstacle, ObstacleStatus, ObstacleType } from './obstacle.js';
import { OBSTACLE_TYPES } from './obstacle.js';
import type { Catalogue, Clock, IdGenerator, UnitOfWork } from './ports.js';
import { registerObstacle } from './register-obstacle.js';

/** One obstacle as published elsewhere (the shape of reference-data/sample-obstacles.json). */
export interface PublishedObstacle {
  id: string;
  title: string;
  summary: string;
  countries: string[];
  theme: string;
  type: string;
  statusIfKnown: string | null;
  solutionIfKnown: string | null;
  source: string;
}

/** Reads a free-text status from a published register into the lifecycle's status. */
export function statusFromPublished(text: string | null): ObstacleStatus {
  const s = (text ?? '').toLowerCase();
  if (/^(partly|partially)/.test(s)) return 'partially_solved';
  if (/resolved|^solved|delivered/.test(s)) return 'solved';
  if (/temporary fix/.test(s)) return 'in_progress';
  if (/principle agreement/.test(s)) return 'decided';
  if (/selected as|priority obstacle|work programme/.test(s)) return 'selected';
  if (/on the (border-governance )?agenda/.test(s)) return 'proposed';
  if (/^open|analysed/.test(s)) return 'analysis';
  if (/raised with/.test(s)) return 'intake';
  return 'reported';
}

/** The border segment whose sides cover the most of the countries concerned (ties: first listed). */
export function segmentForCountries(catalogue: Catalogue, countries: string[]): string | undefined {
  let best: { key: string; covered: number } | undefined;
  for (const segment of catalogue.segments) {
    const sides = new Set(segment.sides.map((side) => side.side));
    const covered = countries.filter((country) => sides.has(country)).length;
    if (covered >= 2 && (!best || covered > best.covered)) best = { key: segment.key, covered };
  }
  return best?.key;
}

/** The governments concerned: the segment's sides that are involved, and the national government of any other country. */
export function governmentsForCountries(catalogue: Catalogue, segmentKey: string, countries: string[]): string[] {
  const segment = catalogue.segments.find((s) => s.key === segmentKey);
  const result = new Set<string>();
  for (const side of segment?.sides ?? []) if (countries.includes(side.side)) for (const g of side.governments) result.add(g);
  for (const country of countries) {
    if (segment?.sides.some((side) => side.side === country)) continue;
    const national = catalogue.governments.find(
      (g) => g.country === country && (g.level === 'federal' || g.level === 'national'),
    );
    if (national) result.add(national.key);
  }
  return result.size > 0 ? [...result] : segmentGovernments(catalogue, segmentKey);
}

/**
 * Maps a published obstacle to a new obstacle: its title in Dutch and its summary in English
 * (each stored under its own language), the status it is known to have, the source as evidence.
 */
export function fromPublished(
  published: PublishedObstacle,
  catalogue: Catalogue,
  titleLanguage: Language = 'nl',
): NewObstacle | undefined {
  const segment = segmentForCountries(catalogue, published.countries);
  if (!segment) return undefined;
  const type = (OBSTACLE_TYPES as readonly string[]).includes(published.type) ? (published.type as ObstacleType) : 'other';
  const notes = [
    published.statusIfKnown && `Known status: ${published.statusIfKnown}.`,
    published.solutionIfKnown && `Known solution: ${published.solutionIfKnown}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    title: { [titleLanguage]: published.title },
    summary: { en: published.summary },
    description: notes ? { en: notes } : {},
    sourceLanguage: titleLanguage,
    visibility: 'public',
    reporter: { type: 'other' },
    channel: 'import',
    segment,
    governments: governmentsForCountries(catalogue, segment, published.countries),
    themes: [published.theme],
    type,
    evidence: [{ title: 'Source', url: published.source }],
  };
}

/** Imports published obstacles through the register, each in its own transaction. */
export async function importPublishedObstacles(options: {
  obstacles: PublishedObstacle[];
  catalogue: Catalogue;
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
}): Promise<{ imported: number; skipped: string[] }> {
  let imported = 0;
  const skipped: string[] = [];
  for (const published of options.obstacles) {
    const input = fromPublished(published, options.catalogue);
    if (!input) {
      skipped.push(published.id);
      continue;
    }
    await registerObstacle({
      actor: SYSTEM_ACTOR,
      input,
      uow: options.uow,
      clock: options.clock,
      ids: options.ids,
      importedStatus: statusFromPublished(published.statusIfKnown),
    });
    imported += 1;
  }
  return { imported, skipped };
}
