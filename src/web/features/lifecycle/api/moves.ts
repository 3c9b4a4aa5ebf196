/**
 * The moves the obstacle page offers: those of the caller's `abilities` (`transition:<status>`),
 * described by the API's machine (GET /api/v1/lifecycle: which need a reason, an information
 * point, an obstacle to merge into). Moves another module makes (routing, decisions) are never
 * offered as a bare move.
 */
import type { Problem } from '../../../../contracts/common.contract.js';
import type { LifecycleMove, TransitionBody } from '../../../lib/api-client';
import { isOneOf, STATUS_KEYS, type StatusKey } from '../../../lib/keys';

export interface OfferedMove {
  name: LifecycleMove['name'];
  to: StatusKey;
  reasonRequired: boolean;
  needsReferredTo: boolean;
  needsMergedInto: boolean;
  needsAnalysis: boolean;
}

export function offeredMoves(
  obstacle: { status: string; abilities?: readonly string[] | undefined },
  machine: readonly LifecycleMove[],
): OfferedMove[] {
  const abilities = new Set(obstacle.abilities ?? []);
  return machine
    .filter(
      (move) =>
        move.madeBy === null &&
        (move.from as readonly string[]).includes(obstacle.status) &&
        abilities.has(`transition:${move.to}`),
    )
    .map((move) => ({
      name: move.name,
      to: move.to,
      reasonRequired: move.reason === 'required',
      needsReferredTo: move.requires.includes('referredTo'),
      needsMergedInto: move.requires.includes('mergedInto'),
      needsAnalysis: move.requires.includes('analysis'),
    }));
}

/** The fields of a move's form, as typed. */
export interface MoveFormValues {
  to: StatusKey;
  reason: string;
  referredTo: string;
  mergedInto: string;
  version: string;
}

export const MOVE_INTENT = 'transition';

export function readMoveForm(form: FormData): MoveFormValues | undefined {
  const field = (name: string) => String(form.get(name) ?? '').trim();
  const to = field('to');
  if (!isOneOf(STATUS_KEYS, to)) return undefined;
  return {
    to,
    reason: field('reason'),
    referredTo: field('referredTo'),
    mergedInto: field('mergedInto'),
    version: field('version'),
  };
}

/** The request body: only the fields the form has; the API says what is missing or wrong. */
export function toTransitionBody(values: MoveFormValues): TransitionBody {
  return {
    to: values.to,
    ...(values.reason ? { reason: values.reason } : {}),
    ...(values.referredTo ? { referredTo: values.referredTo } : {}),
    ...(values.mergedInto ? { mergedInto: values.mergedInto } : {}),
  };
}

/** The id of a field of one move's form (several forms on one page have a reason). */
export function moveFieldId(to: string, field: 'reason' | 'referredTo' | 'mergedInto'): string {
  return `move-${to}-${field}`;
}

/** The fields a move's form shows; an API error naming another field is shown in the summary only. */
export const MOVE_FIELDS = ['reason', 'referredTo', 'mergedInto'] as const;

/** A refused move as the page shows it (the action's answer). */
export interface MoveResult {
  values: MoveFormValues;
  problem: Problem;
  status: number;
}

/** The parts of the analysis an `analysis_incomplete` answer names (`analysis.solutions` → `solutions`). */
export function missingParts(problem: Problem | undefined): string[] {
  if (problem?.code !== 'analysis_incomplete') return [];
  return (problem.invalidParams ?? []).map((p) => p.name.replace(/^analysis\./, ''));
}
