import { type Candidate, limitFor, limitKeys, type RuleRef, type SelectionModel } from './model.js';

/** Tolerance of the share and budget comparisons (scores and efforts are decimals). */
const EPSILON = 1e-9;

/**
 * Counts of a selection per rule key, kept up to date as candidates enter and leave, so that
 * greedy.ts and explain.ts can ask "which rules would this change break?" without recounting.
 * Index-based: `i` is the candidate's index in `model.candidates`.
 */
export class SelectionState {
  readonly selected: boolean[];
  count = 0;
  effort = 0;
  readonly perSide = new Map<string, number>();
  readonly perTheme = new Map<string, number>();
  readonly perDepartment = new Map<string, number>();
  readonly perSubRegion = new Map<string, number>();
  private readonly subRegions: string[];
  private readonly keep: Set<string>;
  private readonly exclude: Set<string>;

  constructor(readonly model: SelectionModel) {
    this.selected = model.candidates.map(() => false);
    this.subRegions = limitKeys(
      model.rules.minPerSubRegion,
      model.candidates.map((c) => c.subRegion),
    );
    this.keep = new Set(model.rules.keep ?? []);
    this.exclude = new Set(model.rules.exclude ?? []);
  }

  /** A state holding the candidates whose ids are given. */
  static of(model: SelectionModel, ids: Iterable<string>): SelectionState {
    const state = new SelectionState(model);
    const wanted = new Set(ids);
    model.candidates.forEach((candidate, i) => {
      if (wanted.has(candidate.id)) state.add(i);
    });
    return state;
  }

  add(i: number): void {
    this.change(i, 1);
  }

  remove(i: number): void {
    this.change(i, -1);
  }

  private change(i: number, delta: 1 | -1): void {
    const candidate = this.model.candidates[i] as Candidate;
    if (this.selected[i] === (delta === 1)) throw new Error(`candidate ${i} is already ${delta === 1 ? 'in' : 'out'}`);
    this.selected[i] = delta === 1;
    this.count += delta;
    this.effort += delta * candidate.effort;
    bump(this.perSide, candidate.side, delta);
    for (const theme of new Set(candidate.themes)) bump(this.perTheme, theme, delta);
    bump(this.perDepartment, candidate.leadDepartment, delta);
    bump(this.perSubRegion, candidate.subRegion, delta);
  }

  /** The ids of the selected candidates, in the candidates' order. */
  selectedIds(): string[] {
    return this.model.candidates.filter((_, i) => this.selected[i]).map((c) => c.id);
  }

  /** Every rule the current selection breaks. */
  violations(): RuleRef[] {
    const { rules, candidates } = this.model;
    const broken: RuleRef[] = [];
    if (!this.capacityHolds(0, true)) broken.push({ rule: 'capacity' });
    if (!this.budgetHolds(0)) broken.push({ rule: 'effortBudget' });
    for (const share of rules.sideShare ?? []) {
      if (!this.shareHolds(share.side, 0, 0)) broken.push({ rule: 'sideShare', key: share.side });
    }
    const themes = candidates.flatMap((c) => c.themes);
    for (const theme of limitKeys(rules.maxPerTheme, themes)) {
      if (!this.maxHolds(this.perTheme, rules.maxPerTheme, theme, 0)) broken.push({ rule: 'maxPerTheme', key: theme });
    }
    for (const department of limitKeys(
      rules.maxPerDepartment,
      candidates.map((c) => c.leadDepartment),
    )) {
      if (!this.maxHolds(this.perDepartment, rules.maxPerDepartment, department, 0)) {
        broken.push({ rule: 'maxPerDepartment', key: department });
      }
    }
    for (const subRegion of this.subRegions) {
      if (!this.minHolds(subRegion, 0)) broken.push({ rule: 'minPerSubRegion', key: subRegion });
    }
    candidates.forEach((candidate, i) => {
      if (this.keep.has(candidate.id) && !this.selected[i]) broken.push({ rule: 'keep', key: candidate.id });
      if (this.exclude.has(candidate.id) && this.selected[i]) broken.push({ rule: 'exclude', key: candidate.id });
    });
    return broken;
  }

