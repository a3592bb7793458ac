/**
 * Server aggregation θ ← Σ_k w_k θ_k (FedAvg; Soteria arXiv 2012.06043 eq. 13 with the weights
 * of `sampleClients`). Trainable parameters use the weights as given, so a scheme whose weights
 * do not sum to 1 (eq13 with unbalanced p) visibly inflates or deflates the model. Buffers
 * (non-trainable, e.g. BatchNorm running statistics) are averaged with the normalised weights
 * w_k / Σ w, so a buffer no client changes stays unchanged under every scheme.
 */
import { assertSameLayout, mapParams, tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';

/**
 * Weighted sum of parameter maps.
 * @param models - one map per device, identical names and shapes.
 * @param weights - w_k, finite; Σ w_k > 0 when `buffers` is non-empty.
 * @param buffers - names of non-trainable entries (averaged with normalised weights). @default none
 * @returns the aggregated map. Caller owns returned tensors.
 */
export function aggregate(models: readonly ParamMap[], weights: readonly number[], buffers: ReadonlySet<string> = new Set()): ParamMap {
  if (models.length === 0) throw new RangeError('aggregate: needs at least one model (got 0)');
  if (models.length !== weights.length) throw new RangeError(`aggregate: got ${models.length} models but ${weights.length} weights`);
  if (weights.some((w) => !Number.isFinite(w))) throw new RangeError(`aggregate: weights must be finite (got [${weights.join(', ')}])`);
  models.forEach((m, i) => assertSameLayout(models[0], m, `aggregate: model ${i}`));
  const sum = weights.reduce((a, b) => a + b, 0);
  const hasBuffer = Object.keys(models[0]).some((n) => buffers.has(n));
  if (hasBuffer && !(sum > 0)) throw new RangeError(`aggregate: buffers need a positive weight sum (got ${sum})`);
  return tf.tidy(() => mapParams(models[0], (_, name) => {
    const scale = buffers.has(name) ? 1 / sum : 1;
    return tf.addN(models.map((m, k) => tf.mul(m[name], weights[k] * scale)));
  }));
}
