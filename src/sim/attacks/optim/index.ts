/** Flat-vector optimizers (pure JS, float64): PyTorch-faithful L-BFGS and Adam. */
export { Lbfgs } from './lbfgs.js';
export { resolveLbfgsOptions, LBFGS_DEFAULTS } from './resolveLbfgsOptions.js';
export type { LbfgsOptions, ResolvedLbfgsOptions } from './resolveLbfgsOptions.js';
export { Adam } from './adam.js';
export { resolveAdamOptions } from './resolveAdamOptions.js';
export type { AdamOptions, BoxBounds, ResolvedAdamOptions } from './resolveAdamOptions.js';
export { multiStepMilestones, invertingGradientsMilestones } from './multiStepMilestones.js';
export { strongWolfe, STRONG_WOLFE_DEFAULTS } from './strongWolfe.js';
export { CURVATURE_THRESHOLD } from './lbfgsHistory.js';
export type { Closure, ValueAndGrad, OptimizerCounters } from './types.js';
