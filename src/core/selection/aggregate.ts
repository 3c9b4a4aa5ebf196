/** A partner's score of a candidate on one criterion (1–5). */
export interface PartnerScore {
  candidateId: string;
  partnerId: string;
  criterionId: string;
  score: number;
}

export interface Criterion {
  id: string;
  /** A weight ≥ 0; weights need not sum to 1 (they are normalised). */
  weight: number;
}

export type AggregationMethod = 'mean' | 'median';

export interface AggregatedScore {
  candidateId: string;
  /** The aggregated score; null when the candidate has no score at all. */
  score: number | null;
  /** True when no partner scored it: it must be scored (or left out) before a solve. */
  unscored: boolean;
  /** True when some criterion (of weight > 0) has no score: the weights were normalised over the others. */
  partial: boolean;
  /** Per criterion: the partners' scores combined (mean or median); absent criteria are left out. */
  perCriterion: Record<string, number>;
  /** The spread of the partners' own weighted scores: how much the partners agree. */
  spread: { partners: number; min: number; max: number; stddev: number } | null;
}

/**
 * The aggregated score of each candidate (docs/SELECTION.md, "Aggregation"): per criterion, the
 * partners' scores are combined — their mean, or with `median` their median, which dampens one
 * partner's outlier — and the criteria are then combined by their weights:
 *   score = Σ_c w_c · agg_c / Σ_c w_c   over the criteria c that have scores.
 * The spread is that of each partner's own weighted score (Σ w_c · s_pc / Σ w_c over the criteria
 * the partner scored): min, max and the population standard deviation. Every candidate named in
 * `candidateIds` gets a result, in that order; those without scores are flagged `unscored`.
 */
export function aggregateScores(options: {
  candidateIds: readonly string[];
  criteria: readonly Criterion[];
  scores: readonly PartnerScore[];
  method: AggregationMethod;
}): AggregatedScore[] {
  const weights = new Map(options.criteria.map((c) => [c.id, c.weight]));
  const byCandidate = new Map<string, PartnerScore[]>();
  for (const score of options.scores) {
    if (!weights.has(score.criterionId)) continue;
    let list = byCandidate.get(score.candidateId);
    if (!list) {
      list = [];
      byCandidate.set(score.candidateId, list);
    }
    list.push(score);
  }
  return options.candidateIds.map((candidateId) => {
    const scores = byCandidate.get(candidateId) ?? [];
    const perCriterion: Record<string, number> = {};
    for (const criterion of options.criteria) {
      const values = scores.filter((s) => s.criterionId === criterion.id).map((s) => s.score);
      if (values.length > 0) perCriterion[criterion.id] = options.method === 'median' ? median(values) : mean(values);
    }
    const score = weightedMean(perCriterion, weights);
    const partners = new Map<string, Record<string, number>>();
    for (const s of scores) {
      let own = partners.get(s.partnerId);
      if (!own) {
        own = {};
        partners.set(s.partnerId, own);
      }
      own[s.criterionId] = s.score;
    }
    const partnerScores = [...partners.values()]
      .map((own) => weightedMean(own, weights))
      .filter((value): value is number => value !== null);
    const weighted = options.criteria.filter((c) => c.weight > 0);
    return {
      candidateId,
      score,
      unscored: scores.length === 0,
      partial: scores.length > 0 && weighted.some((c) => perCriterion[c.id] === undefined),
      perCriterion,
      spread: partnerScores.length === 0 ? null : spreadOf(partnerScores),
    };
  });
}

function weightedMean(values: Record<string, number>, weights: Map<string, number>): number | null {
  let sum = 0;
  let weight = 0;
  for (const [criterion, value] of Object.entries(values)) {
    const w = weights.get(criterion) ?? 0;
    sum += w * value;
    weight += w;
  }
  return weight > 0 ? sum / weight : null;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function spreadOf(values: readonly number[]) {
  const m = mean(values);
  const variance = values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length;
  return { partners: values.length, min: Math.min(...values), max: Math.max(...values), stddev: Math.sqrt(variance) };
}
