/**
 * wasm kernel patches (tfjs-backend-wasm 4.22): the missing Conv2DBackpropFilter, and faster
 * forms of Conv2DBackpropInput (any stride), transposed BatchMatMul and Tile. All are
 * compositions of kernels wasm already has (XNNPACK conv2d, plain matmul, concat), checked
 * against the cpu backend's stock kernels by tests.
 */
import { tf } from '../tf.js';
import { asTensor, KernelSwap, transposeLast2 } from './kernelUtil.js';

type ConvAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: [number, number, number, number];
  inputShape?: [number, number, number, number];
};

const swap = new KernelSwap();

function pair(v: [number, number] | number): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

/** dW = dilated conv2d of the transposed padded input with the transposed dy. */
function conv2dBackpropFilter({ inputs, attrs }: { inputs: Record<string, unknown>; attrs?: unknown }): tf.Tensor {
  const a = attrs as ConvAttrs;
  const fs = a.filterShape as [number, number, number, number];
  return tf.tidy(() => {
    const x = asTensor<tf.Tensor4D>(inputs.x);
    const dy = asTensor<tf.Tensor4D>(inputs.dy);
    const info = tf.backend_util.computeConv2DInfo(x.shape, fs, a.strides, 1, a.pad, a.dimRoundingMode);
    const { top, bottom, left, right } = info.padInfo;
    const xp = tf.pad(x, [[0, 0], [top, Math.max(bottom, 0)], [left, Math.max(right, 0)], [0, 0]]);
    const xt = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D; // [Ci, Hp, Wp, N]
    const ft = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, Co]
    const r = tf.conv2d(xt, ft, 1, 'valid', 'NHWC', pair(a.strides)); // [Ci, kh', kw', Co], kh' >= kh
    const rs = tf.slice(r, [0, 0, 0, 0], [fs[2], fs[0], fs[1], fs[3]]);
    return tf.transpose(rs, [1, 2, 0, 3]);
  });
}

/**
 * dy with (sh − 1) zero rows after every row and (sw − 1) zero columns after every column,
 * [n, ho·sh, wo·sw, c] (built by concatenation: wasm's Tile and broadcasting ops are slow).
 */
function zeroInsert(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, ho, wo, c] = dy.shape;
  const cols = sw === 1 ? dy : tf.concat([tf.reshape(dy, [n * ho, wo, 1, c]), tf.zeros([n * ho, wo, sw - 1, c])], 2);
  const rows = sh === 1 ? cols : tf.concat([tf.reshape(cols, [n * ho, 1, wo * sw * c]), tf.zeros([n * ho, sh - 1, wo * sw * c])], 1);
  return tf.reshape(rows, [n, ho * sh, wo * sw, c]);
}

/**
 * Below this many dy values a strided dx stays on the stock kernel: zero insertion adds a few
 * kernels, which cost more than they save on batch-1 attack closures (measured).
 */
const MIN_STRIDED_DY = 8192;

/**
 * dx as a stride-1 correlation of the zero-inserted dy with the flipped, transposed filter
 * (the stock wasm kernel is a plain loop: 8× slower at stride 1; at stride 2 the kernel is 2–3×
 * faster, a LeNet batch-32 training step about 1.2× faster).
 */
function conv2dBackpropInput(args: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): unknown {
  const a = args.attrs as ConvAttrs;
  const [sh, sw] = pair(a.strides);
  const xs = a.inputShape as [number, number, number, number];
  const filterShape = (args.inputs.filter as { shape: number[] }).shape as [number, number, number, number];
  const dyShape = (args.inputs.dy as { shape: number[] }).shape;
  const info = tf.backend_util.computeConv2DInfo(xs, filterShape, [sh, sw], 1, a.pad, a.dimRoundingMode);
  const [kh, kw] = filterShape;
  const pt = kh - 1 - info.padInfo.top;
  const pl = kw - 1 - info.padInfo.left;
  const pb = xs[1] - dyShape[1] * sh + info.padInfo.top;
  const pr = xs[2] - dyShape[2] * sw + info.padInfo.left;
  const small = (sh > 1 || sw > 1) && dyShape.reduce((p, d) => p * d, 1) < MIN_STRIDED_DY;
  if (small || Math.min(pt, pl, pb, pr) < 0) {
    const stock = swap.original('Conv2DBackpropInput', 'wasm');
    if (stock === undefined) throw new Error('wasm Conv2DBackpropInput: no stock kernel to fall back to');
    return stock.kernelFunc(args as never);
  }
  return tf.tidy(() => {
    const dy = zeroInsert(asTensor<tf.Tensor4D>(args.inputs.dy), sh, sw);
    const w = asTensor<tf.Tensor4D>(args.inputs.filter);
    const wf = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(dy, wf, 1, [[0, 0], [pt, pb], [pl, pr], [0, 0]], 'NHWC');
  });
}

/** BatchMatMul with explicit transposes (the wasm kernel's transposed paths are slow). */
function batchMatMul(args: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): unknown {
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  const stock = swap.original('BatchMatMul', 'wasm');
  if (stock === undefined) throw new Error('wasm BatchMatMul: no stock kernel');
  if (!transposeA && !transposeB) return stock.kernelFunc(args as never);
  const temps: tf.Tensor[] = [];
  const a = transposeA ? transposeLast2(asTensor(args.inputs.a)) : args.inputs.a;
  const b = transposeB ? transposeLast2(asTensor(args.inputs.b)) : args.inputs.b;
  if (transposeA) temps.push(a as tf.Tensor);
  if (transposeB) temps.push(b as tf.Tensor);
  try {
    return stock.kernelFunc({ ...args, inputs: { a, b }, attrs: { ...(args.attrs as object), transposeA: false, transposeB: false } } as never);
  } finally {
    for (const t of temps) t.dispose();
  }
}

/**
 * Tile as one concatenation per repeated axis: the stock wasm kernel computes every output
 * index separately and was 30–70× slower (e.g. 95 ms against 1.4 ms to replicate a
 * [1, 32, 32, 3] image 128 times for the batched Soteria Jacobian).
 */
function tile(args: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): unknown {
  const { reps } = args.attrs as { reps: number[] };
  const x = args.inputs.x as { dtype: string };
  if (x.dtype === 'string' || reps.every((r) => r === 1)) {
    const stock = swap.original('Tile', 'wasm');
    if (stock === undefined) throw new Error('wasm Tile: no stock kernel');
    return stock.kernelFunc(args as never);
  }
  return tf.tidy(() => {
    let t = asTensor<tf.Tensor>(args.inputs.x);
    reps.forEach((r, axis) => {
      if (r > 1) {
        const piece = t;
        t = tf.concat(Array.from({ length: r }, () => piece), axis);
      }
    });
    return t;
  });
}

/** Install the wasm kernel patches (no-op for kernels already patched). */
export function registerWasmKernels(): void {
  swap.install({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as never });
  swap.install({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInput as never });
  swap.install({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMul as never });
  swap.install({ kernelName: 'Tile', backendName: 'wasm', kernelFunc: tile as never });
}

/** Restore the stock wasm kernels. */
export function unregisterWasmKernels(): void {
  swap.restore();
}
