/**
 * Conv2D gradient kernels for wasm as stride-1 convolutions on polyphase components (no zero
 * insertion, no dilation): with kh = s·a + p, a stride-s convolution splits into s² stride-1
 * convolutions with ⌈k/s⌉-tap sub-filters, which XNNPACK runs as ONE conv with s² times the
 * channels. Stride 1 is the special case s = 1 (one phase).
 *  - dx: dy ⋆ (flipped sub-filters) → [N, U, V, s_h·s_w·Ci], then phases interleaved by one
 *    rank-4 transpose (wasm's DepthToSpace is a slow per-element loop).
 *  - dW stays one dilated conv (`dilatedBackpropFilter`), without the PadV2.
 * Filter rearrangements (flip, sub-filter selection) are one matMul with a 0/1 selection matrix:
 * wasm's Reverse and Gather are per-element loops (2 ms for a 5×5×32×64 filter against 0.2 ms).
 */
import { tf } from '../tf.js';
import { asTensor } from './kernelUtil.js';
import { cachedDerived } from './filterCache.js';

/** Attributes of the Conv2DBackprop* kernels. */
export type ConvAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: [number, number, number, number];
  inputShape?: [number, number, number, number];
};

type KernelArgs = { inputs: Record<string, unknown>; attrs?: unknown };

/** Strides as a pair. */
export function pair(v: [number, number] | number): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

/**
 * [A·B·sh·sw, kh·kw] 0/1 matrix: row (a', b', p, q) selects tap (sh·(A−1−a') + p, sw·(B−1−b') + q)
 * of a kh × kw filter (flipped sub-filters; all-zero rows for taps beyond the filter).
 */
function flipSelection(kh: number, kw: number, sh: number, sw: number): tf.Tensor2D {
  const A = Math.ceil(kh / sh);
  const B = Math.ceil(kw / sw);
  const rows = A * B * sh * sw;
  const s = new Float32Array(rows * kh * kw);
  for (let a = 0; a < A; a++) for (let b = 0; b < B; b++) for (let p = 0; p < sh; p++) for (let q = 0; q < sw; q++) {
    const i = sh * (A - 1 - a) + p;
    const j = sw * (B - 1 - b) + q;
    if (i < kh && j < kw) s[(((a * B + b) * sh + p) * sw + q) * kh * kw + i * kw + j] = 1;
  }
  return tf.tensor2d(s, [rows, kh * kw]);
}

/** [A, B, Co, sh·sw·Ci] filter of the polyphase dx correlation. */
function polyphaseFilter(w: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  const [kh, kw, ci, co] = w.shape;
  const A = Math.ceil(kh / sh);
  const B = Math.ceil(kw / sw);
  const sel = tf.matMul(flipSelection(kh, kw, sh, sw), tf.reshape(w, [kh * kw, ci * co]));
  const t = tf.transpose(tf.reshape(sel, [A * B, sh * sw, ci, co]), [0, 3, 1, 2]);
  return tf.reshape(t, [A, B, co, sh * sw * ci]);
}

/** Rows [u0, u1] of phase coordinates that cover input rows [top, top + h) at stride s. */
function phaseRange(top: number, h: number, s: number): [number, number] {
  return [Math.floor(top / s), Math.floor((top + h - 1) / s)];
}

/** Slice `t` along `axis` to [start, end) unless that is the whole axis. */
function sliceAxis<T extends tf.Tensor>(t: T, axis: number, start: number, end: number): T {
  if (start === 0 && end === t.shape[axis]) return t;
  const begin = t.shape.map((_, i) => (i === axis ? start : 0));
  const size = t.shape.map((d, i) => (i === axis ? end - start : d));
  return tf.slice(t, begin, size) as T;
}

/**
 * The polyphase filter's values built in JS from w's values (for fixed weights that callers keep
 * across evaluations; `polyphaseFilter` builds the same tensor on the backend): entry
 * (m, n, o, (ρ·s + σ)·Ci + i) = W[ρ + s(A−1−m), σ + s(B−1−n), i, o], zero past the kernel.
 * @param shape - w's shape [kh, kw, Ci, Co]. @param s - the stride (both axes).
 * @returns [A, B, Co, s·s·Ci] values, A = ⌈kh/s⌉, B = ⌈kw/s⌉.
 */
export function polyphaseFilterValues(src: Float32Array, shape: readonly number[], s: number): Float32Array {
  const [kh, kw, ci, co] = shape;
  const A = Math.ceil(kh / s);
  const B = Math.ceil(kw / s);
  const oc = s * s * ci;
  const out = new Float32Array(A * B * co * oc);
  for (let m = 0; m < A; m++) for (let n = 0; n < B; n++) for (let rho = 0; rho < s; rho++) for (let sig = 0; sig < s; sig++) {
    const a = rho + s * (A - 1 - m);
    const b = sig + s * (B - 1 - n);
    if (a >= kh || b >= kw) continue;
    const from = (a * kw + b) * ci * co;
    const to = (m * B + n) * co * oc + (rho * s + sig) * ci;
    for (let o = 0; o < co; o++) for (let i = 0; i < ci; i++) out[to + o * oc + i] = src[from + i * co + o];
  }
  return out;
}

