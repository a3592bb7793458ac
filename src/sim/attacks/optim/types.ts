/**
 * Shared types of the flat-vector optimizers (pure JS, float64; no tfjs).
 */

/** What a closure returns: the objective and its gradient at the point it was given. */
export interface ValueAndGrad {
  readonly value: number;
  /** ∇f at the point, same length as the point (copied by the optimizer). */
  readonly grad: ArrayLike<number>;
}

/**
 * The objective as a closure of the flat parameter vector (PyTorch's `closure`). It must not
 * mutate or retain `x`: the optimizer may pass its own parameter buffer or a trial point.
 */
export type Closure = (x: Float64Array) => ValueAndGrad;

/** Work counters of an optimizer, cumulative over all `step()` calls. */
export interface OptimizerCounters {
  /** Number of `step()` calls. */
  readonly steps: number;
  /** Inner iterations (PyTorch's `state['n_iter']`). */
  readonly iterations: number;
  /** Closure evaluations (PyTorch's `state['func_evals']`). */
  readonly evaluations: number;
}
