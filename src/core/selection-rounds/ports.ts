import type {
  FinishedSolution,
  RoundCandidate,
  RoundScore,
  SelectionAmendment,
  SelectionRound,
  SelectionSolution,
} from './round.js';

/** A score as aggregation reads it. */
export type ScoreValue = Pick<RoundScore, 'organisation' | 'obstacleId' | 'criterion' | 'score'>;

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

  /**
   * The candidates in the order they were added, with their obstacles' facts; with `page`, at most
   * `limit` of them (after position `afterPosition` when given: a solve reads a large round in slices).
   */
  candidates(roundId: string, page?: { afterPosition?: number; limit: number }): Promise<RoundCandidate[]>;
  /**
   * What starting a solve must know without reading every score: the references of the candidates
   * (not excluded) with no score of any of `partners` on any of `criteria` (they have no aggregated
   * score), in the order they were added; and the candidates to keep and to leave out.
   */
  solveFacts(
    roundId: string,
    filter: { partners: readonly string[]; criteria: readonly string[] },
  ): Promise<{ unscored: string[]; keep: string[]; exclude: string[] }>;
  insertCandidates(roundId: string, rows: readonly CandidateRow[]): Promise<void>;
  /** Sets which candidates must be kept and which left out; every other candidate neither. */
  setMust(roundId: string, must: { keep: readonly string[]; exclude: readonly string[] }): Promise<void>;
  /** Removes a candidate and its scores; false when it was not in the round. */
  removeCandidate(roundId: string, obstacleId: string): Promise<boolean>;
  /** The rounds (not approved) an obstacle is a candidate of. */
  roundsOfObstacle(obstacleId: string): Promise<string[]>;

  /** Scores of the round, of one organisation when named. */
  scores(roundId: string, organisation?: string): Promise<RoundScore[]>;
  /** The bare scores (no comment, author or time) of these partners for these candidates: what aggregation needs. */
  scoreValues(roundId: string, partners: readonly string[], obstacleIds: readonly string[]): Promise<ScoreValue[]>;
  /** Inserts or replaces scores (one per organisation, obstacle and criterion). */
  saveScores(roundId: string, scores: readonly RoundScore[]): Promise<void>;

  /** Writes a new (running) solution, run by the process whose runner is `runner`; its first heartbeat is its creation. */
  insertSolution(solution: SelectionSolution, runner: string): Promise<void>;
  /** The heartbeat of running solutions of this runner: they are alive at `at`. */
  beatSolutions(runner: string, ids: readonly string[], at: Date): Promise<void>;
  /**
   * Marks `failed` (failure `interrupted`, finished at `at`) every running solution whose last
   * heartbeat (or creation, without one) is before `before`, whichever process ran it; returns them.
   */
  interruptStaleSolutions(before: Date, at: Date): Promise<SelectionSolution[]>;
  /** Whether any running solution has had no heartbeat (or creation, without one) since `before`. */
  hasStaleSolutions(before: Date): Promise<boolean>;
  /**
   * Writes a finished solution over a running one, its explanations and parameters as the JSON
   * text they come as; false when it was no longer running (cancelled).
   */
  finishSolution(solution: FinishedSolution): Promise<boolean>;
  findSolution(roundId: string, id: string): Promise<SelectionSolution | undefined>;
  /** Newest first. */
  listSolutions(roundId: string): Promise<SelectionSolution[]>;

  insertAmendment(amendment: SelectionAmendment): Promise<void>;
  /** Of one solution, in the order they were made. */
  amendments(roundId: string, solutionId?: string): Promise<SelectionAmendment[]>;
}

/** Runs solves in the background and cancels them (server/selection). */
export interface SolveRunner {
  /** This runner (one per server process): written on the solutions it runs, whose heartbeat it keeps. */
  readonly id: string;
  /** Starts `work` now, in the background; `signal` aborts when the solve is cancelled. */
  start(solutionId: string, work: (signal: AbortSignal) => Promise<void>): void;
  /** Aborts a running solve of this process; false when none runs here under that id. */
  cancel(solutionId: string): boolean;
}
