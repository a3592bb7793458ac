/**
 * Fused elementwise kernels for the sigmoid steps of the attacks' hand-derived double backprop
 * (src/sim/attacks/sequentialDoubleBackprop.ts), for the wasm and cpu backends. With s = σ(u):
 *
 *   sigmoidBackward(v, s, extra)  = v ⊙ s(1 − s) [+ extra]
 *   sigmoidAdjoint(ē, e, s)       = [ē ⊙ s(1 − s),  ē ⊙ s(1 − s) ⊙ e ⊙ (1 − 2s)]
 *
 * Each is ONE kernel (a JS loop over the backend's buffers) instead of 3–6 tfjs ops: at batch 1
 * these tensors have ~3,000 entries and the per-op engine cost dominates. Other backends, and
 * tensors that are not float32, and the patches-off state (the kernels are registered with the
 * kernel patch group, patches.ts), take the same formulas as tfjs ops. None of this is
 * differentiable (the double backprop is explicit; nothing tapes it).
 */
import { tf } from './tf.js';

type Info = { dataId: object; shape: number[]; dtype: string };
type Arrays = { read(t: Info): Float32Array; alloc(shape: number[]): { info: Info; view: () => Float32Array } };

const BACKWARD = 'SoteriaSigmoidBackward';
const ADJOINT = 'SoteriaSigmoidAdjoint';
const BACKENDS = ['wasm', 'cpu'] as const;

function arrays(backendName: string, backend: unknown): Arrays {
  if (backendName === 'wasm') {
    const b = backend as { typedArrayFromHeap(t: Info): Float32Array; makeOutput(shape: number[], dtype: string): Info };
    return { read: (t) => b.typedArrayFromHeap(t), alloc: (shape) => { const info = b.makeOutput(shape, 'float32'); return { info, view: () => b.typedArrayFromHeap(info) }; } };
  }
  const b = backend as { data: { get(id: object): { values: Float32Array } }; makeTensorInfo(shape: number[], dtype: string, values: Float32Array): Info };
  return { read: (t) => b.data.get(t.dataId).values, alloc: (shape) => { const values = new Float32Array(shape.reduce((a, c) => a * c, 1)); return { info: b.makeTensorInfo(shape, 'float32', values), view: () => values }; } };
}

function backwardKernel(backendName: string) {
  return ({ inputs, backend }: { inputs: Record<string, unknown>; backend: unknown }): Info => {
    const io = arrays(backendName, backend);
    const v = inputs.v as Info;
    const out = io.alloc(v.shape);
    const [o, vv, s] = [out.view(), io.read(v), io.read(inputs.s as Info)];
    const extra = inputs.extra === undefined ? undefined : io.read(inputs.extra as Info);
    for (let i = 0; i < o.length; i++) o[i] = vv[i] * (s[i] - s[i] * s[i]) + (extra === undefined ? 0 : extra[i]);
    return out.info;
  };
}

function adjointKernel(backendName: string) {
  return ({ inputs, backend }: { inputs: Record<string, unknown>; backend: unknown }): Info[] => {
    const io = arrays(backendName, backend);
    const eb = inputs.eb as Info;
    const out = [io.alloc(eb.shape), io.alloc(eb.shape)]; // allocate before taking views: wasm may grow its heap
    const [o1, o2, a, e, s] = [out[0].view(), out[1].view(), io.read(eb), io.read(inputs.e as Info), io.read(inputs.s as Info)];
    for (let i = 0; i < o1.length; i++) {
      const t = a[i] * (s[i] - s[i] * s[i]);
      o1[i] = t;
      o2[i] = t * e[i] * (1 - 2 * s[i]);
    }
    return out.map((x) => x.info);
  };
}

/** Register both kernels for wasm and cpu (idempotent; part of the kernel patch group). */
export function registerFusedSigmoid(): void {
  for (const backendName of BACKENDS) {
    if (tf.getKernel(BACKWARD, backendName) === undefined) tf.registerKernel({ kernelName: BACKWARD, backendName, kernelFunc: backwardKernel(backendName) as never });
    if (tf.getKernel(ADJOINT, backendName) === undefined) tf.registerKernel({ kernelName: ADJOINT, backendName, kernelFunc: adjointKernel(backendName) as never });
  }
}

/** Remove both kernels (patches off: the steps then run as plain tfjs ops). */
export function unregisterFusedSigmoid(): void {
  for (const backendName of BACKENDS) {
    for (const name of [BACKWARD, ADJOINT]) if (tf.getKernel(name, backendName) !== undefined) tf.unregisterKernel(name, backendName);
  }
}

function fusedAvailable(ts: tf.Tensor[]): boolean {
  return tf.getKernel(BACKWARD, tf.getBackend()) !== undefined && ts.every((t) => t.dtype === 'float32');
}

/** The fused loops index every input alike: refuse differing shapes (they would read past a buffer). */
function sameShapes(where: string, inputs: Record<string, tf.Tensor>): void {
  const shapes = Object.entries(inputs).map(([n, t]) => `${n} [${t.shape.join(', ')}]`);
  const first = Object.values(inputs)[0].shape.join(',');
  if (Object.values(inputs).some((t) => t.shape.join(',') !== first)) throw new Error(`${where}: inputs must have one shape (got ${shapes.join(', ')})`);
}

/**
 * v ⊙ s(1 − s) (+ extra): backprop of v through a sigmoid with output s. Same shapes throughout.
 * @returns Caller owns returned tensors.
 */
export function sigmoidBackward(v: tf.Tensor, s: tf.Tensor, extra?: tf.Tensor): tf.Tensor {
  const inputs: Record<string, tf.Tensor> = extra === undefined ? { v, s } : { v, s, extra };
  sameShapes('sigmoidBackward', inputs);
  if (fusedAvailable(Object.values(inputs))) return tf.engine().runKernel(BACKWARD, inputs) as tf.Tensor;
  return tf.tidy(() => {
    const d = tf.mul(v, tf.sub(s, tf.square(s)));
    return extra === undefined ? d : tf.add(d, extra);
  });
}

/**
 * The sigmoid step of the adjoint pass: [ē ⊙ s(1 − s), ē ⊙ s(1 − s) ⊙ e ⊙ (1 − 2s)] (the adjoint
 * pushed through, and the second-order term σ'' that lands on the sigmoid's input).
 * @returns Caller owns returned tensors.
 */
export function sigmoidAdjoint(eb: tf.Tensor, e: tf.Tensor, s: tf.Tensor): [tf.Tensor, tf.Tensor] {
  sameShapes('sigmoidAdjoint', { eb, e, s });
  if (fusedAvailable([eb, e, s])) return tf.engine().runKernel(ADJOINT, { eb, e, s }) as unknown as [tf.Tensor, tf.Tensor];
  return tf.tidy(() => {
    const t = tf.mul(eb, tf.sub(s, tf.square(s)));
    const te = tf.mul(t, e);
    return [t, tf.sub(te, tf.mul(tf.mul(te, s), 2))] as [tf.Tensor, tf.Tensor];
  });
}
