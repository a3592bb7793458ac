/**
 * wasm kernel patches (tfjs-backend-wasm 4.22): the missing Conv2DBackpropFilter, and faster
 * forms of stride-1 Conv2DBackpropInput and transposed BatchMatMul. All are compositions of
 * kernels wasm already has (XNNPACK conv2d, plain matmul), checked against the cpu backend's
 * stock kernels by tests.
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

/** Stride-1 dx as a correlation of dy with the flipped, transposed filter. */
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
  const pb = xs[1] - dyShape[1] + info.padInfo.top;
  const pr = xs[2] - dyShape[2] + info.padInfo.left;
  if (sh !== 1 || sw !== 1 || Math.min(pt, pl, pb, pr) < 0) {
    const stock = swap.original('Conv2DBackpropInput', 'wasm');
    if (stock === undefined) throw new Error('wasm Conv2DBackpropInput: no stock kernel to fall back to');
    return stock.kernelFunc(args as never);
  }
  return tf.tidy(() => {
    const dy = asTensor<tf.Tensor4D>(args.inputs.dy);
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

/** Install the wasm kernel patches (no-op for kernels already patched). */
export function registerWasmKernels(): void {
  swap.install({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as never });
  swap.install({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInput as never });
  swap.install({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMul as never });
}

/** Restore the stock wasm kernels. */
export function unregisterWasmKernels(): void {
  swap.restore();
}
