import { type Actor, can, denied, obstacleAccess } from '../access/access.js';
import type { Obstacle, ObstacleStatus } from '../obstacles/obstacle.js';
import type { Catalogue, ObstacleRepository, ReferenceDataRepository } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { AppError } from '../shared/errors.js';
import type { LocalizedText } from '../shared/language.js';
import type { CompetenceRepository, ObstacleRouting, RoutingRepository, RoutingRole } from './ports.js';
import { currentRound, type NextCandidate, nextCandidates, proposeRouting, type RoutingProposal } from './proposal.js';

function governmentOf(catalogue: Catalogue): (organisation: string) => string | null {
  return (organisation) => catalogue.organisations.find((o) => o.key === organisation)?.government ?? null;
}

async function proposalFor(
  obstacle: Obstacle,
  catalogue: Catalogue,
  competences: CompetenceRepository,
): Promise<RoutingProposal> {
  const cells = (await Promise.all(obstacle.themes.map((theme) => competences.list({ theme })))).flat();
  return proposeRouting({
    themes: obstacle.themes,
    segment: catalogue.segments.find((s) => s.key === obstacle.segment),
    cells,
  });
}

export interface ProposalView {
  obstacle: Obstacle;
  proposal: RoutingProposal;
  /** The routings of the current round (empty before the obstacle is routed). */
  routings: ObstacleRouting[];
  /** Per government whose routed departments all declined: the next candidate (null: the matrix names no other). */
  next: { government: string; candidate: NextCandidate | null; declined: NextCandidate['declined'] }[];
}

/**
 * The routing the competence matrix proposes for an obstacle (the secretariat, who routes: 403 for
 * others; 404 when unknown or unreadable), with the current round's routings and, where a
 * government's departments all declined, the next candidate.
 */
export async function getRoutingProposal(options: {
  actor: Actor;
  idOrReference: string;
  obstacles: ObstacleRepository;
  routings: RoutingRepository;
  competences: CompetenceRepository;
  reference: ReferenceDataRepository;
}): Promise<ProposalView> {
  const { actor } = options;
  if (actor.kind === 'anonymous') throw denied(actor);
  const obstacle = await findObstacle(options.obstacles, options.idOrReference);
  const access = obstacleAccess(obstacle);
  if (!can(actor, 'read_obstacle', access)) throw new AppError('obstacle_not_found', { params: { id: options.idOrReference } });
  if (!can(actor, 'route_obstacle', access)) throw denied(actor);
  const catalogue = await options.reference.catalogue();
  const proposal = await proposalFor(obstacle, catalogue, options.competences);
  const all = await options.routings.ofObstacle(obstacle.id);
  const routings = obstacle.status === 'routed' ? currentRound(all) : [];
  const next = nextCandidates({ proposal, routings, governmentOf: governmentOf(catalogue) });
  return { obstacle, proposal, routings, next };
}

export interface RoutingAlert {
  obstacle: { id: string; reference: string; title: LocalizedText; version: number };
  government: string;
  declined: NextCandidate['declined'];
  candidate: NextCandidate | null;
}

/**
 * The secretariat's routing alerts: for every obstacle that is `routed`, each government whose
 * routed departments all declined (none accepted, none pending), with their reasons and the next
 * candidate the matrix proposes (null when it names no other). Others: 403 (the public 401).
 */
export async function listRoutingAlerts(options: {
  actor: Actor;
  obstacles: ObstacleRepository;
  routings: RoutingRepository;
  competences: CompetenceRepository;
  reference: ReferenceDataRepository;
}): Promise<RoutingAlert[]> {
  const { actor } = options;
  if (!can(actor, 'read_routing_alerts')) throw denied(actor);
  const catalogue = await options.reference.catalogue();
  const rows = await options.routings.ofRoutedObstacles();
  const byObstacle = new Map<string, ObstacleRouting[]>();
  for (const row of rows) byObstacle.set(row.obstacleId, [...(byObstacle.get(row.obstacleId) ?? []), row]);
  const alerts: RoutingAlert[] = [];
  for (const [obstacleId, routings] of byObstacle) {
    const round = currentRound(routings);
    if (!round.some((r) => r.acknowledgement === 'declined')) continue;
    const obstacle = await options.obstacles.findById(obstacleId);
    if (!obstacle) continue;
    const proposal = await proposalFor(obstacle, catalogue, options.competences);
    for (const entry of nextCandidates({ proposal, routings: round, governmentOf: governmentOf(catalogue) })) {
      alerts.push({
        obstacle: { id: obstacle.id, reference: obstacle.reference, title: obstacle.title, version: obstacle.version },
        government: entry.government,
        declined: entry.declined,
        candidate: entry.candidate,
      });
    }
  }
  return alerts;
}

export interface MyObstacle {
  obstacle: { id: string; reference: string; title: LocalizedText; status: ObstacleStatus; version: number };
  role: RoutingRole;
  acknowledgement: 'pending' | 'accepted';
  /** What is asked: accept or decline (`acknowledge`), or, after accepting, respond on the substance (`respond`). */
  asked: 'acknowledge' | 'respond';
  /** By when (YYYY-MM-DD) and in which calendar; null on routings made before the norms existed. */
  dueOn: string | null;
  dueCalendar: string | null;
  routedAt: Date;
}

/**
 * "My obstacles": everything routed now to the caller's department, with what is asked of it and
 * by when, soonest first (undated last). Department users only (others 403; the public 401).
 */
export async function listMyObstacles(options: {
  actor: Actor;
  obstacles: ObstacleRepository;
  routings: RoutingRepository;
}): Promise<MyObstacle[]> {
  const { actor } = options;
  if (actor.kind === 'anonymous' || !can(actor, 'read_my_obstacles')) throw denied(actor);
  const rows = await options.routings.holdingFor(actor.organisation);
  const items: MyObstacle[] = [];
  for (const row of rows) {
    const obstacle = await options.obstacles.findById(row.obstacleId);
    if (!obstacle || !can(actor, 'read_obstacle', obstacleAccess(obstacle))) continue;
    const accepted = row.acknowledgement === 'accepted';
    const due = accepted ? row.responseDue : row.due;
    items.push({
      obstacle: {
        id: obstacle.id,
        reference: obstacle.reference,
        title: obstacle.title,
        status: obstacle.status,
        version: obstacle.version,
      },
      role: row.role,
      acknowledgement: accepted ? 'accepted' : 'pending',
      asked: accepted ? 'respond' : 'acknowledge',
      dueOn: due?.on ?? null,
      dueCalendar: due?.calendar ?? null,
      routedAt: row.routedAt,
    });
  }
  return items.sort(
    (a, b) =>
      (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
      a.obstacle.reference.localeCompare(b.obstacle.reference),
  );
}
