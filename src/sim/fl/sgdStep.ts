/**
 * One defended SGD step (Soteria arXiv 2012.06043, Algorithm 2, one batch): g = ∇θ [mean CE +
 * penalty(θ)] over the trainable parameters, g' = defense(g), θ' = θ − η g'.
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { hardCrossEntropy } from '../../tensor/losses.js';
import type { Defense, DefenseContext, DefenseStats } from '../defenses/types.js';
import type { Model } from '../types.js';

/** Inputs of one step. */
export interface SgdStepInput {
  /** Batch images [B, H, W, C]. */
  readonly x: tf.Tensor4D;
  /** Batch labels [B], int32. */
  readonly y: tf.Tensor1D;
  /** Step size η_t. */
  readonly eta: number;
  /** Regulariser added to the mean CE (e.g. λ/2‖θ‖²), evaluated inside the tape. @default none */
  readonly penalty?: (p: ParamMap) => tf.Scalar;
  readonly defense: Defense;
  readonly ctx: DefenseContext;
}

/** What one step returns. */
export interface SgdStepResult {
  /** Updated trainable parameters only. Caller owns returned tensors. */
  readonly trainable: ParamMap;
  /** The objective at θ (before the update), a scalar. Caller owns returned tensors. */
  readonly loss: tf.Scalar;
  readonly stats: DefenseStats;
}

/**
 * Run one defended SGD step.
 * @param model - the model.
 * @param params - θ (not disposed).
 * @param trainable - names of the trainable parameters (the rest are held fixed).
 * @param input - batch, step size, penalty, defense and its context.
 * @returns updated trainable parameters, loss and defense statistics. Caller owns returned tensors.
 */
export function sgdStep(model: Model, params: ParamMap, trainable: readonly string[], input: SgdStepInput): SgdStepResult {
  const { value, grads } = tf.tidy(() => {
    const f = (...ps: tf.Tensor[]): tf.Scalar => {
      const all: Record<string, tf.Tensor> = { ...params };
      trainable.forEach((n, i) => (all[n] = ps[i]));
      const ce = hardCrossEntropy(model.apply(all, input.x).logits, input.y);
      return input.penalty === undefined ? ce : (tf.add(ce, input.penalty(all)) as tf.Scalar);
    };
    return tf.valueAndGrads(f)(trainable.map((n) => params[n]));
  });
  const raw: ParamMap = Object.fromEntries(trainable.map((n, i) => [n, grads[i]]));
  let defended: { readonly grads: ParamMap; readonly stats: DefenseStats };
  try {
    defended = input.defense.apply(raw, input.ctx);
  } catch (error) {
    tf.dispose([value, ...grads]);
    throw error;
  }
  try {
    const updated = tf.tidy(() => Object.fromEntries(trainable.map((n) => {
      const g = defended.grads[n];
      if (g === undefined) throw new Error(`sgdStep: defense '${input.defense.config.kind}' returned no gradient for '${n}'`);
      return [n, tf.sub(params[n], tf.mul(g, input.eta))];
    })));
    return { trainable: updated, loss: value, stats: defended.stats };
  } catch (error) {
    value.dispose();
    throw error;
  } finally {
    for (const [n, g] of Object.entries(defended.grads)) if (g !== raw[n]) g.dispose();
    for (const g of grads) g.dispose();
  }
}
