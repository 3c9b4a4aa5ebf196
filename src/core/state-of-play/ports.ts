import type { ActionCandidate, StateOfPlayItem, StateOfPlayRound } from './state-of-play.js';

/** Storage of state-of-play rounds and their items (db/repositories/state-of-play-repository.ts). */
export interface StateOfPlayRepository {
  /** Stores a new round; false when another round is open (a concurrent opening committed first). */
  insertRound(round: StateOfPlayRound): Promise<boolean>;
  /** Replaces the stored round when its version is `expectedVersion`; false when it is not. */
  updateRound(round: StateOfPlayRound, expectedVersion: number): Promise<boolean>;
  /**
   * Records a reminder run (remindedAt, one more reminder; not a new version: the round's content
   * is the same) when the last run is still `previous`; false when another run came first.
   */
  markReminded(id: string, at: Date, previous: Date | null): Promise<boolean>;
  findRound(id: string): Promise<StateOfPlayRound | undefined>;
  /** The open round, if there is one. */
  openRound(): Promise<StateOfPlayRound | undefined>;
  /** Every round, newest first (of the rounds with items of `organisation` when given). */
  listRounds(filter: { organisation?: string }): Promise<StateOfPlayRound[]>;
  insertItems(items: readonly StateOfPlayItem[]): Promise<void>;
  /** The items of a round (of one department when given), by department, due date and id. */
  itemsOf(roundId: string, organisation?: string): Promise<StateOfPlayItem[]>;
  findItem(roundId: string, itemId: string): Promise<StateOfPlayItem | undefined>;
  /** Replaces the stored item (its answer) when its version is `expectedVersion`; false when it is not. */
  updateItem(item: StateOfPlayItem, expectedVersion: number): Promise<boolean>;
  /** Open actions (planned, in progress) due on or before `dueBy`, with their obstacle. */
  openActionsDueBy(dueBy: string): Promise<ActionCandidate[]>;
}
