/**
 * MultiStepLR milestones for a run of `total` iterations (Geiping et al. 2020, GS).
 */

/**
 * Milestones at the given fractions of the run, floor(f·total) (e.g. [3/8, 5/8, 7/8]).
 * @returns Integer step counts, ascending as the fractions are.
 */
export function multiStepMilestones(total: number, fractions: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`multiStepMilestones: total must be a positive integer (got ${total}, expected ≥ 1)`);
  const bad = fractions.find((f) => !(f > 0 && f < 1));
  if (bad !== undefined) throw new RangeError(`multiStepMilestones: fractions must be in (0, 1) (got ${bad}, expected e.g. 0.375)`);
  return fractions.map((f) => Math.floor(f * total));
}

/**
 * The milestones of the inverting-gradients code (`max_iterations // 2.667`, `// 1.6`,
 * `// 1.142` with Python's float floor division), which differ slightly from 3/8, 5/8, 7/8:
 * 44, 74, 105 for 120 iterations and 8998, 14999, 21015 for 24 000.
 * @returns Integer step counts.
 */
export function invertingGradientsMilestones(total: number): number[] {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`invertingGradientsMilestones: total must be a positive integer (got ${total}, expected ≥ 1)`);
  return [2.667, 1.6, 1.142].map((q) => pyFloorDiv(total, q));
}

// Python's float `a // b` for a, b > 0: floor of the exact quotient (via fmod), not of the
// rounded a / b (120 // 1.6 is 74.0 in Python although 120 / 1.6 rounds to 75).
function pyFloorDiv(a: number, b: number): number {
  const mod = a % b;
  const div = (a - mod) / b;
  const fl = Math.floor(div);
  return div - fl > 0.5 ? fl + 1 : fl;
}
