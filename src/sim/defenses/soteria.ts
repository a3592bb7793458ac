/**
 * Soteria (Sun et al., CVPR 2021, arXiv 2012.06043), Alg. 1 + Alg. 2 as the official code runs
 * them: score every feature of the representation r that feeds the defended dense layer, then
 * zero ROW i of that layer's weight gradient (tfjs layout [L, out]; PyTorch's column i) for the
 * pruned features. Its bias and every other tensor pass through unchanged (cloned).
 *
 * Symbols: r = model.apply(params, x).representation [B, L]; s_{b,i} the score
 * (soteriaScores.ts); p = `percent`. Granularity 'batch' (official): one mask from Σ_b s_{b,i}.
 * Granularity 'sample' (Alg. 2 as printed): a mask per sample from s_{b,·}, applied to that
 * sample's own gradient, then averaged (maskedSampleGradient.ts). p = 0 is the identity.
 */
import { cloneParams, mapParams } from '../../tensor/index.js';
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { checkPercent } from './checkPercent.js';
import { maskedSampleGradient } from './maskedSampleGradient.js';
import { percentileMask } from './percentileMask.js';
import type { FeatureMask } from './percentileMask.js';
import { soteriaScores } from './soteriaScores.js';
import type { Defense, DefenseConfig, DefenseContext, DefenseResult, DefenseStats } from './types.js';

type SoteriaConfig = Extract<DefenseConfig, { kind: 'soteria' }>;

function oneOf<T extends string>(where: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(v)) return v as T;
  throw new InputError(`${where}: unknown value (got ${JSON.stringify(v)}, expected one of ${allowed.join(', ')})`);
}

/** JSON-safe number for stats (NaN and ±Infinity become strings). */
const statNumber = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

function defendedWeight(grads: ParamMap, ctx: DefenseContext, layer: string): string {
  const { model } = ctx;
  if (layer !== model.representationLayer) {
    throw new InputError(`soteria.layer: must be the model's representation layer, whose input r the model returns (got '${layer}', expected '${model.representationLayer}'; build the model with representationLayer '${layer}' instead)`);
  }
  const name = `${layer}.weight`;
  const g = grads[name];
  if (g === undefined || g.rank !== 2 || g.shape[0] !== model.representationSize) {
    throw new Error(`soteria: gradient of '${name}' must be [${model.representationSize}, out] (got ${g === undefined ? 'no such gradient' : `[${g.shape.join(', ')}]`})`);
  }
  return name;
}

function batchMaskRows(g: tf.Tensor, mask: FeatureMask): tf.Tensor {
  return tf.tidy(() => {
    const keep = tf.tensor2d(Uint8Array.from(mask.pruned, (v) => 1 - v), [mask.pruned.length, 1], 'bool');
    return tf.where(tf.tile(keep, [1, g.shape[1] ?? 1]), g, tf.zerosLike(g));
  });
}

function countZeroFeatures(r: Float64Array, B: number, L: number): number {
  let n = 0;
  for (let i = 0; i < L; i++) {
    let zero = true;
    for (let b = 0; b < B && zero; b++) zero = r[b * L + i] === 0;
    if (zero) n++;
  }
  return n;
}

function applySoteria(cfg: Required<Omit<SoteriaConfig, 'layer'>> & { layer?: string }, grads: ParamMap, ctx: DefenseContext): DefenseResult {
  const { model, params, x, y } = ctx;
  const layer = cfg.layer ?? model.representationLayer;
  const wName = defendedWeight(grads, ctx, layer);
  const L = model.representationSize;
  const B = x.shape[0];
  const base: DefenseStats = { representationSize: L, rule: cfg.rule, score: cfg.score, granularity: cfg.granularity, layer };
  if (cfg.percent === 0) return { grads: cloneParams(grads), stats: { ...base, prunedFeatures: 0, threshold: 'none' } };
  const { r, scores, plan } = soteriaScores(model, params, x, cfg.score);
  const stats = { ...base, zeroFeatures: countZeroFeatures(r, B, L), jacobianPasses: plan?.passes ?? 'pinv' };
  if (cfg.granularity === 'batch') {
    const summed = new Float64Array(L);
    for (let j = 0; j < B * L; j++) summed[j % L] += scores[j];
    const mask = percentileMask(summed, cfg.percent, cfg.rule);
    const out = mapParams(grads, (t, name) => (name === wName ? batchMaskRows(t, mask) : t.clone()));
    return { grads: out, stats: { ...stats, prunedFeatures: mask.count, threshold: statNumber(mask.threshold) } };
  }
  const keep = new Float32Array(B * L);
  let pruned = 0;
  for (let b = 0; b < B; b++) {
    const mask = percentileMask(scores.subarray(b * L, (b + 1) * L), cfg.percent, cfg.rule);
    pruned += mask.count;
    for (let i = 0; i < L; i++) keep[b * L + i] = 1 - mask.pruned[i];
  }
  const out = mapParams(grads, (t, name) => (name === wName ? maskedSampleGradient(model, params, x, y, layer, keep) : t.clone()));
  return { grads: out, stats: { ...stats, prunedFeatures: pruned / B, threshold: 'perSample' } };
}

/**
 * The Soteria defense for a config (validated here; model-dependent checks happen in `apply`).
 * Soteria (arXiv 2012.06043), Alg. 1–2; official `Defend_DLG.ipynb` / GS `reconstruct_image.py`.
 */
export function soteria(cfg: SoteriaConfig): Defense {
  const percent = checkPercent('soteria.percent', cfg.percent);
  const score = oneOf('soteria.score', cfg.score, ['notebook', 'gsScript', 'pinv'] as const, 'notebook');
  const rule = oneOf('soteria.rule', cfg.rule, ['official', 'exact'] as const, 'official');
  const granularity = oneOf('soteria.granularity', cfg.granularity, ['batch', 'sample'] as const, 'batch');
  if (cfg.layer !== undefined && typeof cfg.layer !== 'string') throw new InputError(`soteria.layer: must be a layer name (got ${JSON.stringify(cfg.layer)})`);
  const resolved = { kind: 'soteria' as const, percent, score, rule, granularity, layer: cfg.layer };
  const ruleText = rule === 'official' ? 'official rule |s| < np.percentile(s, p)' : 'exact rule ⌊p·L/100⌋ lowest |s|, ties → lower index';
  const description = `Soteria: prune p = ${percent} % of the defended layer's input features (score ${score}, ${ruleText}, one mask per ${granularity})`;
  return { config: cfg, description, apply: (grads, ctx) => applySoteria(resolved, grads, ctx) };
}
