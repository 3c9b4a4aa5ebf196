import type { Candidate, SelectionModel } from '../src/core/selection/model.js';

/** A small seeded generator (mulberry32), so every run builds the same rounds. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generated round as the issue's benchmark describes it: n candidates, 8 themes, 2 sides,
 * 12 departments, 10 sub-regions; scores are weighted means of three partners' 1–5 scores on five
 * criteria (two decimals), higher on side a and for two popular themes; the places bind (10% of the candidates), with 40–60% per side, at most
 * 20% of the places per theme and 12% per department, at least 5% per sub-region, and an effort
 * budget that binds too.
 */
export function generateRound(n: number, seed: number): SelectionModel {
  const random = seeded(seed);
  const pick = (k: number) => Math.floor(random() * k);
  const candidates: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const themes = new Set([`theme_${pick(8)}`]);
    if (random() < 0.3) themes.add(`theme_${pick(8)}`);
    const side = random() < 0.62 ? 'a' : 'b';
    // Partners score the obstacles of side a and of the popular themes higher: the balance rules cost something.
    const lift = (side === 'a' ? 0.6 : 0) + (themes.has('theme_0') || themes.has('theme_1') ? 0.4 : 0);
    let sum = 0;
    for (let k = 0; k < 15; k++) sum += Math.min(5, 1 + pick(5) + (random() < lift ? 1 : 0));
    // Departments and sub-regions unevenly loaded, as in a real region.
    const department = `department_${Math.min(pick(12), pick(12))}`;
    candidates.push({
      id: `c${i}`,
      score: Math.round((sum / 15) * 100) / 100,
      side,
      themes: [...themes],
      leadDepartment: department,
      subRegion: `subregion_${Math.min(pick(10), pick(10) + 3)}`,
      effort: 1 + pick(8),
    });
  }
  const places = Math.max(5, Math.round(n / 10));
  return {
    candidates,
    rules: {
      capacity: { max: places },
      effortBudget: places * 5,
      sideShare: [
        { side: 'a', minPercent: 40, maxPercent: 60 },
        { side: 'b', minPercent: 40, maxPercent: 60 },
      ],
      maxPerTheme: Math.ceil(places * 0.2),
      maxPerDepartment: Math.ceil(places * 0.12),
      minPerSubRegion: Math.floor(places * 0.05),
      keep: [],
      exclude: [],
    },
  };
}
