/**
 * Ground-truth metrics of a GS case in both spaces: normalised (MSE, and PSNR as the GS script's
 * `inversefed.metrics.psnr(output, truth, factor=1/ds)`) and [0, 1] pixels after de-normalising
 * and clamping (MSE, PSNR with range 1, SSIM). Computed outside the attack (style.md §2.3).
 */
import type { GsResult } from '../sim/attacks/invertingGradients.js';
import { denormalizeImage, normalisedPsnrRange } from '../sim/data/normalization.js';
import type { Normalization } from '../sim/data/normalization.js';
import { mse, psnr, ssim, runningMin, SSIM_VARIANT } from '../sim/metrics/index.js';
import type { ImageBatch, MetricSpace, RunningMinResult } from '../sim/metrics/index.js';

/** The truth of a case in both spaces. */
export interface GsTruth {
  readonly truthNormalised: Float64Array;
  readonly truthPixels: Float64Array;
  /** [1, H, W, C]. */
  readonly shape: readonly [number, number, number, number];
  readonly normalization: Normalization;
}

/** MSE of one iterate to the truth, in both spaces. */
export interface IterateMse {
  readonly normalised: number;
  readonly pixels01: number;
}

/** Metrics in one space. */
export interface GsSpaceMetrics {
  readonly finalMse: number;
  /** MSE of the attacker's best-by-loss dummy. */
  readonly bestMse: number;
  /** Minimum MSE over the winning restart's iterations: needs the ground truth. */
  readonly minMse: RunningMinResult;
  readonly finalPsnr: number;
  /** Peak range used by `finalPsnr` (normalised: geometric mean of 1/std_c, as the code). */
  readonly psnrRange: number;
  readonly space: MetricSpace;
}

const batch = (data: Float32Array | Float64Array, t: GsTruth): ImageBatch => ({ data, shape: t.shape });
const channelsOf = (t: GsTruth): number => t.shape[3];
const toPixels = (data: Float32Array, t: GsTruth): ImageBatch => batch(denormalizeImage(data, t.normalization, channelsOf(t)), t);

/** MSE of a normalised dummy to the truth in both spaces (for the per-iteration trace). */
export function iterateMse(data: Float32Array, t: GsTruth): IterateMse {
  return {
    normalised: mse(batch(data, t), batch(t.truthNormalised, t), 'normalised').value,
    pixels01: mse(toPixels(data, t), batch(t.truthPixels, t), 'pixels01').value,
  };
}

/**
 * Final, best-by-loss and minimum-over-iterations metrics in both spaces, plus SSIM in pixels.
 * @param trace - `iterateMse` of every iterate of the winning restart.
 */
export function gsCaseMetrics(
  attack: GsResult, trace: readonly IterateMse[], t: GsTruth,
): { normalised: GsSpaceMetrics; pixels01: GsSpaceMetrics & { finalSsim: number; ssimVariant: string } } {
  const fin = iterateMse(attack.reconstruction.data, t);
  const best = iterateMse(attack.best.reconstruction.data, t);
  const range = normalisedPsnrRange(t.normalization, channelsOf(t));
  const truthN = batch(t.truthNormalised, t);
  const truthP = batch(t.truthPixels, t);
  const finalP = toPixels(attack.reconstruction.data, t);
  const s = t.shape[1] >= 11 && t.shape[2] >= 11 ? ssim(finalP, truthP, { space: 'pixels01' }) : { value: Number.NaN, variant: `${SSIM_VARIANT} (not computed: H or W < 11)` };
  const minOf = (k: keyof IterateMse): RunningMinResult => runningMin(trace.length > 0 ? trace.map((v) => v[k]) : [fin[k]]);
  return {
    normalised: {
      finalMse: fin.normalised, bestMse: best.normalised, minMse: minOf('normalised'),
      finalPsnr: psnr(batch(attack.reconstruction.data, t), truthN, { space: 'normalised', dataRange: range }).value, psnrRange: range, space: 'normalised',
    },
    pixels01: {
      finalMse: fin.pixels01, bestMse: best.pixels01, minMse: minOf('pixels01'),
      finalPsnr: psnr(finalP, truthP, { space: 'pixels01' }).value, psnrRange: 1, space: 'pixels01', finalSsim: s.value, ssimVariant: s.variant,
    },
  };
}
