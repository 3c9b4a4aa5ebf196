/**
 * An exhaustive search of the best selection, written apart from src/core/selection (it shares
 * only the model's types): every subset of the candidates is considered (branches that already
 * exceed a maximum are cut, which drops no valid subset), and each complete subset is checked
 * against every rule by `isValid` below. For rounds of up to ~20 candidates.
 */
import type { Candidate, PerKeyLimit, Rules, SelectionModel } from '../src/core/selection/model.js';

const TOLERANCE = 1e-9;

function limit(rule: PerKeyLimit | undefined, key: string): number | undefined {
  if (rule === undefined) return undefined;
  if (typeof rule === 'number') return rule;
  return key in rule ? rule[key] : undefined;
}

/** Does the subset (flags per candidate) meet every rule? */
export function isValid(model: SelectionModel, chosen: readonly boolean[]): boolean {
  return brokenRules(model, chosen).length === 0;
}

/** The names of the rules the subset breaks (for messages in tests). */
export function brokenRules(model: SelectionModel, chosen: readonly boolean[]): string[] {
  const { candidates, rules } = model;
  const picked = candidates.filter((_, i) => chosen[i]);
  const broken: string[] = [];
  const n = picked.length;
  if (rules.capacity?.max !== undefined && n > rules.capacity.max) broken.push('capacity.max');
  if (rules.capacity?.exact !== undefined && n !== rules.capacity.exact) broken.push('capacity.exact');
  if (rules.effortBudget !== undefined && picked.reduce((s, c) => s + c.effort, 0) > rules.effortBudget + TOLERANCE) {
    broken.push('effortBudget');
  }
  for (const share of rules.sideShare ?? []) {
    if (n === 0) continue;
    const fraction = (picked.filter((c) => c.side === share.side).length / n) * 100;
    if (share.minPercent !== undefined && fraction < share.minPercent - 1e-7) broken.push(`sideShare.${share.side}.min`);
    if (share.maxPercent !== undefined && fraction > share.maxPercent + 1e-7) broken.push(`sideShare.${share.side}.max`);
  }
  const allThemes = new Set(candidates.flatMap((c) => c.themes));
  if (rules.maxPerTheme !== undefined && typeof rules.maxPerTheme !== 'number') {
    for (const key of Object.keys(rules.maxPerTheme)) allThemes.add(key);
  }
  for (const theme of allThemes) {
    const max = limit(rules.maxPerTheme, theme);
    if (max !== undefined && picked.filter((c) => c.themes.includes(theme)).length > max) broken.push(`maxPerTheme.${theme}`);
  }
  const departments = new Set(candidates.map((c) => c.leadDepartment));
  for (const department of departments) {
    const max = limit(rules.maxPerDepartment, department);
    if (max !== undefined && picked.filter((c) => c.leadDepartment === department).length > max) {
      broken.push(`maxPerDepartment.${department}`);
    }
  }
  const subRegions = new Set(candidates.map((c) => c.subRegion));
  if (rules.minPerSubRegion !== undefined && typeof rules.minPerSubRegion !== 'number') {
    for (const key of Object.keys(rules.minPerSubRegion)) subRegions.add(key);
  }
  for (const subRegion of subRegions) {
    const min = limit(rules.minPerSubRegion, subRegion);
    if (min !== undefined && picked.filter((c) => c.subRegion === subRegion).length < min)
      broken.push(`minPerSubRegion.${subRegion}`);
  }
  candidates.forEach((c, i) => {
    if (rules.keep?.includes(c.id) && !chosen[i]) broken.push(`keep.${c.id}`);
    if (rules.exclude?.includes(c.id) && chosen[i]) broken.push(`exclude.${c.id}`);
  });
  return broken;
}

export interface ExhaustiveResult {
  feasible: boolean;
  /** The best total score (−Infinity when infeasible). */
  best: number;
  /** One best subset. */
  chosen: boolean[] | null;
}

