/**
 * Singular value decomposition by one-sided (Hestenes) Jacobi rotations, float64.
 * Accurate to high relative precision for the small dense matrices of the checkers (≤ a few
 * hundred columns). A = U·diag(s)·Vᵀ with s descending, U m×k, V n×k, k = min(m, n).
 */
import type { Mat } from './types.js';

/** Thin SVD factors; `U` and `V` are stored rows first like every matrix here. */
export interface SvdResult {
  readonly U: number[][];
  readonly s: number[];
  readonly V: number[][];
}

const MAX_SWEEPS = 80;
const EPS = 2.220446049250313e-16;

/**
 * Orthogonalise the columns of a tall A by Jacobi rotations. Returns the rotated columns (A·V)
 * and, when `withV`, the accumulated rotations V (the columns evolve the same either way).
 */
function jacobiColumns(A: Mat, withV: boolean): { u: Float64Array[]; v: Float64Array[] | undefined } {
  const m = A.length;
  const n = A[0].length;
  const u = Array.from({ length: n }, (_, j) => Float64Array.from(A, (row) => row[j]));
  const v = withV ? Array.from({ length: n }, (_, j) => {
    const c = new Float64Array(n);
    c[j] = 1;
    return c;
  }) : undefined;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const up = u[p];
        const uq = u[q];
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          alpha += up[i] * up[i];
          beta += uq[i] * uq[i];
          gamma += up[i] * uq[i];
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(up, uq, c, s);
        if (v !== undefined) rotate(v[p], v[q], c, s);
      }
    }
    if (!rotated) break;
  }
  return { u, v };
}

function columnNorms(u: readonly Float64Array[]): number[] {
  return u.map((col) => Math.hypot(...col));
}

function jacobiTall(A: Mat): SvdResult {
  const m = A.length;
  const { u, v } = jacobiColumns(A, true);
  const V0 = v as Float64Array[];
  const norms = columnNorms(u);
  const order = norms.map((_, j) => j).sort((a, b) => norms[b] - norms[a]);
  const s = order.map((j) => norms[j]);
  const U = Array.from({ length: m }, (_, i) => order.map((j) => (norms[j] > 0 ? u[j][i] / norms[j] : 0)));
  const V = Array.from({ length: A[0].length }, (_, i) => order.map((j) => V0[j][i]));
  return { U, s, V };
}

function rotate(a: Float64Array, b: Float64Array, c: number, s: number): void {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    a[i] = c * x - s * y;
    b[i] = s * x + c * y;
  }
}

/** Thin SVD of any m×n matrix (m, n ≥ 1). */
export function svd(A: Mat): SvdResult {
  const m = A.length;
  const n = m === 0 ? 0 : A[0].length;
  if (m === 0 || n === 0) throw new Error(`svd: matrix must be non-empty (got ${m}×${n}, expected m,n ≥ 1)`);
  if (m >= n) return jacobiTall(A);
  const t = jacobiTall(A[0].map((_, j) => A.map((row) => row[j])));
  return { U: t.V, s: t.s, V: t.U };
}

/** Singular values, descending (the same rotations as `svd`, without accumulating V or U). */
export function singularValues(A: Mat): number[] {
  const m = A.length;
  const n = m === 0 ? 0 : A[0].length;
  if (m === 0 || n === 0) throw new Error(`singularValues: matrix must be non-empty (got ${m}×${n}, expected m,n ≥ 1)`);
  const tall = m >= n ? A : A[0].map((_, j) => A.map((row) => row[j]));
  return columnNorms(jacobiColumns(tall, false).u).sort((a, b) => b - a);
}

/** 2-norm condition number σ_max/σ_min of a square or tall matrix (Infinity when singular). */
export function conditionNumber(A: Mat): number {
  const s = singularValues(A);
  const smin = s[s.length - 1];
  return smin === 0 ? Infinity : s[0] / smin;
}

/** Moore–Penrose pseudo-inverse (singular values below max(m,n)·u·σ_max treated as zero). */
export function pinv(A: Mat): number[][] {
  const { U, s, V } = svd(A);
  const cut = Math.max(A.length, A[0].length) * EPS * s[0];
  const inv = s.map((x) => (x > cut ? 1 / x : 0));
  return V.map((vrow) => U.map((urow) => {
    let acc = 0;
    for (let k = 0; k < s.length; k++) acc += vrow[k] * inv[k] * urow[k];
    return acc;
  }));
}
