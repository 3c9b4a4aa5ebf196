import type { Segment } from '../obstacles/ports.js';
import type { CompetenceCell, ObstacleRouting, RoutingRole } from './ports.js';

/**
 * Governments that are competent only where the competence matrix names them: the Belgian federal
 * level (social security, taxation, health insurance, rail, labour law); the rest is the regions'.
 * Where the matrix names nobody of theirs they are not "uncovered": they have no part.
 */
export const ONLY_WHERE_NAMED: readonly string[] = ['be'];

/** Why a department is proposed: the matrix names it (`matrixRole`) for a theme in a government. */
export interface ProposalReason {
  theme: string;
  government: string;
  matrixRole: RoutingRole;
}

export interface ProposedDepartment {
  organisation: string;
  government: string;
  /** `lead` when the matrix names it lead for any of the themes (lead wins), else `involved`. */
  role: RoutingRole;
  reasons: ProposalReason[];
}

export interface RoutingProposal {
  /** The governments of the segment's sides, in the segment's order. */
  governments: string[];
  /** Per government, in that order: the lead and involved departments of each theme of the obstacle. */
  departments: ProposedDepartment[];
  /** Governments of the segment the matrix names nobody for, for any of the themes (the secretariat picks by hand). */
  uncovered: string[];
  /** Governments competent only where the matrix names them (ONLY_WHERE_NAMED) that it does not name here. */
  notNamed: string[];
}

/**
 * The routing the competence matrix proposes for an obstacle: for every government on the sides of
 * its border segment, for each of its themes, the cell's lead and involved departments; merged per
 * department (lead wins), each with the reasons it was proposed.
 */
export function proposeRouting(options: {
  themes: readonly string[];
  segment: Segment | undefined;
  cells: readonly CompetenceCell[];
}): RoutingProposal {
  const governments: string[] = [];
  for (const side of options.segment?.sides ?? []) {
    for (const government of side.governments) if (!governments.includes(government)) governments.push(government);
  }
  const departments: ProposedDepartment[] = [];
  const uncovered: string[] = [];
  const notNamed: string[] = [];
  for (const government of governments) {
    let named = false;
    for (const theme of options.themes) {
      const cell = options.cells.find((c) => c.theme === theme && c.government === government);
      if (!cell?.lead) continue;
      named = true;
      const entries: [string, RoutingRole][] = [
        [cell.lead, 'lead'],
        ...cell.involved.map((o): [string, RoutingRole] => [o, 'involved']),
      ];
      for (const [organisation, matrixRole] of entries) {
        let department = departments.find((d) => d.organisation === organisation);
        if (!department) {
          department = { organisation, government, role: matrixRole, reasons: [] };
          departments.push(department);
        }
        if (matrixRole === 'lead') department.role = 'lead';
        department.reasons.push({ theme, government, matrixRole });
      }
    }
    if (!named) (ONLY_WHERE_NAMED.includes(government) ? notNamed : uncovered).push(government);
  }
  return { governments, departments, uncovered, notNamed };
}

/** The current round of an obstacle's routings (the last `route` and the departments added since). */
export function currentRound(routings: readonly ObstacleRouting[]): ObstacleRouting[] {
  const round = Math.max(0, ...routings.map((r) => r.round));
  return routings.filter((r) => r.round === round);
}

/** A routing that holds: routed, not declined, and the obstacle not returned to analysis since. */
export function holds(routing: ObstacleRouting): boolean {
  return routing.endedAt === null;
}

export interface NextCandidate extends ProposedDepartment {
  /** The departments of that government that declined, with their reasons. */
  declined: { organisation: string; reason: string | null }[];
}

/**
 * Where a government has no department left that holds (all of its routed departments declined):
 * the next department the matrix proposes for that government that was not routed in this round,
 * if any. Proposed as lead when no lead holds anywhere on the obstacle, else in its matrix role.
 * `governmentOf` gives a department's government (the reference data).
 */
export function nextCandidates(options: {
  proposal: RoutingProposal;
  routings: readonly ObstacleRouting[];
  governmentOf: (organisation: string) => string | null;
}): { government: string; candidate: NextCandidate | null; declined: NextCandidate['declined'] }[] {
  const round = currentRound(options.routings);
  const leadHolds = round.some((r) => holds(r) && r.role === 'lead');
  const result: { government: string; candidate: NextCandidate | null; declined: NextCandidate['declined'] }[] = [];
  const governments = [...new Set(round.map((r) => options.governmentOf(r.organisation)).filter((g) => g !== null))];
  for (const government of governments) {
    const ofGovernment = round.filter((r) => options.governmentOf(r.organisation) === government);
    if (ofGovernment.some(holds)) continue;
    const declined = ofGovernment
      .filter((r) => r.acknowledgement === 'declined')
      .map((r) => ({ organisation: r.organisation, reason: r.declineReason }));
    if (declined.length === 0) continue;
    const routed = new Set(ofGovernment.map((r) => r.organisation));
    const next = options.proposal.departments.find((d) => d.government === government && !routed.has(d.organisation));
    result.push({
      government,
      declined,
      candidate: next ? { ...next, role: leadHolds ? next.role : 'lead', declined } : null,
    });
  }
  return result;
}
