/**
 * Per-channel dataset normalisation x̂ = (x − mean_c) / std_c of [0, 1] images, NHWC (channel =
 * index mod C), with the constants of the inverting-gradients code (Geiping et al. 2020,
 * `inversefed/consts.py`; Soteria's GS script normalises its inputs with them). The GS attack
 * works in normalised space; its box constraint is the image of [0, 1] under this map.
 */
import { InputError } from '../../errors.js';

/** Per-channel mean and std (length C, or 1 to share one value across all channels). */
export interface Normalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** CIFAR-10 (inversefed `cifar10_mean/std`; ≈ 0.4915/0.4823/0.4468 and 0.2470/0.2435/0.2616). */
export const CIFAR10_NORMALIZATION: Normalization = {
  mean: [0.4914672374725342, 0.4822617471218109, 0.4467701315879822],
  std: [0.24703224003314972, 0.24348513782024384, 0.26158785820007324],
};

/** MNIST (inversefed `mnist_mean/std`; ≈ 0.1307 and 0.3081). */
export const MNIST_NORMALIZATION: Normalization = { mean: [0.13066373765468597], std: [0.30810782313346863] };

/** No normalisation (mean 0, std 1): inversefed's `GradientReconstructor` default `mean_std`. */
export const IDENTITY_NORMALIZATION: Normalization = { mean: [0], std: [1] };

/**
 * The dataset normalisation for a channel count: CIFAR-10 for 3 channels, MNIST for 1.
 * @throws InputError for any other channel count (pass a normalisation explicitly).
 */
export function defaultNormalization(channels: number): Normalization {
  if (channels === 3) return CIFAR10_NORMALIZATION;
  if (channels === 1) return MNIST_NORMALIZATION;
  throw new InputError(`normalization: no default for ${channels} channels (got ${channels}, expected 1 (MNIST) or 3 (CIFAR-10), or an explicit { mean, std })`);
}

/**
 * Check a normalisation against a channel count.
 * @throws InputError when mean/std lengths are not 1 or C, or a std is not positive and finite.
 */
export function validateNormalization(where: string, n: Normalization, channels: number): void {
  for (const key of ['mean', 'std'] as const) {
    const v = n[key];
    if (!Array.isArray(v) || (v.length !== 1 && v.length !== channels)) {
      throw new InputError(`${where}: normalization.${key} needs 1 or ${channels} values (got ${JSON.stringify(v)}, expected one per channel)`);
    }
    if (!v.every(Number.isFinite)) throw new InputError(`${where}: normalization.${key} must be finite (got ${JSON.stringify(v)})`);
  }
  if (!n.std.every((s) => s > 0)) throw new InputError(`${where}: normalization.std must be positive (got ${JSON.stringify(n.std)}, expected > 0)`);
}

const at = (v: readonly number[], i: number): number => v[v.length === 1 ? 0 : i];

/** The box [(0 − m_c)/s_c, (1 − m_c)/s_c] per channel, as arrays of length C (GS `boxed`). */
export function normalizationBox(n: Normalization, channels: number): { lo: number[]; hi: number[] } {
  const idx = Array.from({ length: channels }, (_, c) => c);
  return { lo: idx.map((c) => (0 - at(n.mean, c)) / at(n.std, c)), hi: idx.map((c) => (1 - at(n.mean, c)) / at(n.std, c)) };
}

/** (x − m_c) / s_c for NHWC values with `channels` channels, in float64. */
export function normalizeImage(data: ArrayLike<number>, n: Normalization, channels: number): Float64Array {
  return Float64Array.from({ length: data.length }, (_, i) => (data[i] - at(n.mean, i % channels)) / at(n.std, i % channels));
}

/** x̂·s_c + m_c, clamped to [0, 1] (as inversefed saves images), in float64. */
export function denormalizeImage(data: ArrayLike<number>, n: Normalization, channels: number): Float64Array {
  return Float64Array.from({ length: data.length }, (_, i) => {
    const v = data[i] * at(n.std, i % channels) + at(n.mean, i % channels);
    return Math.min(Math.max(v, 0), 1);
  });
}

/**
 * The peak range that makes `psnr` in normalised space equal inversefed's
 * `psnr(output, truth, factor=1/ds)`: that code averages 10·log10((1/s_c)²/MSE) over channels,
 * which is 10·log10(r²/MSE) with r the geometric mean of 1/s_c.
 */
export function normalisedPsnrRange(n: Normalization, channels: number): number {
  let logSum = 0;
  for (let c = 0; c < channels; c++) logSum -= Math.log(at(n.std, c));
  return Math.exp(logSum / channels);
}
