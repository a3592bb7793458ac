/**
 * Test helpers for the attacks: build a client's batch-1 update from plain data (client side,
 * where the truth lives) and the wire-only AttackInput from it. Used by tests only.
 */
import { tf, fromFloat64, disposeParams } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';
import { targetGradients } from './dlgObjective.js';
import type { AttackInput } from './types.js';

/** A client case: tensors the caller disposes with `disposeCase`. */
export interface ClientCase {
  readonly model: Model;
  readonly params: ParamMap;
  readonly x: tf.Tensor4D;
  readonly y: tf.Tensor1D;
  readonly grads: ParamMap;
}

/** Parameters `model.init(seed)`, image from `pixels` (NHWC, batch 1), its true gradients. Caller owns returned tensors. */
export function makeClientCase(model: Model, seed: number, pixels: ArrayLike<number>, label: number): ClientCase {
  const params = model.init(seed);
  const x = fromFloat64(pixels, [1, ...model.inputShape]) as tf.Tensor4D;
  const y = tf.tensor1d([label], 'int32');
  return { model, params, x, y, grads: targetGradients(model, params, x, y) };
}

/** The wire-only view of a case (optionally with other gradients, e.g. defended ones). */
export function wireInput(c: ClientCase, grads: ParamMap = c.grads, labels?: readonly number[]): AttackInput {
  return { model: c.model, params: c.params, shared: { grads, numExamples: 1 }, knowledge: { batchSize: 1, ...(labels ? { labels } : {}) } };
}

/** Dispose every tensor of a case. */
export function disposeCase(c: ClientCase): void {
  disposeParams(c.params);
  disposeParams(c.grads);
  tf.dispose([c.x, c.y]);
}
