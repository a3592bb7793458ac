/**
 * Small dense float64 helpers on `number[]` / `number[][]` (plain loops; no mathjs in hot paths).
 */
import type { Mat, PNorm, Vec } from './types.js';

/** Rows×cols zero matrix. */
export function zeros(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** n×n identity. */
export function identity(n: number): number[][] {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I[i][i] = 1;
  return I;
}

/** Transpose. */
export function transpose(A: Mat): number[][] {
  const m = A.length;
  const n = m === 0 ? 0 : A[0].length;
  const T = zeros(n, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j][i] = A[i][j];
  return T;
}

/** A·B. */
export function matMul(A: Mat, B: Mat): number[][] {
  const m = A.length;
  const k = B.length;
  const n = k === 0 ? 0 : B[0].length;
  const C = zeros(m, n);
  for (let i = 0; i < m; i++) {
    const Ci = C[i];
    const Ai = A[i];
    for (let l = 0; l < k; l++) {
      const a = Ai[l];
      if (a === 0) continue;
      const Bl = B[l];
      for (let j = 0; j < n; j++) Ci[j] += a * Bl[j];
    }
  }
  return C;
}

/** A·v. */
export function matVec(A: Mat, v: Vec): number[] {
  return A.map((row) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j] * v[j];
    return s;
  });
}

/** a − b (vectors). */
export function subVec(a: Vec, b: Vec): number[] {
  return a.map((x, i) => x - b[i]);
}

/** a + s·b (vectors). */
export function axpy(a: Vec, s: number, b: Vec): number[] {
  return a.map((x, i) => x + s * b[i]);
}

/** s·a. */
export function scaleVec(a: Vec, s: number): number[] {
  return a.map((x) => s * x);
}

/** Dot product. */
export function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Vector ℓ_p norm (p = Infinity: max abs), scaled to avoid overflow. */
export function vecNorm(v: Vec, p: PNorm | number): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  if (p === Infinity || m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (const x of v) s += Math.pow(Math.abs(x) / m, p);
  return m * Math.pow(s, 1 / p);
}

/** A − B. */
export function subMat(A: Mat, B: Mat): number[][] {
  return A.map((row, i) => row.map((x, j) => x - B[i][j]));
}

/** Frobenius norm. */
export function frobenius(A: Mat): number {
  return vecNorm(A.flat(), 2);
}

/** True when every entry is finite. */
export function allFinite(A: Mat | Vec): boolean {
  for (const x of A) {
    if (Array.isArray(x)) {
      if (!allFinite(x)) return false;
    } else if (!Number.isFinite(x)) return false;
  }
  return true;
}

/** Diagonal matrix from a vector. */
export function diag(v: Vec): number[][] {
  const D = zeros(v.length, v.length);
  v.forEach((x, i) => (D[i][i] = x));
  return D;
}

/** Scale row i of A by s_i (diag(s)·A), as a new matrix. */
export function scaleRows(A: Mat, s: Vec): number[][] {
  return A.map((row, i) => row.map((x) => x * s[i]));
}

/** Column j of A. */
export function column(A: Mat, j: number): number[] {
  return A.map((row) => row[j]);
}

/** Unit basis vector e_i of length n. */
export function basis(n: number, i: number): number[] {
  const e = new Array<number>(n).fill(0);
  e[i] = 1;
  return e;
}
