import type { Actor } from '../access/access.js';
import type { SelectionRoundRepository } from './ports.js';
import type { SelectionRound } from './round.js';
import { roundFor } from './round-access.js';

export interface PartnerProgress {
  organisation: string;
  /** Cells scored (candidate × criterion). */
  scored: number;
  /** Cells there are: candidates × criteria. */
  expected: number;
  /** Candidates with every criterion scored. */
  completeCandidates: number;
  lastScoredAt: Date | null;
}

/**
 * How far each participating partner is with scoring (counts only, never the scores): cells scored
 * of candidates × criteria, the candidates done, when it last scored. For whoever reads the round.
 */
export async function getScoringProgress(options: {
  actor: Actor;
  id: string;
  rounds: SelectionRoundRepository;
}): Promise<{ round: SelectionRound; candidates: number; partners: PartnerProgress[] }> {
  const { actor, id, rounds } = options;
  const round = await roundFor(actor, 'read_selection', rounds, id);
  const candidates = await rounds.candidates(round.id);
  const scores = await rounds.scores(round.id);
  const ids = new Set(candidates.map((c) => c.obstacleId));
  const criteria = new Set<string>(round.criteria.map((c) => c.key));
  const partners = round.partners.map((organisation) => {
    const own = scores.filter((s) => s.organisation === organisation && ids.has(s.obstacleId) && criteria.has(s.criterion));
    const perCandidate = new Map<string, number>();
    for (const s of own) perCandidate.set(s.obstacleId, (perCandidate.get(s.obstacleId) ?? 0) + 1);
    const last = own.reduce<Date | null>((latest, s) => (latest === null || s.scoredAt > latest ? s.scoredAt : latest), null);
    return {
      organisation,
      scored: own.length,
      expected: candidates.length * criteria.size,
      completeCandidates: [...perCandidate.values()].filter((n) => n === criteria.size).length,
      lastScoredAt: last,
    };
  });
  return { round, candidates: candidates.length, partners };
}