/**
 * dx of a conv2d from dy and its polyphase filter [A, B, Co, sh·sw·Ci]: one stride-1 correlation
 * (dy cropped or zero-padded so that the phase rows cover the input rows), the phases interleaved
 * by one rank-4 transpose, then cropped to the input.
 * @param xShape - [N, H, W, Ci] of the conv's input. @param top, left - the conv's padding before
 *   the first row and column. Caller owns returned tensors.
 */
export function polyphaseInputGrad(dy: tf.Tensor4D, wPoly: tf.Tensor4D, xShape: readonly number[], strides: [number, number], top: number, left: number): tf.Tensor4D {
  const [sh, sw] = strides;
  const [A, B, , phases] = wPoly.shape;
  const ci = phases / (sh * sw);
  return tf.tidy(() => {
    const [u0, u1] = phaseRange(top, xShape[1], sh);
    const [v0, v1] = phaseRange(left, xShape[2], sw);
    let [pt, pb, pl, pr] = [A - 1 - u0, u1 + 1 - dy.shape[1], B - 1 - v0, v1 + 1 - dy.shape[2]];
    const cropped = sliceAxis(sliceAxis(dy, 1, Math.max(0, -pt), dy.shape[1] - Math.max(0, -pb)), 2, Math.max(0, -pl), dy.shape[2] - Math.max(0, -pr));
    [pt, pb, pl, pr] = [pt, pb, pl, pr].map((v) => Math.max(0, v));
    const out = tf.conv2d(cropped, wPoly, 1, [[0, 0], [pt, pb], [pl, pr], [0, 0]]); // [N, U, V, sh·sw·Ci]
    const [n, U, V] = out.shape;
    const dxp = sh * sw === 1 ? out : tf.reshape(tf.transpose(tf.reshape(out, [n * U, V, sh, sw * ci]), [0, 2, 1, 3]), [n, U * sh, V * sw, ci]);
    const r0 = top - sh * u0;
    const c0 = left - sw * v0;
    return sliceAxis(sliceAxis(dxp as tf.Tensor4D, 1, r0, r0 + xShape[1]), 2, c0, c0 + xShape[2]);
  });
}

/** The Conv2DBackpropInput kernel: `polyphaseInputGrad` with the filter rearranged on the backend (cached in retained passes). */
export function polyphaseBackpropInput({ inputs, attrs }: KernelArgs): tf.Tensor {
  const a = attrs as ConvAttrs;
  const [sh, sw] = pair(a.strides);
  const xs = a.inputShape as [number, number, number, number];
  return tf.tidy(() => {
    const w = asTensor<tf.Tensor4D>(inputs.filter);
    const dy = asTensor<tf.Tensor4D>(inputs.dy);
    const { top, left } = tf.backend_util.computeConv2DInfo(xs, w.shape, [sh, sw], 1, a.pad as never, a.dimRoundingMode).padInfo;
    const wc = cachedDerived(inputs.filter as { dataId: object }, `polyphase ${sh} ${sw} ${w.shape.join(',')} ${w.dtype}`, () => polyphaseFilter(w, sh, sw));
    return polyphaseInputGrad(dy, wc, xs, [sh, sw], top, left);
  });
}

/**
 * dW of a conv2d as ONE dilated correlation: the input transposed to [Ci, H, W, N] (zero padding
 * done by the conv itself, not a PadV2) with dy transposed to [Ho, Wo, N, Co] as the filter,
 * dilated by the stride. (A polyphase form was slower: XNNPACK's dilated conv is fine here, and
 * wasm's rank-6 Transpose is a per-element loop, 36 ms for LeNet's conv2 at batch 32.)
 */
export function dilatedBackpropFilter({ inputs, attrs }: KernelArgs): tf.Tensor {
  const a = attrs as ConvAttrs;
  const [sh, sw] = pair(a.strides);
  const fs = a.filterShape as [number, number, number, number];
  return tf.tidy(() => {
    const x = asTensor<tf.Tensor4D>(inputs.x);
    const dy = asTensor<tf.Tensor4D>(inputs.dy);
    const [, h, w] = x.shape;
    const [, ho, wo] = dy.shape;
    const { top, left } = tf.backend_util.computeConv2DInfo(x.shape, fs, [sh, sw], 1, a.pad as never, a.dimRoundingMode).padInfo;
    const bottom = Math.max(0, fs[0] + (ho - 1) * sh - h - top);
    const right = Math.max(0, fs[1] + (wo - 1) * sw - w - left);
    const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [Ci, H, W, N]
    const ft = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, Co]
    const r = tf.conv2d(xt, ft, 1, [[0, 0], [top, bottom], [left, right], [0, 0]], 'NHWC', [sh, sw]); // [Ci, kh', kw', Co], kh' >= kh
    return tf.transpose(sliceAxis(sliceAxis(r, 1, 0, fs[0]), 2, 0, fs[1]), [1, 2, 0, 3]);
  });
}
