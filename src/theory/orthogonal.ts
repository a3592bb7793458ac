/**
 * Haar-distributed orthogonal matrices and matrices with a prescribed condition number
 * (theory-spec §3.1: A = U·diag(s)·Vᵀ, s log-spaced in [1/κ, 1]).
 */
import { matMul, scaleRows, transpose } from './dense.js';
import type { TheoryRng } from './random.js';

/** Haar orthogonal n×n matrix: QR of a Gaussian matrix with the sign of R's diagonal fixed. */
export function haarOrthogonal(n: number, rng: TheoryRng): number[][] {
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const g = rng.normals(n);
    let q = g.slice();
    for (let pass = 0; pass < 2; pass++) {
      for (const c of cols) {
        let d = 0;
        for (let i = 0; i < n; i++) d += c[i] * q[i];
        for (let i = 0; i < n; i++) q[i] -= d * c[i];
      }
    }
    const norm = Math.hypot(...q);
    let rjj = 0;
    for (let i = 0; i < n; i++) rjj += q[i] * g[i];
    q = q.map((x) => (Math.sign(rjj || 1) * x) / norm);
    cols.push(q);
  }
  return transpose(cols);
}

/** n×n matrix U·diag(s)·Vᵀ with s log-spaced from 1 down to 1/kappa, times `scale`. */
export function conditionedMatrix(n: number, kappa: number, rng: TheoryRng, scale = 1): number[][] {
  if (!(kappa >= 1)) throw new RangeError(`conditionedMatrix: kappa must be >= 1 (got ${kappa})`);
  const U = haarOrthogonal(n, rng);
  const V = haarOrthogonal(n, rng);
  const s = Array.from({ length: n }, (_, i) => scale * Math.pow(kappa, n === 1 ? 0 : -i / (n - 1)));
  return matMul(transpose(scaleRows(transpose(U), s)), transpose(V));
}
