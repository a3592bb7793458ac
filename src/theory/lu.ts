/**
 * LU factorisation with partial pivoting (float64, plain loops) and multi-right-hand-side solves.
 */
import type { Mat, Vec } from './types.js';

/** A factorised square matrix: solve(b) returns A^{-1} b. */
export interface LuFactors {
  readonly n: number;
  /** True when a zero (or non-finite) pivot was met: A is numerically singular. */
  readonly singular: boolean;
  solve(b: Vec): number[];
  /** A^{-1} B for a matrix right-hand side (columns solved independently). */
  solveMat(B: Mat): number[][];
}

/** Factorise a square matrix PA = LU. */
export function luFactor(A: Mat): LuFactors {
  const n = A.length;
  if (A.some((row) => row.length !== n)) throw new Error(`luFactor: matrix must be square (got ${n}×${A[0]?.length}, expected n×n)`);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = A[i][j];
  const piv = new Int32Array(n);
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[k] = p;
    if (p !== k) for (let j = 0; j < n; j++) [a[k * n + j], a[p * n + j]] = [a[p * n + j], a[k * n + j]];
    const d = a[k * n + k];
    if (d === 0 || !Number.isFinite(d)) {
      singular = true;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      const l = (a[i * n + k] /= d);
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
  const solve = (b: Vec): number[] => {
    const x = Float64Array.from(b);
    for (let k = 0; k < n; k++) if (piv[k] !== k) [x[k], x[piv[k]]] = [x[piv[k]], x[k]];
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) x[i] -= a[i * n + j] * x[j];
    for (let i = n - 1; i >= 0; i--) {
      for (let j = i + 1; j < n; j++) x[i] -= a[i * n + j] * x[j];
      x[i] /= a[i * n + i];
    }
    return Array.from(x);
  };
  /** All columns at once, row by row: per column the same operations in the same order as `solve`. */
  const solveMat = (B: Mat): number[][] => {
    const cols = B[0]?.length ?? 0;
    const x = new Float64Array(n * cols);
    for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) x[i * cols + j] = B[i][j];
    for (let k = 0; k < n; k++) {
      const p = piv[k];
      if (p !== k) for (let j = 0; j < cols; j++) [x[k * cols + j], x[p * cols + j]] = [x[p * cols + j], x[k * cols + j]];
    }
    const rows = Array.from({ length: n }, (_, i) => x.subarray(i * cols, (i + 1) * cols));
    for (let i = 0; i < n; i++) {
      const xi = rows[i];
      for (let r = 0; r < i; r++) {
        const l = a[i * n + r];
        const xr = rows[r];
        for (let j = 0; j < cols; j++) xi[j] -= l * xr[j];
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      const xi = rows[i];
      for (let r = i + 1; r < n; r++) {
        const l = a[i * n + r];
        const xr = rows[r];
        for (let j = 0; j < cols; j++) xi[j] -= l * xr[j];
      }
      const d = a[i * n + i];
      for (let j = 0; j < cols; j++) xi[j] /= d;
    }
    return Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * cols, (i + 1) * cols)));
  };
  return { n, singular, solve, solveMat };
}
