/**
 * The three readings of ‖∇_X f‖_p in Theorem 1 (theory-spec §4.1), each as a certified
 * interval [lower, upper]: induced operator norm ‖J‖_{p→p}, entrywise p-norm, Schatten-p norm.
 * p = 1, ∞: exact column/row sums; p = 2: SVD; other p: Higham/Boyd power method (lower) and
 * Riesz–Thorin ‖J‖_p ≤ ‖J‖_1^{1/p}‖J‖_∞^{1−1/p} (upper). Rounding slack widens every interval.
 */
import { matVec, vecNorm } from './dense.js';
import { singularValues } from './svd.js';
import type { Mat, NormReading, PNorm } from './types.js';

/** A certified enclosure of a norm. */
export interface NormBounds {
  readonly lower: number;
  readonly upper: number;
}

const U = 2.220446049250313e-16;

function widen(x: number, n: number): NormBounds {
  const slack = 16 * n * U;
  return { lower: x * (1 - slack), upper: x * (1 + slack) };
}

function maxColSum(A: Mat): number {
  let best = 0;
  for (let j = 0; j < A[0].length; j++) best = Math.max(best, A.reduce((s, row) => s + Math.abs(row[j]), 0));
  return best;
}

function maxRowSum(A: Mat): number {
  return A.reduce((best, row) => Math.max(best, row.reduce((s, x) => s + Math.abs(x), 0)), 0);
}

function dualVector(y: readonly number[], p: number): number[] {
  const n = vecNorm(y, p);
  if (n === 0) return y.map(() => 0);
  return y.map((v) => Math.sign(v) * Math.pow(Math.abs(v) / n, p - 1));
}

/** Higham's p-norm power method from one start: returns ‖Ax‖_p/‖x‖_p for its final x. */
function powerLower(A: Mat, p: number, x0: number[]): number {
  const q = p / (p - 1);
  const At = A[0].map((_, j) => A.map((row) => row[j]));
  let x = x0.map((v) => v / vecNorm(x0, p));
  let est = vecNorm(matVec(A, x), p);
  for (let it = 0; it < 100; it++) {
    const y = matVec(A, x);
    const z = matVec(At, dualVector(y, p));
    const zx = z.reduce((s, v, i) => s + v * x[i], 0);
    if (vecNorm(z, q) <= zx * (1 + 1e-12)) break;
    const xn = dualVector(z, q);
    const nx = vecNorm(xn, p);
    if (nx === 0) break;
    x = xn.map((v) => v / nx);
    est = Math.max(est, vecNorm(matVec(A, x), p));
  }
  return est;
}

/** ‖A‖_{p→p} enclosure. */
export function operatorNorm(A: Mat, p: PNorm): NormBounds {
  const n = Math.max(A.length, A[0].length);
  if (p === 1) return widen(maxColSum(A), n);
  if (p === Infinity) return widen(maxRowSum(A), n);
  if (p === 2) return widen(singularValues(A)[0], n);
  const starts = [A[0].map(() => 1), ...A[0].map((_, j) => A[0].map((__, k) => (k === j ? 1 : 0.01)))].slice(0, 6);
  const lower = Math.max(...starts.map((x0) => powerLower(A, p, x0)));
  const upper = Math.pow(maxColSum(A), 1 / p) * Math.pow(maxRowSum(A), 1 - 1 / p);
  return { lower: lower * (1 - 16 * n * U), upper: Math.max(upper, lower) * (1 + 16 * n * U) };
}

/** Entrywise p-norm (the matrix flattened to a vector). */
export function entrywiseNorm(A: Mat, p: PNorm): NormBounds {
  return widen(vecNorm(A.flat(), p), A.length * A[0].length);
}

/** Schatten-p norm (ℓ_p norm of the singular values). */
export function schattenNorm(A: Mat, p: PNorm): NormBounds {
  return widen(vecNorm(singularValues(A), p), Math.max(A.length, A[0].length));
}

/** ‖A‖_p under the given reading of Theorem 1's Jacobian norm. */
export function jacobianNorm(A: Mat, p: PNorm, reading: NormReading): NormBounds {
  switch (reading) {
    case 'operator':
      return operatorNorm(A, p);
    case 'entrywise':
      return entrywiseNorm(A, p);
    case 'schatten':
      return schattenNorm(A, p);
  }
}
