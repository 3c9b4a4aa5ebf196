import { type Actor, can, denied } from '../access/access.js';
import type { SelectionRoundRepository } from './ports.js';
import type { RoundCandidate, SelectionAmendment, SelectionRound, SelectionSolution } from './round.js';
import { readsRound, roundFor } from './round-access.js';

/** What a caller may do with a round (the web offers only these). */
export type RoundAbility = 'manage' | 'score' | 'approve';

export function roundAbilities(actor: Actor, round: SelectionRound): RoundAbility[] {
  if (actor.kind === 'anonymous') return [];
  const abilities: RoundAbility[] = [];
  if (can(actor, 'manage_selection') && round.status !== 'approved') abilities.push('manage');
  const ownPartner = actor.role === 'secretariat' || round.partners.includes(actor.organisation);
  if (can(actor, 'score_selection') && ownPartner && round.status === 'scoring') abilities.push('score');
  if (can(actor, 'approve_selection') && round.status === 'solved') abilities.push('approve');
  return abilities;
}

/** The rounds a caller reads (401/403 first), newest first: a partner user those its organisation takes part in. */
export async function listSelectionRounds(options: {
  actor: Actor;
  rounds: SelectionRoundRepository;
}): Promise<SelectionRound[]> {
  const { actor, rounds } = options;
  if (actor.kind === 'anonymous' || !can(actor, 'read_selection')) throw denied(actor);
  const list = await rounds.listRounds(actor.role === 'partner' ? { partner: actor.organisation } : {});
  return list.filter((r) => readsRound(actor, r));
}

/** One round with its candidates, amendments and solutions (newest first), for whoever reads it (404 otherwise). */
export async function getSelectionRound(options: { actor: Actor; id: string; rounds: SelectionRoundRepository }): Promise<{
  round: SelectionRound;
  candidates: RoundCandidate[];
  solutions: SelectionSolution[];
  amendments: SelectionAmendment[];
  abilities: RoundAbility[];
}> {
  const { actor, id, rounds } = options;
  const round = await roundFor(actor, 'read_selection', rounds, id);
  return {
    round,
    candidates: await rounds.candidates(round.id),
    solutions: await rounds.listSolutions(round.id),
    amendments: await rounds.amendments(round.id),
    abilities: roundAbilities(actor, round),
  };
}
