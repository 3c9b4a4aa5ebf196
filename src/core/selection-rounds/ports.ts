import type { RoundCandidate, RoundScore, SelectionAmendment, SelectionRound, SelectionSolution } from './round.js';

/** A candidate as written (the obstacle's own facts are read from the obstacle). */
export type CandidateRow = Omit<RoundCandidate, 'reference' | 'title' | 'sourceLanguage' | 'status' | 'themes'>;

/** Storage of selection rounds. Implemented in db/ for SQLite and PostgreSQL. */
export interface SelectionRoundRepository {
  insertRound(round: SelectionRound): Promise<void>;
  /** Replaces the stored round when its version is `expectedVersion`; false when it is not. */
  updateRound(round: SelectionRound, expectedVersion: number): Promise<boolean>;
  findRound(id: string): Promise<SelectionRound | undefined>;
  /** Rounds by creation, newest first; only those a partner organisation takes part in when one is named. */
  listRounds(filter: { partner?: string }): Promise<SelectionRound[]>;

  /** The candidates in the order they were added, with their obstacles' facts. */
  candidates(roundId: string): Promise<RoundCandidate[]>;
  insertCandidates(roundId: string, rows: readonly CandidateRow[]): Promise<void>;
  /** Sets which candidates must be kept and which left out; every other candidate neither. */
  setMust(roundId: string, must: { keep: readonly string[]; exclude: readonly string[] }): Promise<void>;
  /** Removes a candidate and its scores; false when it was not in the round. */
  removeCandidate(roundId: string, obstacleId: string): Promise<boolean>;
  /** The rounds (not approved) an obstacle is a candidate of. */
  roundsOfObstacle(obstacleId: string): Promise<string[]>;

  /** Scores of the round, of one organisation when named. */
  scores(roundId: string, organisation?: string): Promise<RoundScore[]>;
  /** Inserts or replaces scores (one per organisation, obstacle and criterion). */
  saveScores(roundId: string, scores: readonly RoundScore[]): Promise<void>;

  insertSolution(solution: SelectionSolution): Promise<void>;
  /** Writes a finished solution over a running one; false when it was no longer running (cancelled). */
  finishSolution(solution: SelectionSolution): Promise<boolean>;
  findSolution(roundId: string, id: string): Promise<SelectionSolution | undefined>;
  /** Newest first. */
  listSolutions(roundId: string): Promise<SelectionSolution[]>;

  insertAmendment(amendment: SelectionAmendment): Promise<void>;
  /** Of one solution, in the order they were made. */
  amendments(roundId: string, solutionId?: string): Promise<SelectionAmendment[]>;
}

/** Runs solves in the background and cancels them (server/selection). */
export interface SolveRunner {
  /** Starts `work` now, in the background; `signal` aborts when the solve is cancelled. */
  start(solutionId: string, work: (signal: AbortSignal) => Promise<void>): void;
  /** Aborts a running solve of this process; false when none runs here under that id. */
  cancel(solutionId: string): boolean;
}