/** The best valid subset by trying them all. */
export function exhaustiveBest(model: SelectionModel): ExhaustiveResult {
  const { candidates, rules } = model;
  if (candidates.length > 24) throw new Error('exhaustive search is for small rounds');
  const chosen = candidates.map(() => false);
  let best = Number.NEGATIVE_INFINITY;
  let bestChosen: boolean[] | null = null;
  const maxCount = Math.min(rules.capacity?.max ?? Infinity, rules.capacity?.exact ?? Infinity);
  const exceeds = (upTo: number): boolean => {
    const picked: Candidate[] = [];
    for (let i = 0; i <= upTo; i++) if (chosen[i]) picked.push(candidates[i] as Candidate);
    if (picked.length > maxCount) return true;
    if (rules.effortBudget !== undefined && picked.reduce((s, c) => s + c.effort, 0) > rules.effortBudget + TOLERANCE)
      return true;
    return false;
  };
  const visit = (i: number, score: number) => {
    if (i === candidates.length) {
      if (score > best + TOLERANCE && isValid(model, chosen)) {
        best = score;
        bestChosen = [...chosen];
      }
      return;
    }
    chosen[i] = false;
    visit(i + 1, score);
    chosen[i] = true;
    if (!exceeds(i)) visit(i + 1, score + (candidates[i] as Candidate).score);
    chosen[i] = false;
  };
  visit(0, 0);
  return { feasible: bestChosen !== null, best, chosen: bestChosen };
}

/** A seeded generator (xorshift32), independent of the bench's. */
export function randomSource(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * A small generated round: 6–20 candidates, 2–3 sides, 3 themes, 4 departments, 3 sub-regions,
 * scores with two decimals, and each rule present at random (exact counts, keep and exclude too),
 * so that some rounds are infeasible.
 */
export function smallRound(seed: number): SelectionModel {
  const random = randomSource(seed * 7919 + 17);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const n = int(6, 20);
  const sides = random() < 0.8 ? ['a', 'b'] : ['a', 'b', 'c'];
  const candidates: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const themes = [`t${int(0, 2)}`];
    if (random() < 0.3) themes.push(`t${int(0, 2)}`);
    candidates.push({
      id: `k${i}`,
      score: int(100, 500) / 100,
      side: sides[int(0, sides.length - 1)] as string,
      themes: [...new Set(themes)],
      leadDepartment: `d${int(0, 3)}`,
      subRegion: `r${int(0, 2)}`,
      effort: int(1, 6),
    });
  }
  const rules: Rules = {};
  const places = int(2, Math.min(9, n));
  const capacity = random();
  if (capacity < 0.55) rules.capacity = { max: places };
  else if (capacity < 0.85) rules.capacity = { exact: places };
  if (random() < 0.4) rules.effortBudget = int(places * 2, places * 4);
  if (random() < 0.5) {
    const min = int(20, 45);
    rules.sideShare = [{ side: 'a', minPercent: min, maxPercent: int(55, 80) }];
    if (random() < 0.5) rules.sideShare = [...rules.sideShare, { side: 'b', minPercent: int(10, 40) }];
  }
  if (random() < 0.5) rules.maxPerTheme = random() < 0.7 ? int(1, 4) : { t0: int(0, 2), t2: int(1, 3) };
  if (random() < 0.4) rules.maxPerDepartment = random() < 0.7 ? int(1, 3) : { d1: int(0, 2) };
  if (random() < 0.4) rules.minPerSubRegion = random() < 0.7 ? int(1, 2) : { r0: int(1, 3) };
  if (random() < 0.3) rules.keep = [...new Set([`k${int(0, n - 1)}`, `k${int(0, n - 1)}`])];
  if (random() < 0.3) rules.exclude = [...new Set([`k${int(0, n - 1)}`, `k${int(0, n - 1)}`])];
  return { candidates, rules };
}
