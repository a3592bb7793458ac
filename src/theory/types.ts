/**
 * Plain float64 records shared by the theory checkers. Vectors are `number[]`, matrices are
 * `number[][]` (rows first; a Jacobian has one row per output). No tensors ever cross this layer.
 *
 * Symbols (Soteria, arXiv 2012.06043, §4): X input, r = f(X) representation, r' perturbed
 * representation, X' = f^{-1}(r'), J = ∇_X f (rows = outputs of f, columns = inputs).
 */

/** A float64 vector. */
export type Vec = readonly number[];
/** A float64 matrix, rows first. */
export type Mat = readonly (readonly number[])[];

/** The p of a vector/matrix p-norm; `Infinity` is the max norm. */
export type PNorm = 1 | 2 | 4 | typeof Infinity;

/** How `‖∇_X f‖_p` in Theorem 1 is read (theory-spec §4.1). */
export type NormReading = 'operator' | 'entrywise' | 'schatten';

/** How a map's inverse is obtained. */
export type InverseKind = 'analytic' | 'newton' | 'numeric' | 'none';

/**
 * A map f: R^inDim → R^outDim with the pieces the checkers need. Built from plain specs by
 * `buildMap`, or wrapped around a user's module by `wrapUserMap`.
 */
export interface TheoryMap {
  /** Readable name, e.g. `tanhMlp(d=5,depth=2)`. */
  readonly name: string;
  readonly inDim: number;
  readonly outDim: number;
  /** `analytic`: exact inverse (forward-mode tangents available); `newton`: iterative inverse. */
  readonly inverseKind: InverseKind;
  /** `smooth` (C²) or `piecewiseLinear` (leaky-ReLU: kinks on hyperplanes). */
  readonly smoothness: 'smooth' | 'piecewiseLinear';
  f(x: Vec): number[];
  /** Jacobian of f at x (rows = outputs), by forward-mode differentiation. */
  jacobian(x: Vec): number[][];
  /** f^{-1}(r); absent when the map has no inverse. */
  inverse?(r: Vec): number[];
  /**
   * Jacobian of f^{-1} at r by forward-mode differentiation **through the inverse** (never by
   * inverting J). Absent for Newton/numeric inverses (the checker uses finite differences).
   */
  inverseJacobian?(r: Vec): number[][];
  /** True when r lies in the range of f (e.g. (−1,1)^d for a tanh output). */
  inRange?(r: Vec): boolean;
  /** Upper bound of the global Lipschitz constant in the ℓ_p norm, when one is known in closed form. */
  lipschitzUpper?(p: PNorm): number;
  /** For piecewise-linear maps: the breakpoints t ∈ (0,1) of the segment a + t(b − a). */
  kinks?(a: Vec, b: Vec): number[];
  /** For piecewise-linear maps: min |pre-activation| at x (distance to the nearest kink). */
  kinkDistance?(x: Vec): number;
  /** Notes the checkers must repeat (e.g. "jacobian by finite differences"). */
  readonly notes?: readonly string[];
}
