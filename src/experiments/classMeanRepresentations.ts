/**
 * The true class-mean representations of a client's data (analysis side: uses the client's
 * images and labels, which no attack may read). Soteria (arXiv 2012.06043) §3.2: `cor` compares the
 * inferred representation with the mean representation r̄_{B_i} of the class-i samples.
 */
import { tf, fromFloat64, toFloat64 } from '../tensor/index.js';
import type { ParamMap } from '../tensor/index.js';
import type { Model } from '../sim/types.js';

/**
 * Mean of `model.apply(params, x).representation` (the input of `model.representationLayer`)
 * over the samples of each class present in `labels`.
 * @param images - N·H·W·C values, NHWC row-major, matching the model's input shape.
 * @param labels - N labels.
 * @returns class → mean representation (float64), classes in ascending order.
 * @throws RangeError when the sizes disagree.
 */
export function classMeanRepresentations(model: Model, params: ParamMap, images: ArrayLike<number>, labels: readonly number[]): Map<number, Float64Array> {
  const [h, w, c] = model.inputShape;
  if (labels.length === 0 || images.length !== labels.length * h * w * c) {
    throw new RangeError(`classMeanRepresentations: ${images.length} values for ${labels.length} labels (expected ${labels.length}·${h}·${w}·${c}, ≥ 1 sample)`);
  }
  const r = tf.tidy(() => model.apply(params, fromFloat64(images, [labels.length, h, w, c]) as tf.Tensor4D).representation);
  const flat = toFloat64(r);
  r.dispose();
  const d = model.representationSize;
  const out = new Map<number, Float64Array>();
  const counts = new Map<number, number>();
  for (const label of [...new Set(labels)].sort((a, b) => a - b)) {
    out.set(label, new Float64Array(d));
    counts.set(label, 0);
  }
  labels.forEach((label, n) => {
    const acc = out.get(label) as Float64Array;
    for (let i = 0; i < d; i++) acc[i] += flat[n * d + i];
    counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  for (const [label, acc] of out) acc.forEach((v, i) => (acc[i] = v / (counts.get(label) ?? 1)));
  return out;
}
