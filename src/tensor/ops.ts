/**
 * Layer ops with PyTorch semantics, written so that they can be differentiated twice (the DLG/GS
 * attacks differentiate ∇θ loss w.r.t. the input). Layouts are tfjs's: NHWC activations, conv
 * weights [kh, kw, in, out], dense weights [in, out].
 */
import { tf } from './tf.js';

const shapeOf = (t: tf.Tensor): string => `[${t.shape.join(', ')}]`;

/** How `maxPool2d` treats a size that `k` does not divide. */
export type PoolMode = 'exact' | 'floor';

/**
 * Max pooling, kernel k × k, stride k, no padding, as reshape + `tf.max`. `tf.maxPool` cannot be
 * used in attacked models because its gradient kernel `MaxPoolGrad` has no gradient; reshape +
 * max matches PyTorch `F.max_pool2d` and double-differentiates (with the comparison-gradient
 * patch, as `Max`'s gradient uses `Equal`). Ties within a window pass the gradient to every
 * maximal entry (PyTorch picks one); after ReLU tied zeros get zero gradient either way.
 * @param x - [N, H, W, C].
 * @param k - window size and stride (positive integer).
 * @param mode - 'exact' (default) requires k | H and k | W; 'floor' drops the last H mod k rows
 *   and W mod k columns, as PyTorch `MaxPool2d(k)` (ceil_mode=False) does.
 * @returns [N, H/k, W/k, C] (floored in 'floor' mode). Caller owns returned tensors.
 */
export function maxPool2d(x: tf.Tensor4D, k: number, mode: PoolMode = 'exact'): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`maxPool2d: x must be rank 4 NHWC (got ${shapeOf(x)})`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`maxPool2d: k must be a positive integer (got ${k})`);
  const [n, h, w, c] = x.shape;
  if (mode === 'exact' && (h % k !== 0 || w % k !== 0)) {
    throw new Error(`maxPool2d: H and W must be divisible by k=${k} in 'exact' mode (got H=${h}, W=${w}; use mode 'floor' for PyTorch floor semantics)`);
  }
  const ho = Math.floor(h / k);
  const wo = Math.floor(w / k);
  if (ho === 0 || wo === 0) throw new Error(`maxPool2d: input smaller than the window (got H=${h}, W=${w}, expected both >= k=${k})`);
  return tf.tidy(() => {
    const cropped = ho * k === h && wo * k === w ? x : tf.slice(x, [0, 0, 0, 0], [n, ho * k, wo * k, c]);
    const windows = tf.reshape(cropped, [n * ho, k, wo, k, c]);
    return tf.reshape(tf.max(windows, [1, 3]), [n, ho, wo, c]) as tf.Tensor4D;
  });
}

/**
 * 2-D convolution plus bias with PyTorch padding semantics: `pad` zeros on every side
 * (`nn.Conv2d(padding=pad)`), not tfjs 'same' (which pads asymmetrically for stride 2).
 * @param x - [N, H, W, Cin].
 * @param w - [kh, kw, Cin, Cout].
 * @param b - [Cout].
 * @param stride - stride in both directions.
 * @param pad - symmetric zero padding in both directions.
 * @returns [N, Ho, Wo, Cout], Ho = floor((H + 2·pad − kh)/stride) + 1. Caller owns returned tensors.
 */
export function conv2dPt(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, stride: number, pad: number): tf.Tensor4D {
  if (x.rank !== 4 || w.rank !== 4) throw new Error(`conv2dPt: x and w must be rank 4 (got x ${shapeOf(x)}, w ${shapeOf(w)})`);
  if (w.shape[2] !== x.shape[3]) throw new Error(`conv2dPt: input channels differ (got x ${shapeOf(x)}, expected w[2] = x[3] for w ${shapeOf(w)})`);
  if (b.rank !== 1 || b.shape[0] !== w.shape[3]) throw new Error(`conv2dPt: bias shape (got ${shapeOf(b)}, expected [${w.shape[3]}])`);
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`conv2dPt: stride must be a positive integer (got ${stride})`);
  if (!Number.isInteger(pad) || pad < 0) throw new RangeError(`conv2dPt: pad must be a non-negative integer (got ${pad})`);
  return tf.tidy(() => {
    const padding: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [pad, pad], [pad, pad], [0, 0]];
    return tf.add(tf.conv2d(x, w, stride, padding), b) as tf.Tensor4D;
  });
}

/**
 * Fully connected layer `x·w + b` (PyTorch `nn.Linear` with its weight transposed).
 * @param x - [N, in].
 * @param w - [in, out].
 * @param b - [out].
 * @returns [N, out]. Caller owns returned tensors.
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[0]) {
    throw new Error(`dense: shapes do not chain (got x ${shapeOf(x)}, w ${shapeOf(w)}, expected x [N, in] and w [in, out])`);
  }
  if (b.rank !== 1 || b.shape[0] !== w.shape[1]) throw new Error(`dense: bias shape (got ${shapeOf(b)}, expected [${w.shape[1]}])`);
  return tf.tidy(() => tf.add(tf.matMul(x, w), b) as tf.Tensor2D);
}

/**
 * Batch normalisation in eval mode (running statistics), PyTorch `BatchNorm2d.eval()`:
 * `(x − mean)·gamma/√(var + eps) + beta` per channel. Written with elementary ops (no fused
 * kernel) so that every path double-differentiates.
 * @param x - [N, H, W, C].
 * @param gamma - [C] (`bn.weight`). @param beta - [C] (`bn.bias`).
 * @param mean - [C] (`bn.running_mean`). @param variance - [C] (`bn.running_var`).
 * @param eps - PyTorch default 1e-5.
 * @returns [N, H, W, C]. Caller owns returned tensors.
 */
export function batchNormEval(
  x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, mean: tf.Tensor1D, variance: tf.Tensor1D, eps = 1e-5,
): tf.Tensor4D {
  const c = x.shape[3];
  for (const [name, t] of [['gamma', gamma], ['beta', beta], ['mean', mean], ['variance', variance]] as const) {
    if (t.rank !== 1 || t.shape[0] !== c) throw new Error(`batchNormEval: ${name} shape (got ${shapeOf(t)}, expected [${c}])`);
  }
  return tf.tidy(() => {
    const scale = tf.div(gamma, tf.sqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(tf.sub(x, mean), scale), beta) as tf.Tensor4D;
  });
}
