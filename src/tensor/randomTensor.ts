/**
 * Random float32 tensors drawn from a seeded `Rng` (the samplers in samplers.ts, then one
 * float64 → float32 conversion). Never use tf.randomNormal / tf.randomUniform: their seeds are
 * not tied to our (seed, path) streams.
 */
import type { tf } from './tf.js';
import type { Rng } from './rng.js';
import { fromFloat64 } from './convert.js';
import { gaussian, laplace, uniform } from './samplers.js';

function sizeOf(where: string, shape: readonly number[]): number {
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new RangeError(`${where}: shape must list non-negative integers (got [${shape.join(', ')}], expected e.g. [3, 4])`);
  }
  return shape.reduce((n, d) => n * d, 1);
}

/**
 * float32 tensor of N(mean, std²) draws (row-major fill order; see `gaussian`).
 * Caller owns returned tensors.
 */
export function randomNormalTensor(rng: Rng, shape: readonly number[], mean = 0, std = 1): tf.Tensor {
  return fromFloat64(gaussian(rng, sizeOf('randomNormalTensor', shape), mean, std), shape);
}

/**
 * float32 tensor of U[lo, hi) draws; models use U(-0.5, 0.5) initialisation (the DLG
 * reference code's `uniform_(-0.5, 0.5)`). Caller owns returned tensors.
 */
export function randomUniformTensor(rng: Rng, shape: readonly number[], lo = 0, hi = 1): tf.Tensor {
  return fromFloat64(uniform(rng, sizeOf('randomUniformTensor', shape), lo, hi), shape);
}

/**
 * float32 tensor of Laplace(loc, scale) draws (variance 2·scale²; see `laplace`).
 * Caller owns returned tensors.
 */
export function randomLaplaceTensor(rng: Rng, shape: readonly number[], loc = 0, scale = 1): tf.Tensor {
  return fromFloat64(laplace(rng, sizeOf('randomLaplaceTensor', shape), loc, scale), shape);
}
