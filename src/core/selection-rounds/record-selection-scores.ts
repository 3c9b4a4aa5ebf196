import { type Actor, denied } from '../access/access.js';
import type { Clock, UnitOfWork } from '../obstacles/ports.js';
import { calendarDate } from '../obstacles/register-obstacle.js';
import { AppError, type FieldError, validationError } from '../shared/errors.js';
import type { CriterionKey, RoundScore } from './round.js';
import { auditRound, requireStatus, requireVersion, roundFor, userIdOf } from './round-access.js';

export interface ScoreInput {
  /** The candidate's obstacle id. */
  obstacleId: string;
  criterion: string;
  /** 1–5. */
  score: number;
  comment?: string | null;
}

export const COMMENT_LIMIT = 1_000;

/**
 * Records one partner organisation's scores of a round (a batch: one cell per candidate and
 * criterion, each replacing that organisation's earlier score of the cell), while the round is
 * being scored, with the round's version the caller saw (412 when the set-up changed since: other
 * candidates or criteria). A partner user scores for its own organisation only (403 for another),
 * and only until the scoring deadline (409 after it); the secretariat may score on a partner's
 * behalf. Every cell is checked and every problem named (`<prefix>.<i>.<field>`): a candidate of
 * the round, a criterion of the round, a whole number 1–5, a comment of at most 1,000 characters,
 * no cell twice. Nothing is written unless every cell is fine. Audited as `selection_round.scores`.
 */
export async function recordSelectionScores(options: {
  actor: Actor;
  id: string;
  expectedVersion: number | 'any';
  /** The organisation scored for; default the caller's own. */
  organisation?: string;
  scores: readonly ScoreInput[];
  /** The request field of the scores (`scores`), or a function naming a cell (the spreadsheet's cells). */
  fieldOf?: (index: number, field: 'obstacleId' | 'criterion' | 'score' | 'comment') => string;
  uow: UnitOfWork;
  clock: Clock;
}): Promise<{ organisation: string; count: number }> {
  const { actor, id, expectedVersion, scores, uow, clock } = options;
  const fieldOf = options.fieldOf ?? ((i: number, field: string) => `scores.${i}.${field}`);
  return uow.transaction(async ({ selectionRounds, audit }) => {
    const round = await roundFor(actor, 'score_selection', selectionRounds, id);
    if (actor.kind !== 'user') throw denied(actor);
    const organisation = options.organisation ?? actor.organisation;
    if (actor.role !== 'secretariat' && organisation !== actor.organisation) throw denied(actor);
    requireVersion(round, expectedVersion);
    requireStatus(round, ['scoring']);
    const now = clock.now();
    if (actor.role !== 'secretariat' && calendarDate(now) > round.scoringDeadline) {
      throw new AppError('selection_round_status', {
        params: { status: `scoring (deadline ${round.scoringDeadline})`, allowed: 'scoring' },
      });
    }
    const errors: FieldError[] = [];
    if (!round.partners.includes(organisation))
      errors.push({ name: 'organisation', code: 'not_participating', params: { value: organisation } });
    const candidates = new Set((await selectionRounds.candidates(round.id)).map((c) => c.obstacleId));
    const criteria = new Set<string>(round.criteria.map((c) => c.key));
    const seen = new Set<string>();
    const rows: RoundScore[] = [];
    const by = userIdOf(actor);
    scores.forEach((input, i) => {
      let ok = true;
      if (!candidates.has(input.obstacleId)) {
        errors.push({ name: fieldOf(i, 'obstacleId'), code: 'not_a_candidate', params: { value: input.obstacleId } });
        ok = false;
      }
      if (!criteria.has(input.criterion)) {
        errors.push({ name: fieldOf(i, 'criterion'), code: 'unknown_key', params: { value: input.criterion } });
        ok = false;
      }
      if (typeof input.score !== 'number' || !Number.isInteger(input.score)) {
        errors.push({ name: fieldOf(i, 'score'), code: 'invalid_type', params: { expected: 'integer' } });
        ok = false;
      } else if (input.score < 1) {
        errors.push({ name: fieldOf(i, 'score'), code: 'too_small', params: { min: 1 } });
        ok = false;
      } else if (input.score > 5) {
        errors.push({ name: fieldOf(i, 'score'), code: 'too_big', params: { max: 5 } });
        ok = false;
      }
      const comment = input.comment?.trim() ? input.comment.trim() : null;
      if (comment !== null && comment.length > COMMENT_LIMIT) {
        errors.push({ name: fieldOf(i, 'comment'), code: 'too_long', params: { max: COMMENT_LIMIT } });
        ok = false;
      }
      const key = `${input.obstacleId}\u0000${input.criterion}`;
      if (seen.has(key)) {
        errors.push({ name: fieldOf(i, 'criterion'), code: 'duplicate' });
        ok = false;
      }
      seen.add(key);
      if (ok) {
        rows.push({
          organisation,
          obstacleId: input.obstacleId,
          criterion: input.criterion as CriterionKey,
          score: input.score,
          comment,
          scoredBy: by,
          scoredAt: now,
        });
      }
    });
    if (errors.length > 0) throw validationError(errors);
    await selectionRounds.saveScores(round.id, rows);
    await auditRound(audit, {
      actor,
      at: now,
      action: 'selection_round.scores',
      roundId: round.id,
      details: { organisation, cells: rows.length },
    });
    return { organisation, count: rows.length };
  });
}
