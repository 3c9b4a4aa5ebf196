import type { TFunction } from 'i18next';
import type { SolutionDetail } from '../api/rounds-client';

type Explanation = SolutionDetail['explanations'][number];

/** A rule that binds (`maxPerTheme` of `taxation`) in the reader's words. */
export function ruleRefText(t: TFunction, r: { rule: string; key?: string | undefined }): string {
  return `${t(`rounds.rule.${r.rule}`, { defaultValue: r.rule })}${r.key ? ` (${r.key})` : ''}`;
}

/**
 * Why a candidate is in the portfolio or left out, in the reader's words: a keep rule, its score; an
 * exclusion, the rules that block it, or its score; and the score it would need to get in (exactly,
 * or as the bound of a swap with the candidate it would replace).
 */
export function whyText(t: TFunction, e: Explanation, reference: (obstacleId: string | null | undefined) => string): string {
  if (e.selected) return e.kept ? t('rounds.whyKept') : t('rounds.whySelected');
  if (e.excluded) return t('rounds.whyExcluded');
  const parts: string[] = [];
  if (e.blockedBy && e.blockedBy.length > 0)
    parts.push(t('rounds.whyBlocked', { rules: e.blockedBy.map((r) => ruleRefText(t, r)).join(', ') }));
  else parts.push(t('rounds.whyScore'));
  if (e.canEnter === false) parts.push(t('rounds.cannotEnter'));
  else if (e.neededScore !== null && e.neededScore !== undefined)
    parts.push(
      e.method === 'swap'
        ? t('rounds.neededSwap', { score: e.neededScore.toFixed(2), reference: reference(e.swapWith) })
        : t('rounds.neededExact', { score: e.neededScore.toFixed(2) }),
    );
  return parts.join(' ');
}
