/**
 * ‖J⁺ e_i‖₂ for every row i of a float64 Jacobian J (L × D), for the whole-Jacobian Soteria
 * score |r_i|·‖J⁺e_i‖ (theory-spec.md §1.2). Works on the smaller Gram matrix:
 *
 *   L ≤ D:  G = J Jᵀ = V Λ Vᵀ,  J⁺ = Jᵀ G⁺,  ‖J⁺e_i‖² = [G⁺]_ii = Σ_k V_ik² / λ_k
 *   L > D:  H = Jᵀ J = W Λ Wᵀ,  J⁺ = H⁺ Jᵀ,  ‖J⁺e_i‖² = Σ_k (w_kᵀ j_i)² / λ_k²
 *
 * both exact for any rank (no full-rank assumption, no ridge). Eigenvalues with
 * √λ_k ≤ rtol·σ_max count as zero, rtol = max(L, D)·2⁻²³: numpy `matrix_rank`'s default
 * tolerance for float32 data, because J comes from float32 autodiff. A zero row (a dead ReLU
 * feature) gets ‖J⁺e_i‖ = 0.
 */
import { symmetricEigen } from './symmetricEigen.js';

const FLOAT32_EPS = 2 ** -23;

function gram(J: Float64Array, rows: number, cols: number, transposed: boolean): Float64Array[] {
  const n = transposed ? cols : rows;
  const at = transposed ? (k: number, i: number): number => J[k * cols + i] : (k: number, i: number): number => J[i * cols + k];
  const len = transposed ? rows : cols;
  const G = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < len; k++) s += at(k, i) * at(k, j);
      G[i][j] = s;
      G[j][i] = s;
    }
  }
  return G;
}

/**
 * Pseudo-inverse column norms.
 * @param J - row-major L × D Jacobian (row i = ∂r_i/∂X).
 * @param L - rows.
 * @param D - columns.
 * @returns Float64Array of length L with ‖J⁺e_i‖₂.
 */
export function pinvColumnNorms(J: Float64Array, L: number, D: number): Float64Array {
  if (J.length !== L * D) throw new RangeError(`pinvColumnNorms: J has ${J.length} entries (expected L·D = ${L * D})`);
  const wide = L <= D;
  const { values, vectors } = symmetricEigen(gram(J, L, D, !wide));
  const lambdaMax = Math.max(0, ...values);
  const cutoff = (Math.max(L, D) * FLOAT32_EPS) ** 2 * lambdaMax;
  const kept = Array.from(values.keys()).filter((k) => values[k] > cutoff && values[k] > 0);
  const out = new Float64Array(L);
  for (let i = 0; i < L; i++) {
    let s = 0;
    for (const k of kept) {
      if (wide) {
        s += (vectors[i][k] * vectors[i][k]) / values[k];
      } else {
        let c = 0;
        for (let d = 0; d < D; d++) c += vectors[d][k] * J[i * D + d];
        s += (c * c) / (values[k] * values[k]);
      }
    }
    out[i] = Math.sqrt(s);
  }
  return out;
}
