/**
 * Regression corpus of the theory checkers: counterexamples the suites found (fast-check shrunk,
 * seed recorded) and the closed-form witnesses of theory-spec §4.2. Replayed first through
 * fast-check's `examples` parameter by theoryRegressions.test.ts.
 */
import type { Algorithm1Case, Theorem1Case } from '../../src/theory/index.js';

/** A Theorem-1 counterexample with the (p, reading) under which it was found. */
export interface PinnedTheorem1 {
  readonly key: string;
  readonly found: string;
  readonly c: Theorem1Case;
}

const base = { depth: 1, param: 0, radius: 0, prune: 0, structure: 'haar' as const };

/** Found by `checkTheorem1({ samples: 30, seed: 1 })` (default dims/kappas), shrunk by fast-check. */
export const THEOREM1_PINNED: readonly PinnedTheorem1[] = [
  { key: 'p=1/schatten', found: 'seed 1', c: { ...base, family: 'affine', dim: 2, kappa: 1, seed: 0, point: 0, mode: 'tight', structure: 'column' } },
  { key: 'p=4/entrywise', found: 'seed 1', c: { ...base, family: 'affine', dim: 2, kappa: 10000, seed: 0, point: 0, mode: 'tight' } },
  { key: 'p=Infinity/schatten', found: 'seed 1', c: { ...base, family: 'affine', dim: 2, kappa: 10000, seed: 10284, point: 0, mode: 'tight' } },
  { key: 'p=2/operator', found: 'seed 1', c: { ...base, family: 'tanhMlp', dim: 2, kappa: 1, seed: 0, point: 497841, mode: 'pruned' } },
  { key: 'p=2/operator', found: 'seed 1', c: { ...base, family: 'smoothMlp', dim: 2, kappa: 1, param: 0.5, seed: 0, point: 187178, mode: 'adversarial' } },
  { key: 'p=2/operator', found: 'seed 1', c: { ...base, family: 'coupling', dim: 2, kappa: 1, depth: 2, seed: 333704, point: 0, mode: 'tight' } },
  { key: 'p=4/entrywise', found: 'seed 1', c: { ...base, family: 'leakyReluMlp', dim: 2, kappa: 1, param: 0.1, seed: 0, point: 709926, mode: 'tight' } },
];

/** Greedy ≠ exact best subset (checkAlgorithm1, seeds 1 and 0). */
export const ALGORITHM1_PINNED: readonly Algorithm1Case[] = [
  { L: 9, D: 9, eps: 2, seed: 0 },
  { L: 5, D: 5, eps: 2, seed: 0 },
];

/** Closed-form matrix witnesses of §4.2: (A, v) with ‖Av‖_p > N(A)·‖v‖_p. */
export function matrixWitnesses(n: number): { name: string; p: number; reading: 'entrywise' | 'schatten'; A: number[][]; v: number[] }[] {
  const ones = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  const col = Array.from({ length: n }, () => Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 0)));
  const e1 = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0));
  return [
    { name: '1·1ᵀ, v = 1, p = ∞ entrywise', p: Infinity, reading: 'entrywise', A: ones, v: new Array<number>(n).fill(1) },
    { name: '1·1ᵀ, v = 1, p = 4 entrywise', p: 4, reading: 'entrywise', A: ones, v: new Array<number>(n).fill(1) },
    { name: '1·e₁ᵀ, v = e₁, p = 1 Schatten', p: 1, reading: 'schatten', A: col, v: e1 },
  ];
}
