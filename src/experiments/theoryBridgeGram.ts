/**
 * Float64 spectral factor of a wide float32-derived Jacobian J (L × D, L ≤ D) through its Gram
 * matrix G = J Jᵀ = U Λ Uᵀ (Householder + QL, `symmetricEigen`): singular values σ_k = √λ_k,
 * numerical rank, and the minimum-norm least-squares solve δX = J⁺d = Jᵀ U Λ⁺ Uᵀ d.
 *
 * Tolerances. J carries float32 rounding (relative ~1e-7 per entry, ~1e-6 after the backward
 * pass), so σ_k ≤ rtol·σ_max with rtol = max(L, D)·2⁻²³ (numpy `matrix_rank`'s default for
 * float32 data, as in pinvColumnNorms.ts) counts as zero; the rank at L·2⁻²³ is reported too.
 * Forming G squares the spectrum: eigenvalues below L·2⁻⁵²·λ_max are float64 rounding noise, so
 * σ below `gramFloor` = σ_max·√(L·2⁻⁵²) (≈ 4e-7·σ_max at L = 768) is not resolved — far below
 * the rank tolerance, so the rank decision is unaffected.
 */
import { symmetricEigen } from '../sim/defenses/symmetricEigen.js';

const FLOAT32_EPS = 2 ** -23;
const FLOAT64_EPS = 2 ** -52;

/** The factor and the operators built on it (all float64). */
export interface GramFactor {
  readonly L: number;
  readonly D: number;
  /** Singular values of J, descending (√ of the clamped Gram eigenvalues). */
  readonly sigma: readonly number[];
  /** rtol·σ_max with rtol = max(L, D)·2⁻²³. */
  readonly rankTolerance: number;
  /** Number of σ_k > rankTolerance. */
  readonly rank: number;
  /** Number of σ_k > L·2⁻²³·σ_max (the looser reading). */
  readonly rankAtLTolerance: number;
  /** σ below this are unresolved by the Gram (float64 rounding of λ). */
  readonly gramFloor: number;
  /** J·v (length L). */
  applyJ(v: ArrayLike<number>): Float64Array;
  /** Jᵀ·c (length D). */
  applyJt(c: ArrayLike<number>): Float64Array;
  /** Minimum-norm least-squares solution of J δX = d, σ ≤ rankTolerance dropped (length D). */
  pinvSolve(d: ArrayLike<number>): Float64Array;
  /** w minus its projection on the numerical row space of J: a (numerical) null vector. */
  nullProject(w: ArrayLike<number>): Float64Array;
  /** Top left singular vector u₁ (unit, length L); J v₁ = σ_max u₁. */
  topLeftSingular(): Float64Array;
}

function gram(J: Float64Array, L: number, D: number): Float64Array[] {
  const G = Array.from({ length: L }, () => new Float64Array(L));
  for (let i = 0; i < L; i++) {
    const ri = J.subarray(i * D, (i + 1) * D);
    for (let j = 0; j <= i; j++) {
      const rj = J.subarray(j * D, (j + 1) * D);
      let s = 0;
      for (let k = 0; k < D; k++) s += ri[k] * rj[k];
      G[i][j] = s;
      G[j][i] = s;
    }
  }
  return G;
}

function jacobianOperators(J: Float64Array, L: number, D: number): Pick<GramFactor, 'applyJ' | 'applyJt'> {
  return {
    applyJ: (v) => {
      const out = new Float64Array(L);
      for (let i = 0; i < L; i++) {
        let s = 0;
        for (let k = 0, o = i * D; k < D; k++) s += J[o + k] * v[k];
        out[i] = s;
      }
      return out;
    },
    applyJt: (c) => {
      const out = new Float64Array(D);
      for (let i = 0; i < L; i++) for (let k = 0, o = i * D, ci = c[i]; k < D; k++) out[k] += J[o + k] * ci;
      return out;
    },
  };
}

/** c = U_k Λ_k⁻¹ U_kᵀ d over the kept eigenpairs k (so that δX = Jᵀc). */
function gramPinv(values: Float64Array, vectors: readonly Float64Array[], kept: readonly number[], d: ArrayLike<number>): Float64Array {
  const L = values.length;
  const c = new Float64Array(L);
  for (const k of kept) {
    let s = 0;
    for (let i = 0; i < L; i++) s += vectors[i][k] * d[i];
    s /= values[k];
    for (let i = 0; i < L; i++) c[i] += vectors[i][k] * s;
  }
  return c;
}

/**
 * Factor J through its Gram matrix.
 * @param J - row-major L × D, finite, L ≤ D.
 */
export function gramFactor(J: Float64Array, L: number, D: number): GramFactor {
  if (!(Number.isInteger(L) && Number.isInteger(D) && L >= 1 && L <= D && J.length === L * D)) {
    throw new RangeError(`gramFactor: J must be a wide L × D matrix (got ${J.length} entries, L ${L}, D ${D}, expected L ≤ D and L·D entries)`);
  }
  const { values, vectors } = symmetricEigen(gram(J, L, D));
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  const sigma = order.map((k) => Math.sqrt(Math.max(0, values[k])));
  const rankTolerance = Math.max(L, D) * FLOAT32_EPS * sigma[0];
  const kept = order.filter((k, n) => sigma[n] > rankTolerance);
  const { applyJ, applyJt } = jacobianOperators(J, L, D);
  const pinvSolve = (d: ArrayLike<number>): Float64Array => applyJt(gramPinv(values, vectors, kept, d));
  return {
    L,
    D,
    sigma,
    rankTolerance,
    rank: kept.length,
    rankAtLTolerance: sigma.filter((s) => s > L * FLOAT32_EPS * sigma[0]).length,
    gramFloor: sigma[0] * Math.sqrt(L * FLOAT64_EPS),
    applyJ,
    applyJt,
    pinvSolve,
    nullProject: (w) => {
      const p = pinvSolve(applyJ(w));
      return Float64Array.from({ length: D }, (_, k) => w[k] - p[k]);
    },
    topLeftSingular: () => Float64Array.from({ length: L }, (_, i) => vectors[i][order[0]]),
  };
}
