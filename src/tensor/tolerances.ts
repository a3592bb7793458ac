/**
 * Every tolerance in one place. Tests and checkers import these; no literal 1e-3 elsewhere.
 * The float32 values come from the measurements in the design notes: patched tfjs agrees
 * with PyTorch float64 to ~1e-7 on small nets and ~1e-5 on the DLG LeNet, and float32 central
 * differences agree to ~1e-5 with h in [3e-3, 1e-2].
 */
export const TOL = {
  /** float64 identities (theory layer). */
  float64: 1e-10,
  /** float32 relative error for small nets vs float64 references. */
  float32: 1e-4,
  /** Relative L2 error allowed between tfjs (float32) and the PyTorch float64 DLG-LeNet fixture. */
  torchFixture: 1e-4,
  /** Directional finite-difference agreement |fd - <g,v>| / (|g||v|) for float64 references. */
  finiteDifference: 1e-4,
  /**
   * Relative L2 error of a hand-written float64 gradient against float64 central differences
   * (FD_STEP_FLOAT64, or FD_STEP_FLOAT64_OBJECTIVE for the DLG objective); measured ≤ 6e-8 on
   * 500 random small nets (properties/sim/float64Net.test.ts).
   */
  float64FiniteDifference: 1e-6,
  /**
   * Smallest distance to a ReLU/max-pool kink (|pre-activation|, max − runner-up) at which a
   * float32 forward pass is sure to pick the same branch as float64 (float32 error ≈ 1e-7·scale)
   * and a float64 central difference with step FD_STEP_FLOAT64 cannot cross it.
   */
  kinkMargin: 1e-4,
  /**
   * Normalised directional error |fd − ⟨g, v⟩| / (‖g‖‖v‖) of a float32 central difference of the
   * DLG objective at the best of several steps. Roundoff ≈ 6e-8·|D|/(h‖g‖) ≈ 1e-4–1e-3 at
   * h = 1e-3 on the paper's models; larger steps cross ReLU/max-pool kinks. Measured on cpu ≤ 3e-4;
   * a wrong second-order gradient gives O(1) errors along v = g/‖g‖.
   */
  fd32BestStep: 2e-3,
  /**
   * Relative (L2) error between the attacks' hand-derived double-backprop closures and the
   * gradient-tape reference closures, both float32 (properties/attacks/analyticClosures.prop.test.ts).
   * Worst cases over 3,000 random LeNet-like nets per backend: cpu 3.4e-5, wasm 4.9e-4; in that wasm
   * case (softmax(z) within 0.012 of the prediction, so ∇_θ CE cancels) the wasm TAPE path was the
   * outlier: cpu tape, cpu analytic and wasm analytic agreed to 2e-5. Ill-conditioned cases
   * (saturated one-hot softmax, near-±1 cosines) are excluded; a wrong second-order term errs O(1).
   */
  analyticVsTape: 2e-3,
  /** Relative error above which the patches-off comparison must be "clearly wrong". */
  clearlyWrong: 0.1,
} as const;

/** Central-difference step used in float64 finite-difference references. */
export const FD_STEP_FLOAT64 = 1e-6;

/**
 * Central-difference step for float64 objectives that are large next to their gradient, such as
 * the DLG objective D = Σ‖∇θL − T‖²: at 1e-6 the rounding term ε·|D|/h reached 4e-7 relative on
 * small nets; h = 1e-5 (≈ ε^(1/3)) balances it against the h² truncation (measured ≤ 4e-8).
 */
export const FD_STEP_FLOAT64_OBJECTIVE = 1e-5;
