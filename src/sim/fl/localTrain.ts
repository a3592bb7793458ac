/**
 * Local training of one device, Soteria (arXiv 2012.06043) Algorithm 2: E epochs of mini-batch
 * SGD; at every step the gradient of the trainable parameters (mean CE + λ/2‖θ‖²) goes through
 * the defense, which replaces the defended layer's gradient, then θ ← θ − η_t g. Buffers
 * (non-trainable parameters) are carried unchanged. Symbols: E epochs, B batch, η_t step size,
 * λ = l2, t = stepOffset + s the global local-step counter (see `LrSchedule`).
 */
import { cloneParams, disposeParams, shuffled, tf, toScalar } from '../../tensor/index.js';
import type { ParamMap, Rng } from '../../tensor/index.js';
import { l2Penalty } from '../../tensor/losses.js';
import { toBatch } from '../data/batch.js';
import type { Dataset } from '../data/types.js';
import type { Defense, DefenseStats } from '../defenses/types.js';
import type { Model } from '../types.js';
import { checkLrSchedule, learningRate } from './learningRate.js';
import { sgdStep } from './sgdStep.js';
import { summarizeStats } from './summarizeStats.js';
import type { LrSchedule } from './types.js';

/** Options of `localTrain`. */
export interface LocalTrainOptions {
  /** E ≥ 1. */
  readonly epochs: number;
  /** B ≥ 1. */
  readonly batchSize: number;
  readonly lr: LrSchedule;
  /** λ ≥ 0 of (λ/2)‖θ‖² over the trainable parameters. */
  readonly l2: number;
  readonly defense: Defense;
  /** The device's stream for this round, `makeRng(seed, 'round', r, 'client', k, 'local')`. */
  readonly rng: Rng;
  /** 0-based round index (for `inverseRound`). */
  readonly round: number;
  /** Global local-step counter at this call's first step, round · I (for `strongConvex`). */
  readonly stepOffset: number;
}

/** What `localTrain` returns. */
export interface LocalTrainResult {
  /** The device's model after training (every parameter, buffers cloned). Caller owns returned tensors. */
  readonly params: ParamMap;
  /** Number of SGD steps run, E · ⌈n_k / B⌉. */
  readonly steps: number;
  /** Mean of the per-step objective values (before each update); 0 when no step ran. */
  readonly meanLoss: number;
  /** Defense statistics averaged over the steps (see `summarizeStats`). */
  readonly defense: DefenseStats;
}

function checkOptions(o: LocalTrainOptions): void {
  const int = (name: string, v: number, min: number): void => {
    if (!(Number.isSafeInteger(v) && v >= min)) throw new RangeError(`localTrain: ${name} must be an integer >= ${min} (got ${v})`);
  };
  int('epochs', o.epochs, 1);
  int('batchSize', o.batchSize, 1);
  int('round', o.round, 0);
  int('stepOffset', o.stepOffset, 0);
  if (!(Number.isFinite(o.l2) && o.l2 >= 0)) throw new RangeError(`localTrain: l2 must be finite and >= 0 (got ${o.l2})`);
  checkLrSchedule(o.lr, 'localTrain');
}

/**
 * Run Algorithm 2's local loop on the device's samples.
 * @param model - the model.
 * @param params - the global model (not disposed).
 * @param data - the training set and this device's sample indices (epoch order: a shuffle of
 *   `indices` from `rng.fork('epoch', e)`).
 * @param options - see `LocalTrainOptions`.
 * @returns the new parameters and statistics. Caller owns returned tensors.
 */
export function localTrain(model: Model, params: ParamMap, data: { readonly dataset: Dataset; readonly indices: readonly number[] }, options: LocalTrainOptions): LocalTrainResult {
  checkOptions(options);
  const trainable = model.params.filter((p) => p.trainable).map((p) => p.name);
  const penalty = options.l2 > 0 ? (p: ParamMap): tf.Scalar => l2Penalty(p, trainable, options.l2) : undefined;
  let current: ParamMap = params;
  let step = 0;
  let lossSum = 0;
  const stats: { stats: DefenseStats; weight: number }[] = [];
  for (let e = 0; e < options.epochs; e++) {
    const order = shuffled(options.rng.fork('epoch', e), data.indices);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = toBatch(data.dataset, order.slice(start, start + options.batchSize));
      const eta = learningRate(options.lr, options.round, options.stepOffset + step);
      const ctx = { model, params: current, x: batch.x, y: batch.y, rng: options.rng.fork('step', step, 'defense') };
      const out = sgdStep(model, current, trainable, { x: batch.x, y: batch.y, eta, penalty, defense: options.defense, ctx });
      tf.dispose([batch.x, batch.y]);
      if (current !== params) disposeTrainable(current, trainable);
      current = { ...current, ...out.trainable };
      lossSum += toScalar(out.loss);
      out.loss.dispose();
      stats.push({ stats: out.stats, weight: 1 });
      step++;
    }
  }
  const result = current === params ? cloneParams(params) : { ...current, ...cloneBuffers(params, trainable) };
  return { params: result, steps: step, meanLoss: step > 0 ? lossSum / step : 0, defense: summarizeStats(stats) };
}

function disposeTrainable(p: ParamMap, trainable: readonly string[]): void {
  disposeParams(Object.fromEntries(trainable.map((n) => [n, p[n]])));
}

function cloneBuffers(p: ParamMap, trainable: readonly string[]): ParamMap {
  const keep = new Set(trainable);
  return cloneParams(Object.fromEntries(Object.entries(p).filter(([n]) => !keep.has(n))));
}
