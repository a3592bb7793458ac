/**
 * Noise defenses of Soteria's §6.1 / Table 2 ("DP"): add i.i.d. noise to every trainable
 * gradient tensor, optionally after L2 clipping to C.
 *
 * - Gaussian: N(0, σ²) with σ the STANDARD DEVIATION (the paper writes "variance σ").
 * - Laplace: Laplace(0, b) with b the SCALE (variance 2b²), the official notebook's
 *   `np.random.laplace(0, b)`.
 * - clip 'perUpdate': the batch gradient's global L2 norm is clipped to C, then noise is added.
 * - clip 'perSample': every sample's gradient (hardCrossEntropy, sampleGradients.ts) is clipped to
 *   C, the clipped gradients are averaged (this replaces `grads`), then noise is added.
 *
 * These are noise defenses, NOT (ε, δ)-differential privacy: there is no privacy accountant,
 * and the noise is not calibrated to C. Noise for tensor `name` comes from
 * `ctx.rng.fork('dpNoise', name)`, so the same context gives bit-identical results.
 * Noise 0 without clipping is the identity.
 */
import { cloneParams, mapParams, paramNames, randomLaplaceTensor, randomNormalTensor, tf } from '../../tensor/index.js';
import type { ParamMap, Rng } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { clipByGlobalNorm, globalNorm } from './clipByGlobalNorm.js';
import { sampleGradients } from './sampleGradients.js';
import type { ClipConfig, Defense, DefenseConfig, DefenseContext, DefenseResult, DefenseStats, NoiseConfig } from './types.js';

type DpConfig = Extract<DefenseConfig, { kind: 'dpNoise' }>;

function checkNonNegative(where: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new InputError(`${where}: must be a finite number >= 0 (got ${String(v)})`);
  return v;
}

function noiseLevel(noise: NoiseConfig): number {
  if (noise?.distribution === 'gaussian') return checkNonNegative('dpNoise.noise.std', noise.std);
  if (noise?.distribution === 'laplace') return checkNonNegative('dpNoise.noise.scale', noise.scale);
  throw new InputError(`dpNoise.noise.distribution: unknown value (got ${JSON.stringify((noise as { distribution?: unknown })?.distribution)}, expected 'gaussian' or 'laplace')`);
}

/** Mean over the batch of per-sample gradients clipped to `norm`. Caller owns returned tensors. */
function perSampleClippedMean(grads: ParamMap, ctx: DefenseContext, norm: number): { grads: ParamMap; clipped: number } {
  const names = paramNames(grads);
  const B = ctx.x.shape[0];
  let acc: ParamMap = mapParams(grads, (g) => tf.zerosLike(g));
  let clipped = 0;
  for (let b = 0; b < B; b++) {
    const gb = sampleGradients(ctx.model, ctx.params, ctx.x, ctx.y, b, names);
    const n = globalNorm(gb);
    const scale = n > norm ? norm / n : 1;
    if (scale < 1) clipped++;
    const next = tf.tidy(() => mapParams(acc, (a, name) => tf.add(a, tf.mul(gb[name], scale))) as unknown as tf.TensorContainer) as unknown as ParamMap;
    tf.dispose([...Object.values(acc), ...Object.values(gb)]);
    acc = next;
  }
  const mean = tf.tidy(() => mapParams(acc, (a) => tf.div(a, B)) as unknown as tf.TensorContainer) as unknown as ParamMap;
  tf.dispose(Object.values(acc));
  return { grads: mean, clipped };
}

function clip(grads: ParamMap, ctx: DefenseContext, c: ClipConfig | undefined): { grads: ParamMap; stats: DefenseStats } {
  if (c === undefined) return { grads: cloneParams(grads), stats: { clip: 'none' } };
  if (c.mode === 'perUpdate') {
    const r = clipByGlobalNorm(grads, c.norm);
    return { grads: r.grads, stats: { clip: 'perUpdate', clipNorm: c.norm, normBeforeClip: r.normBefore, clipScale: r.scale } };
  }
  const r = perSampleClippedMean(grads, ctx, c.norm);
  return { grads: r.grads, stats: { clip: 'perSample', clipNorm: c.norm, clippedSamples: r.clipped } };
}

function addNoise(grads: ParamMap, noise: NoiseConfig, level: number, rng: Rng): ParamMap {
  return mapParams(grads, (g, name) => {
    const s = rng.fork('dpNoise', name);
    const z = noise.distribution === 'gaussian' ? randomNormalTensor(s, g.shape, 0, level) : randomLaplaceTensor(s, g.shape, 0, level);
    const out = tf.add(g, z);
    z.dispose();
    return out;
  });
}

function applyDp(cfg: DpConfig, level: number, grads: ParamMap, ctx: DefenseContext): DefenseResult {
  const clipped = clip(grads, ctx, cfg.clip);
  const stats = { ...clipped.stats, distribution: cfg.noise.distribution, [cfg.noise.distribution === 'gaussian' ? 'std' : 'scale']: level };
  if (level === 0) return { grads: clipped.grads, stats };
  const noisy = addNoise(clipped.grads, cfg.noise, level, ctx.rng);
  tf.dispose(Object.values(clipped.grads));
  return { grads: noisy, stats };
}

function describe(noise: NoiseConfig, level: number, c: ClipConfig | undefined): string {
  const what = noise.distribution === 'gaussian'
    ? `DP-Gaussian noise, std σ = ${level} (the paper says 'variance σ'; this is the standard deviation)`
    : `DP-Laplace noise, scale b = ${level} (variance 2b²; the official notebook's np.random.laplace(0, b))`;
  const clipText = c === undefined ? 'no clipping' : `L2 clipping to C = ${c.norm} ${c.mode === 'perSample' ? 'per sample' : 'per update'}`;
  return `${what}, ${clipText}; no privacy accounting`;
}

/** The noise defense for a config. Soteria (arXiv 2012.06043), §6.1 baselines "DP-Gaussian" / "DP-Laplace". */
export function dpNoise(cfg: DpConfig): Defense {
  const level = noiseLevel(cfg.noise);
  if (cfg.clip !== undefined) {
    const n = cfg.clip.norm;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) throw new InputError(`dpNoise.clip.norm: must be a finite number > 0 (got ${String(n)})`);
    if (cfg.clip.mode !== 'perSample' && cfg.clip.mode !== 'perUpdate') throw new InputError(`dpNoise.clip.mode: unknown value (got ${JSON.stringify(cfg.clip.mode)}, expected 'perSample' or 'perUpdate')`);
  }
  return { config: cfg, description: describe(cfg.noise, level, cfg.clip), apply: (grads, ctx) => applyDp(cfg, level, grads, ctx) };
}
