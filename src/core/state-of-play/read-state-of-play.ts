import { type Actor, can, denied } from '../access/access.js';
import { AppError } from '../shared/errors.js';
import type { StateOfPlayRepository } from './ports.js';
import {
  type DepartmentProgress,
  overviewOf,
  progressByDepartment,
  type StateOfPlayOverview,
  type StateOfPlayRound,
} from './state-of-play.js';

/** What a caller may do with a round (the web offers only these). */
export type RoundAbility = 'answer' | 'remind' | 'close';

export interface RoundSummary {
  round: StateOfPlayRound;
  /** The caller's part: every department (the secretariat), or its own (a department). */
  departments: DepartmentProgress[];
}

export interface RoundView {
  round: StateOfPlayRound;
  /** Every department's items (the secretariat), or the caller's own department's (a department). */
  overview: StateOfPlayOverview;
  abilities: RoundAbility[];
}

/** The organisation whose items a caller reads: all (undefined) for the secretariat, its own for a department. */
function scopeOf(actor: Actor): { organisation?: string } {
  if (actor.kind === 'anonymous' || !can(actor, 'read_state_of_play')) throw denied(actor);
  return can(actor, 'manage_state_of_play') ? {} : { organisation: actor.organisation };
}

/**
 * The rounds, newest first: every round for the secretariat, the rounds with items of its own
 * department for a department user, each with the caller's part of the progress (401, 403 for others).
 */
export async function listStateOfPlayRounds(options: {
  actor: Actor;
  repository: StateOfPlayRepository;
}): Promise<RoundSummary[]> {
  const { actor, repository } = options;
  const scope = scopeOf(actor);
  const rounds = await repository.listRounds(scope);
  const summaries: RoundSummary[] = [];
  for (const round of rounds) {
    summaries.push({ round, departments: progressByDepartment(await repository.itemsOf(round.id, scope.organisation)) });
  }
  return summaries;
}

/**
 * One round with its overview: the secretariat reads every department's items and answers; a
 * department user only its own (404 for a round without items of theirs, as if it did not exist).
 */
export async function getStateOfPlayRound(options: {
  actor: Actor;
  id: string;
  repository: StateOfPlayRepository;
}): Promise<RoundView> {
  const { actor, id, repository } = options;
  const scope = scopeOf(actor);
  const round = await repository.findRound(id);
  if (!round) throw new AppError('state_of_play_round_not_found', { params: { id } });
  const items = await repository.itemsOf(id, scope.organisation);
  if (scope.organisation !== undefined && items.length === 0) {
    throw new AppError('state_of_play_round_not_found', { params: { id } });
  }
  const abilities: RoundAbility[] = [];
  if (round.status === 'open') {
    if (can(actor, 'answer_state_of_play') && items.length > 0) abilities.push('answer');
    if (can(actor, 'manage_state_of_play')) abilities.push('remind', 'close');
  }
  return { round, overview: overviewOf(items), abilities };
}
