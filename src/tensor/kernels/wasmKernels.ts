/**
 * wasm kernel patches (tfjs-backend-wasm 4.22): the missing Conv2DBackpropFilter, and faster
 * forms of Conv2DBackpropInput (any stride, polyphase), transposed BatchMatMul, Tile, Sum over
 * leading axes and Identity (shared data instead of a copy; no kernel writes into its inputs).
 * The others are compositions of kernels wasm already has (XNNPACK conv2d, plain matmul, concat;
 * Conv2DBackpropFilter as a dilated conv or patches + matMul), checked against the cpu backend's
 * stock kernels by tests (kernels.test.ts, wasmFastPaths.test.ts, wasmKernels.prop.test.ts).
 */
import { tf } from '../tf.js';
import { asTensor, KernelSwap, transposeLast2 } from './kernelUtil.js';
import { polyphaseBackpropInput } from './polyphaseConv.js';
import { conv2dBackpropFilter } from './patchesBackpropFilter.js';

const swap = new KernelSwap();

interface TensorInfo { dataId: object; shape: number[]; dtype: string }

/**
 * BatchMatMul without the wasm kernel's transposed paths (a plain loop, 10–20× slower than its
 * XNNPACK path). XNNPACK packs the right operand for every new tensor id, so a transposed
 * operand is materialised on whichever side costs less: A·Bᵀ is computed as (B·Aᵀ)ᵀ when B is
 * the larger matrix (FedAvg fc1's dx: 14 ms → 5 ms), and Aᵀ·Bᵀ always as (B·A)ᵀ.
 */
function batchMatMul(args: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): unknown {
  const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
  const stock = swap.original('BatchMatMul', 'wasm');
  if (stock === undefined) throw new Error('wasm BatchMatMul: no stock kernel');
  if (!transposeA && !transposeB) return stock.kernelFunc(args as never);
  // The stock kernel is called directly (no second engine dispatch: batch-1 attack closures
  // run many small products); only the transposes go through the engine.
  const plain = (a: unknown, b: unknown): TensorInfo => stock.kernelFunc({ ...args, inputs: { a, b }, attrs: { ...(args.attrs as object), transposeA: false, transposeB: false } } as never) as TensorInfo;
  const engine = tf.engine();
  const transposedInfo = (info: TensorInfo): tf.Tensor => {
    const t = engine.makeTensorFromTensorInfo(info as never); // owns info's data
    try { return transposeLast2(t); } finally { t.dispose(); }
  };
  return tf.tidy(() => {
    const a = asTensor<tf.Tensor>(args.inputs.a);
    const b = asTensor<tf.Tensor>(args.inputs.b);
    if (transposeA && transposeB) return transposedInfo(plain(b, a));
    const [m, k] = transposeA ? [a.shape[a.rank - 1], a.shape[a.rank - 2]] : a.shape.slice(-2);
    const n = transposeB ? b.shape[b.rank - 2] : b.shape[b.rank - 1];
    const single = a.shape.slice(0, -2).every((d) => d === 1) && b.shape.slice(0, -2).every((d) => d === 1);
    if (transposeB && single && 2 * k * n > 2 * m * k + m * n) return transposedInfo(plain(b, transposeLast2(a)));
    return engine.makeTensorFromTensorInfo(plain(transposeA ? transposeLast2(a) : a, transposeB ? transposeLast2(b) : b) as never) as tf.Tensor;
  });
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

/** Below this many summed rows the stock Sum wins (the matMul costs a few kernel calls). */
const MIN_SUM_ROWS = 1024;

/**
 * Sum over leading axes (bias gradients: [N, H, W, C] → [C]) as ones[1, R] · x[R, C]: the stock
 * kernel first transposes the reduced axes innermost (2.4 ms against 0.24 ms for
 * [32, 28, 28, 32]). Any other reduction runs the stock kernel. Caution: x's buffer becomes a
 * matMul right operand as [R, C]; XNNPACK caches packed right operands by buffer id, and reusing
 * one buffer as a right operand under another shape aborted wasm (see linearLayerOps.ts). Every
 * use traced so far has the same [R, C] view.
 */
function sum(args: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): unknown {
  const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
  const x = args.inputs.x as { dtype: string; shape: number[] };
  const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
  const leading = axes.length < x.shape.length && axes.every((v, i) => v === i);
  const rows = axes.reduce((p, i) => p * x.shape[i], 1);
  if (x.dtype !== 'float32' || !leading || rows < MIN_SUM_ROWS) {
    const stock = swap.original('Sum', 'wasm');
    if (stock === undefined) throw new Error('wasm Sum: no stock kernel');
    return stock.kernelFunc(args as never);
  }
  return tf.tidy(() => {
    const kept = x.shape.slice(axes.length);
    const t = tf.matMul(tf.ones([1, rows]), tf.reshape(asTensor(args.inputs.x), [rows, kept.reduce((p, d) => p * d, 1)]));
    return tf.reshape(t, keepDims ? [...axes.map(() => 1), ...kept] : kept);
  });
}

/**
 * Identity sharing the input's data (reference count + 1), as the cpu backend's does. The stock
 * wasm kernel copies, and the engine clones every tensor it saves for a backward pass: 27
 * copies per Soteria loop feature, 0.7 ms for the FedAvg CNN's fc1 weight. tfjs tensors are
 * immutable (Reshape shares data the same way), so sharing is safe.
 */
function identity(args: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): unknown {
  const x = args.inputs.x as { dataId: object; shape: number[]; dtype: string };
  if (x.dtype === 'string') {
    const stock = swap.original('Identity', 'wasm');
    if (stock === undefined) throw new Error('wasm Identity: no stock kernel');
    return stock.kernelFunc(args as never);
  }
  (args.backend as { incRef(id: object): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Install the wasm kernel patches (no-op for kernels already patched). */
export function registerWasmKernels(): void {
  swap.install({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as never });
  swap.install({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: polyphaseBackpropInput as never });
  swap.install({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMul as never });
  swap.install({ kernelName: 'Tile', backendName: 'wasm', kernelFunc: tile as never });
  swap.install({ kernelName: 'Sum', backendName: 'wasm', kernelFunc: sum as never });
  swap.install({ kernelName: 'Identity', backendName: 'wasm', kernelFunc: identity as never });
}

/** Restore the stock wasm kernels. */
export function unregisterWasmKernels(): void {
  swap.restore();
}
