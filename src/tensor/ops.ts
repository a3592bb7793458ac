/**
 * Layer ops with PyTorch semantics, written so that they can be differentiated twice (the DLG/GS
 * attacks differentiate ∇θ loss w.r.t. the input). Layouts are tfjs's: NHWC activations, conv
 * weights [kh, kw, in, out], dense weights [in, out].
 */
import { tf } from './tf.js';
import { maxPoolGradTies } from './kernels/maxPoolGradTies.js';
import { conv2dBias } from './kernels/conv2dBias.js';

const shapeOf = (t: tf.Tensor): string => `[${t.shape.join(', ')}]`;

/** How `maxPool2d` treats a size that `k` does not divide. */
export type PoolMode = 'exact' | 'floor';

let poolFastPath = true;
let convBiasFastPath = true;

/**
 * Switch `conv2dPt`'s fused conv + bias kernel on or off (on by default; it also needs the
 * kernel patches). Off forces conv2d + add; tests and benchmarks use it to compare the two.
 * @returns the previous setting.
 */
export function setConvBiasFastPath(enabled: boolean): boolean {
  const previous = convBiasFastPath;
  convBiasFastPath = enabled;
  return previous;
}

/**
 * Switch `maxPool2d`'s first-order fast path on or off (on by default). Off forces the reference
 * reshape + max path everywhere; tests and benchmarks use it to compare the two.
 * @returns the previous setting.
 */
export function setMaxPoolFastPath(enabled: boolean): boolean {
  const previous = poolFastPath;
  poolFastPath = enabled;
  return previous;
}

/**
 * True when an enclosing gradient tape could differentiate this op's gradient: tfjs records the
 * backward pass of a tape on the tapes that enclose it, so an op whose forward runs under at
 * most one tape (depth ≤ 1) never has its gradient kernel differentiated.
 */
function secondOrderPossible(): boolean {
  return tf.engine().state.gradientDepth >= 2;
}

/**
 * Max pooling, kernel k × k, stride k, no padding.
 *
 * Reference path: reshape + `tf.max`. `tf.maxPool` cannot be used under double backprop because
 * its gradient kernel `MaxPoolGrad` has no gradient; reshape + max matches PyTorch
 * `F.max_pool2d` and double-differentiates (with the comparison-gradient patch, as `Max`'s
 * gradient uses `Equal`). Ties within a window pass the gradient to every maximal entry (PyTorch
 * picks one); after ReLU tied zeros get zero gradient either way.
 *
 * Fast path (first order, k ≥ 2), taken whenever the op runs under at most one gradient tape
 * (training steps, Jacobians, plain forward passes), where its gradient is never differentiated:
 * the forward is `tf.maxPool` and the gradient `firstOrderPoolGrad` — the reference path's
 * gradient without broadcasting (the broadcast `Equal` of `Max`'s gradient dominated training
 * steps on wasm). Same values, same gradient, ties included. Under nested tapes (DLG/GS
 * closures) the reference path is used. `setMaxPoolFastPath(false)` disables it.
 * (tfjs-backend-wasm 4.22's own `MaxPoolGrad` is wrong for windows whose entries are all
 * negative, so `tf.maxPool`'s stock gradient is not used.)
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
  if (poolFastPath && k >= 2 && !secondOrderPossible()) return maxPoolFirstOrder(x, k);
  return tf.tidy(() => {
    const cropped = ho * k === h && wo * k === w ? x : tf.slice(x, [0, 0, 0, 0], [n, ho * k, wo * k, c]);
    const windows = tf.reshape(cropped, [n * ho, k, wo, k, c]);
    return tf.reshape(tf.max(windows, [1, 3]), [n, ho, wo, c]) as tf.Tensor4D;
  });
}

/** `tf.maxPool` forward with `firstOrderPoolGrad` as its (not twice differentiable) gradient. */
function maxPoolFirstOrder(x: tf.Tensor4D, k: number): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xx, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const y = tf.maxPool(xx, k, k, 'valid');
    save([xx, y]);
    return { value: y, gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => firstOrderPoolGrad(saved[0] as tf.Tensor4D, saved[1] as tf.Tensor4D, dy, k) };
  });
  return op(x);
}

/**
 * Nearest-neighbour upsampling by k (each entry repeated over a k × k block) with concatenations:
 * wasm's broadcasting binary ops run a per-element index loop, `Concat` copies rows.
 */
function upsample(t: tf.Tensor4D, k: number): tf.Tensor4D {
  const [n, ho, wo, c] = t.shape;
  const cols = tf.reshape(tf.concat(Array.from({ length: k }, () => tf.reshape(t, [n * ho, wo, 1, c])), 2), [n * ho, 1, wo * k * c]);
  return tf.reshape(tf.concat(Array.from({ length: k }, () => cols), 1), [n, ho * k, wo * k, c]) as tf.Tensor4D;
}

/**
 * dx of max pooling (k × k, stride k, 'valid'): dy goes to every entry equal to its window's
 * maximum, exactly as the gradient of reshape + `tf.max` (dy · [x = max]), with y and dy
 * upsampled first so that `Equal` and `Mul` run on equal shapes. Rows and columns the pooling
 * dropped get zero. On cpu and wasm (kernel patches on) the same is one typed-array kernel,
 * `SoteriaMaxPoolGradTies`.
 */
function firstOrderPoolGrad(x: tf.Tensor4D, y: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D {
  const fast = maxPoolGradTies(x, y, dy, k);
  if (fast !== undefined) return fast;
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const [, ho, wo] = y.shape;
    const exact = ho * k === h && wo * k === w;
    const cropped = exact ? x : tf.slice(x, [0, 0, 0, 0], [n, ho * k, wo * k, c]);
    const dx = tf.mul(tf.cast(tf.equal(cropped, upsample(y, k)), 'float32'), upsample(dy, k));
    return (exact ? dx : tf.pad(dx, [[0, 0], [0, h - ho * k], [0, w - wo * k], [0, 0]])) as tf.Tensor4D;
  });
}

/**
 * 2-D convolution plus bias with PyTorch padding semantics: `pad` zeros on every side
 * (`nn.Conv2d(padding=pad)`), not tfjs 'same' (which pads asymmetrically for stride 2).
 * On cpu and wasm (kernel patches on) one fused kernel, `SoteriaConv2DBias`, whose gradient is
 * the conv2d + add gradient (twice differentiable); `setConvBiasFastPath(false)` disables it.
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
  const padding: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [pad, pad], [pad, pad], [0, 0]];
  const fused = convBiasFastPath ? conv2dBias(x, w, b, stride, padding) : undefined;
  if (fused !== undefined) return fused;
  return tf.tidy(() => tf.add(tf.conv2d(x, w, stride, padding), b) as tf.Tensor4D);
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
