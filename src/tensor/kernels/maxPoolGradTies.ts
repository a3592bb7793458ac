/**
 * `MaxPoolGradTies`, a typed-array kernel (cpu and wasm) for the first-order gradient of k × k,
 * stride-k max pooling with PyTorch-floor cropping: dx = dy · [x = max of its window], every
 * tied maximum getting the gradient (the gradient of reshape + `tf.max`), zero in the rows and
 * columns the pooling dropped. One pass over x instead of two upsamplings (four concats), an
 * `Equal`, a `Cast` and a `Mul` (about 10 ms of a FedAvg-CNN training step on wasm).
 * Never differentiated (it only runs inside `maxPool2d`'s first-order gradient).
 */
import { tf } from '../tf.js';

/** Kernel name of the typed-array first-order max-pool gradient (ties get the gradient). */
export const MAX_POOL_GRAD_TIES = 'SoteriaMaxPoolGradTies';

interface Info { dataId: object; shape: number[]; dtype: string }
interface WasmBackend { typedArrayFromHeap(i: Info): Float32Array; makeOutput(shape: number[], dtype: string): Info }
interface CpuBackend { data: { get(id: object): { values: Float32Array } }; makeTensorInfo(shape: number[], dtype: string, values: Float32Array): Info }

/** dx into `dx` (pre-zeroed) from x [N,H,W,C], y and dy [N,Ho,Wo,C]. */
function poolGrad(x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array, shape: number[], ho: number, wo: number, k: number): void {
  const [n, h, w, c] = shape;
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < ho; oh++) {
      for (let i = 0; i < k; i++) {
        const xRow = ((b * h + oh * k + i) * w) * c;
        const yRow = ((b * ho + oh) * wo) * c;
        for (let ow = 0; ow < wo; ow++) {
          for (let j = 0; j < k; j++) {
            const xo = xRow + (ow * k + j) * c;
            const yo = yRow + ow * c;
            for (let ch = 0; ch < c; ch++) dx[xo + ch] = (x[xo + ch] === y[yo + ch] ? 1 : 0) * dy[yo + ch];
          }
        }
      }
    }
  }
}

function attrsK(attrs: unknown): number {
  return (attrs as { k: number }).k;
}

function wasmKernel({ inputs, attrs, backend }: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): Info {
  const bk = backend as WasmBackend;
  const [x, y, dy] = [inputs.x, inputs.y, inputs.dy] as Info[];
  const out = bk.makeOutput(x.shape, 'float32');
  const dx = bk.typedArrayFromHeap(out);
  dx.fill(0);
  // Views are taken after makeOutput: allocation may grow (and detach) the wasm heap.
  poolGrad(bk.typedArrayFromHeap(x), bk.typedArrayFromHeap(y), bk.typedArrayFromHeap(dy), dx, x.shape, y.shape[1], y.shape[2], attrsK(attrs));
  return out;
}

function cpuKernel({ inputs, attrs, backend }: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): Info {
  const bk = backend as CpuBackend;
  const [x, y, dy] = [inputs.x, inputs.y, inputs.dy] as Info[];
  const dx = new Float32Array(x.shape.reduce((p, d) => p * d, 1));
  const v = (i: Info): Float32Array => bk.data.get(i.dataId).values;
  poolGrad(v(x), v(y), v(dy), dx, x.shape, y.shape[1], y.shape[2], attrsK(attrs));
  return bk.makeTensorInfo(x.shape, 'float32', dx);
}

/** Register the kernel for cpu and wasm (idempotent). */
export function registerMaxPoolGradTies(): void {
  for (const [backendName, kernelFunc] of [['wasm', wasmKernel], ['cpu', cpuKernel]] as const) {
    if (tf.getKernel(MAX_POOL_GRAD_TIES, backendName) === undefined) tf.registerKernel({ kernelName: MAX_POOL_GRAD_TIES, backendName, kernelFunc: kernelFunc as never });
  }
}

/** Remove the kernel (patches off: `maxPool2d` then uses its op-built gradient). */
export function unregisterMaxPoolGradTies(): void {
  for (const backendName of ['wasm', 'cpu']) if (tf.getKernel(MAX_POOL_GRAD_TIES, backendName) !== undefined) tf.unregisterKernel(MAX_POOL_GRAD_TIES, backendName);
}

/**
 * dx of k × k stride-k max pooling with all ties, on the active backend's kernel.
 * @returns [N, H, W, C], or undefined when the active backend has no such kernel. Caller owns returned tensors.
 */
export function maxPoolGradTies(x: tf.Tensor4D, y: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D | undefined {
  if (tf.getKernel(MAX_POOL_GRAD_TIES, tf.getBackend()) === undefined) return undefined;
  if (x.dtype !== 'float32' || y.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  return tf.engine().runKernel(MAX_POOL_GRAD_TIES, { x, y, dy }, { k } as never) as tf.Tensor4D;
}
