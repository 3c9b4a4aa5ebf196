import type { Actor } from '../access/access.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { findObstacle } from '../obstacles/update-obstacle.js';
import { type FieldError, validationError } from '../shared/errors.js';
import type { CandidateRow } from './ports.js';
import type { Must, RoundCandidate, SelectionRound } from './round.js';
import { auditRound, requireStatus, roundFor, saveRound, userIdOf } from './round-access.js';

export interface CandidateInput {
  /** The obstacle's id or reference (`GB-…`). */
  obstacle: string;
  /** The effort it takes (counted against the round's effort budget); default 1. */
  effort?: number;
  /** The side of the border where its burden lies mainly; default: the one side its governments lie on. */
  side?: string;
  /** Its sub-region (a region of the segment); default: its first region in the segment. */
  subRegion?: string;
  /** The department that would lead it (its load); default: the competence matrix's lead for its first theme and government. */
  leadDepartment?: string;
  /** Kept (carried over from an earlier round) or left out whatever its score. */
  must?: Must | null;
}

/**
 * Adds obstacles in `proposed` to a round (the secretariat), while it is a draft or being scored:
 * each of the round's segment, not yet a candidate, with a side and sub-region of the segment and
 * a known lead department (given, or derived as documented on `CandidateInput`). Every problem is
 * named as `candidates.<i>.<field>`; nothing is added unless all are fine. Raises the round's
 * version; audited as `selection_round.candidates`.
 */
export async function addSelectionCandidates(options: {
  actor: Actor;
  id: string;
  inputs: readonly CandidateInput[];
  uow: UnitOfWork;
  clock: Clock;
}): Promise<{ round: SelectionRound; candidates: RoundCandidate[] }> {
  const { actor, id, inputs, uow, clock } = options;
  return uow.transaction(async ({ selectionRounds, obstacles, reference, competences, audit }) => {
    const round = await roundFor(actor, 'manage_selection', selectionRounds, id);
    requireStatus(round, ['draft', 'scoring']);
    const catalogue = await reference.catalogue();
    const segment = catalogue.segments.find((s) => s.key === round.segment);
    const regions = new Set(segment?.sides.flatMap((s) => s.regions) ?? []);
    const sides = new Set(segment?.sides.map((s) => s.side) ?? []);
    const existing = await selectionRounds.candidates(round.id);
    const taken = new Set(existing.map((c) => c.obstacleId));
    const errors: FieldError[] = [];
    const rows: CandidateRow[] = [];
    const now = clock.now();
    const by = userIdOf(actor);
    let position = existing.reduce((max, c) => Math.max(max, c.position), 0);
    for (const [i, input] of inputs.entries()) {
      const at = (field: string) => `candidates.${i}.${field}`;
      const obstacle = await findObstacle(obstacles, input.obstacle).catch(() => undefined);
      if (!obstacle) {
        errors.push({ name: at('obstacle'), code: 'unknown_key', params: { value: input.obstacle } });
        continue;
      }
      if (obstacle.status !== 'proposed') {
        errors.push({ name: at('obstacle'), code: 'not_proposed', params: { status: obstacle.status } });
      } else if (obstacle.segment !== round.segment) {
        errors.push({
          name: at('obstacle'),
          code: 'other_segment',
          params: { value: obstacle.reference, segment: round.segment },
        });
      } else if (taken.has(obstacle.id)) {
        errors.push({ name: at('obstacle'), code: 'duplicate' });
      }
      taken.add(obstacle.id);
      const onSides = segment?.sides.filter((s) => s.governments.some((g) => obstacle.governments.includes(g))) ?? [];
      const side = input.side ?? (onSides.length === 1 ? onSides[0]?.side : undefined);
      if (side === undefined) errors.push({ name: at('side'), code: 'required' });
      else if (!sides.has(side))
        errors.push({ name: at('side'), code: 'other_segment', params: { value: side, segment: round.segment } });
      const subRegion = input.subRegion ?? obstacle.regions.find((r) => regions.has(r));
      if (subRegion === undefined) errors.push({ name: at('subRegion'), code: 'required' });
      else if (!regions.has(subRegion)) {
        errors.push({ name: at('subRegion'), code: 'other_segment', params: { value: subRegion, segment: round.segment } });
      }
      let lead = input.leadDepartment;
      if (lead === undefined) {
        const theme = obstacle.themes[0];
        const government = obstacle.governments[0];
        lead = theme && government ? ((await competences.get(theme, government)).lead ?? undefined) : undefined;
      }
      if (lead === undefined) errors.push({ name: at('leadDepartment'), code: 'required' });
      else if (!catalogue.organisations.some((o) => o.key === lead)) {
        errors.push({ name: at('leadDepartment'), code: 'unknown_key', params: { value: lead } });
      }
      if (side !== undefined && subRegion !== undefined && lead !== undefined) {
        position += 1;
        rows.push({
          obstacleId: obstacle.id,
          effort: input.effort ?? 1,
          side,
          subRegion,
          leadDepartment: lead,
          must: input.must ?? null,
          position,
          addedAt: now,
          addedBy: by,
        });
      }
    }
    if (errors.length > 0) throw validationError(errors);
    await selectionRounds.insertCandidates(round.id, rows);
    const saved = await saveRound(selectionRounds, round, {}, by, now);
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.candidates',
      roundId: round.id,
      details: {
        added: rows.map((r) => ({
          obstacle: r.obstacleId,
          effort: r.effort,
          side: r.side,
          subRegion: r.subRegion,
          leadDepartment: r.leadDepartment,
          must: r.must,
        })),
      },
    });
    return { round: saved, candidates: await selectionRounds.candidates(round.id) };
  });
}
