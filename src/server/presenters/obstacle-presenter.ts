import type { ObstacleListItemResponse, ObstacleListResponse, ObstacleResponse } from '../../contracts/obstacles.contract.js';
import { type Actor, can, type ObstacleResource, obstacleAbilities, obstacleAccess } from '../../core/access/access.js';
import type { ObstacleProgress } from '../../core/monitoring/rag.js';
import { missingAnalysisParts, type Obstacle, type ObstacleSummary, type Reporter } from '../../core/obstacles/obstacle.js';
import type { ObstaclePage } from '../../core/obstacles/ports.js';
import { type Language, resolveText } from '../../core/shared/language.js';
import { encodeCursor } from './cursor.js';

/**
 * The public shape of an obstacle. An allow-list: every field is named here, so nothing stored
 * leaks by accident. A reporter's name, e-mail and phone are added only for a caller whom
 * core/access lets read them; `abilities` are the caller's (the answer depends on who asks).
 */
export function presentObstacle(
  obstacle: Obstacle,
  language: Language,
  actor: Actor,
  /** The roll-up of its actions (GET of one obstacle). */
  progress?: ObstacleProgress,
): ObstacleResponse {
  const source = obstacle.sourceLanguage;
  const access = obstacleAccess(obstacle);
  const reporter = presentReporter(obstacle.reporter, actor, access);
  const analysis = obstacle.analysis;
  // Every property written out, in one literal: spreading the list item and adding a dozen more
  // made V8 build a slow (dictionary) object, 30 µs of a 2 KiB answer.
  return {
    id: obstacle.id,
    reference: obstacle.reference,
    status: obstacle.status,
    version: obstacle.version,
    createdAt: obstacle.createdAt.toISOString(),
    updatedAt: obstacle.updatedAt.toISOString(),
    sourceLanguage: source,
    text: {
      language,
      title: resolveText(obstacle.title, language, source) ?? null,
      summary: resolveText(obstacle.summary, language, source) ?? null,
      description: resolveText(obstacle.description, language, source) ?? null,
      affectedGroups: resolveText(obstacle.affectedGroups, language, source) ?? null,
    },
    visibility: obstacle.visibility,
    reporter,
    segment: obstacle.segment,
    governments: obstacle.governments,
    themes: obstacle.themes,
    type: obstacle.type,
    title: obstacle.title,
    summary: obstacle.summary,
    description: obstacle.description,
    channel: obstacle.channel,
    reportedOn: obstacle.reportedOn,
    regions: obstacle.regions,
    municipalities: obstacle.municipalities,
    affectedGroups: obstacle.affectedGroups,
    estimatedAffected: obstacle.estimatedAffected,
    evidence: obstacle.evidence.map((e) => ({ title: e.title, url: e.url })),
    provisions: obstacle.provisions.map((p) =>
      p.link
        ? { side: p.side, citation: p.citation, level: p.level, link: p.link }
        : { side: p.side, citation: p.citation, level: p.level },
    ),
    links: obstacle.links.map((l) => ({ id: l.id, reference: l.reference, kind: l.kind })),
    abilities: obstacleAbilities(actor, access),
    clarificationDue: obstacle.clarificationDue,
    coReporters: obstacle.coReporters.map((r) => presentReporter(r, actor, access)),
    analysis: {
      description: analysis.description,
      solutions: analysis.solutions,
      derogation: { possible: analysis.derogation.possible, explanation: analysis.derogation.explanation },
      otherAspects: analysis.otherAspects,
      references: analysis.references.map((r) => (r.url ? { title: r.title, url: r.url } : { title: r.title })),
      missing: missingAnalysisParts(obstacle),
    },
    statusReason: obstacle.statusReason,
    referredTo: obstacle.referredTo,
    mergedInto: obstacle.mergedInto ? { id: obstacle.mergedInto.id, reference: obstacle.mergedInto.reference } : null,
    progress,
  };
}

/**
 * A reporter: type and organisation for everyone who reads the obstacle; name, e-mail and phone
 * only for a caller whom core/access lets read the personal data of that reporter.
 */
export function presentReporter(r: Reporter, actor: Actor, access: ObstacleResource): NonNullable<ObstacleResponse['reporter']> {
  const reporter: ObstacleResponse['reporter'] = { type: r.type, organisation: r.organisation ?? null };
  if (can(actor, 'read_reporter', { ...access, reporterOrganisation: r.organisation ?? null })) {
    if (r.name !== undefined) reporter.name = r.name;
    if (r.email !== undefined) reporter.email = r.email;
    if (r.phone !== undefined) reporter.phone = r.phone;
  }
  return reporter;
}

/** An obstacle in a list: the allow-list of ObstacleListItemSchema. */
export function presentListItem(obstacle: ObstacleSummary, language: Language): ObstacleListItemResponse {
  const source = obstacle.sourceLanguage;
  return {
    id: obstacle.id,
    reference: obstacle.reference,
    status: obstacle.status,
    version: obstacle.version,
    createdAt: obstacle.createdAt.toISOString(),
    updatedAt: obstacle.updatedAt.toISOString(),
    sourceLanguage: source,
    text: {
      language,
      title: resolveText(obstacle.title, language, source) ?? null,
      summary: resolveText(obstacle.summary, language, source) ?? null,
    },
    visibility: obstacle.visibility,
    reporter: { type: obstacle.reporter.type, organisation: obstacle.reporter.organisation ?? null },
    segment: obstacle.segment,
    governments: obstacle.governments,
    themes: obstacle.themes,
    type: obstacle.type,
    clarificationDue: obstacle.clarificationDue,
  };
}

export function presentPage(page: ObstaclePage, language: Language): ObstacleListResponse {
  return {
    items: page.items.map((item) => presentListItem(item, language)),
    nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    total: page.total,
    facets: page.facets,
  };
}