  /**
   * The rules that adding candidate `add` (and removing `remove`, if given) to a selection that
   * satisfies every rule would break. Only the rules whose counts change are looked at, plus the
   * shares (which every change moves). `final` says whether an exact count must already hold
   * (explain.ts) or only must not be exceeded (greedy.ts, building up).
   */
  breaksIfSwapped(add: number, remove: number | undefined, final: boolean): RuleRef[] {
    const { rules } = this.model;
    const a = this.model.candidates[add] as Candidate;
    const r = remove === undefined ? undefined : (this.model.candidates[remove] as Candidate);
    const broken: RuleRef[] = [];
    const countDelta = r ? 0 : 1;
    if (!this.capacityHolds(countDelta, final)) broken.push({ rule: 'capacity' });
    if (!this.budgetHolds(a.effort - (r?.effort ?? 0))) broken.push({ rule: 'effortBudget' });
    for (const share of rules.sideShare ?? []) {
      const sideDelta = (a.side === share.side ? 1 : 0) - (r?.side === share.side ? 1 : 0);
      if (!this.shareHolds(share.side, sideDelta, countDelta)) broken.push({ rule: 'sideShare', key: share.side });
    }
    const removedThemes = new Set(r?.themes ?? []);
    for (const theme of new Set(a.themes)) {
      if (removedThemes.has(theme)) continue;
      if (!this.maxHolds(this.perTheme, rules.maxPerTheme, theme, 1)) broken.push({ rule: 'maxPerTheme', key: theme });
    }
    if (
      r?.leadDepartment !== a.leadDepartment &&
      !this.maxHolds(this.perDepartment, rules.maxPerDepartment, a.leadDepartment, 1)
    ) {
      broken.push({ rule: 'maxPerDepartment', key: a.leadDepartment });
    }
    if (r && r.subRegion !== a.subRegion && this.subRegions.includes(r.subRegion) && !this.minHolds(r.subRegion, -1)) {
      broken.push({ rule: 'minPerSubRegion', key: r.subRegion });
    }
    if (this.exclude.has(a.id)) broken.push({ rule: 'exclude', key: a.id });
    if (r && this.keep.has(r.id)) broken.push({ rule: 'keep', key: r.id });
    return broken;
  }

  private capacityHolds(countDelta: number, final: boolean): boolean {
    const { capacity } = this.model.rules;
    const count = this.count + countDelta;
    if (capacity?.max !== undefined && count > capacity.max) return false;
    if (capacity?.exact !== undefined && (final ? count !== capacity.exact : count > capacity.exact)) return false;
    return true;
  }

  private budgetHolds(effortDelta: number): boolean {
    const budget = this.model.rules.effortBudget;
    return budget === undefined || this.effort + effortDelta <= budget + EPSILON;
  }

  /** min% · n ≤ 100 · count(side) ≤ max% · n (an empty selection holds every share). */
  private shareHolds(side: string, sideDelta: number, countDelta: number): boolean {
    const share = (this.model.rules.sideShare ?? []).find((s) => s.side === side);
    if (!share) return true;
    const n = this.count + countDelta;
    const onSide = (this.perSide.get(side) ?? 0) + sideDelta;
    if (share.minPercent !== undefined && 100 * onSide < share.minPercent * n - EPSILON) return false;
    if (share.maxPercent !== undefined && 100 * onSide > share.maxPercent * n + EPSILON) return false;
    return true;
  }

  private maxHolds(counts: Map<string, number>, limit: SelectionModel['rules']['maxPerTheme'], key: string, delta: number) {
    const max = limitFor(limit, key);
    return max === undefined || (counts.get(key) ?? 0) + delta <= max;
  }

  private minHolds(subRegion: string, delta: number): boolean {
    const min = limitFor(this.model.rules.minPerSubRegion, subRegion);
    return min === undefined || (this.perSubRegion.get(subRegion) ?? 0) + delta >= min;
  }
}

function bump(counts: Map<string, number>, key: string, delta: number): void {
  counts.set(key, (counts.get(key) ?? 0) + delta);
}

/** Every rule that the selection of `ids` breaks (empty: the selection is valid). */
export function checkSelection(model: SelectionModel, ids: Iterable<string>): RuleRef[] {
  return SelectionState.of(model, ids).violations();
}

/** The total score of the selection of `ids`. */
export function totalScore(model: SelectionModel, ids: Iterable<string>): number {
  const wanted = new Set(ids);
  let total = 0;
  for (const candidate of model.candidates) if (wanted.has(candidate.id)) total += candidate.score;
  return total;
}
