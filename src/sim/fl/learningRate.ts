/**
 * Learning-rate schedules of local SGD (see `LrSchedule`). Symbols: η₀ = eta0, μ = mu, γ = gamma,
 * t = global local-step counter (Li et al. 2020, Thm 1: η_t = 2/(μ(γ + t))).
 */
import type { LrSchedule } from './types.js';

/** Throws unless the schedule's numbers are valid (η > 0, μ > 0, γ > 0, all finite). */
export function checkLrSchedule(s: LrSchedule, where = 'learningRate'): void {
  const positive = (name: string, v: number): void => {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${where}: ${s.kind}.${name} must be finite and > 0 (got ${v})`);
  };
  switch (s.kind) {
    case 'constant': return positive('eta', s.eta);
    case 'inverseRound': return positive('eta0', s.eta0);
    case 'strongConvex': positive('mu', s.mu); return positive('gamma', s.gamma);
    default: throw new Error(`${where}: unknown schedule (got ${JSON.stringify(s)}, expected constant, inverseRound or strongConvex)`);
  }
}

/**
 * The step size of one local SGD step.
 * @param s - the schedule.
 * @param round - 0-based round index.
 * @param t - global local-step counter, `round · I + s` (see `LrSchedule`); used by `strongConvex` only.
 * @returns η > 0.
 */
export function learningRate(s: LrSchedule, round: number, t: number): number {
  if (!(Number.isSafeInteger(round) && round >= 0)) throw new RangeError(`learningRate: round must be an integer >= 0 (got ${round})`);
  if (!(Number.isSafeInteger(t) && t >= 0)) throw new RangeError(`learningRate: t must be an integer >= 0 (got ${t})`);
  switch (s.kind) {
    case 'constant': return s.eta;
    case 'inverseRound': return s.eta0 / (1 + round);
    case 'strongConvex': return 2 / (s.mu * (s.gamma + t));
    default: throw new Error(`learningRate: unknown schedule (got ${JSON.stringify(s)})`);
  }
}

/**
 * I, the local steps per round of the global clock: E · ⌈max_k n_k / B⌉.
 * @param sizes - n_k per device.
 * @param epochs - E.
 * @param batchSize - B.
 */
export function stepsPerRound(sizes: readonly number[], epochs: number, batchSize: number): number {
  const nMax = sizes.reduce((m, n) => Math.max(m, n), 0);
  return epochs * Math.ceil(nMax / batchSize);
}
