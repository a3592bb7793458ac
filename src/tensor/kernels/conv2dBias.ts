/**
 * `SoteriaConv2DBias`: conv2d + bias in one kernel (the backend's FusedConv2D, linear
 * activation; XNNPACK adds the bias inside the GEMM) with a registered gradient made of the
 * stock Conv2D gradient (Conv2DBackpropInput/Filter ops) and a Sum for the bias. Because the
 * gradient is thunks of differentiable ops (unlike `tf.fused.conv2d`'s customGrad), the tape
 * computes only the gradients it needs (a Jacobian in x runs no filter gradient) and a second
 * tape can differentiate it. Registered for cpu and wasm with the kernel patches.
 */
import { tf } from '../tf.js';

/** Kernel name of the fused conv2d + bias. */
export const CONV2D_BIAS = 'SoteriaConv2DBias';

const BACKENDS = ['wasm', 'cpu'] as const;

function delegate(backendName: string): (args: unknown) => unknown {
  return (args) => {
    const fused = tf.getKernel('FusedConv2D', backendName);
    if (fused === undefined) throw new Error(`${CONV2D_BIAS}: backend '${backendName}' has no FusedConv2D kernel`);
    return fused.kernelFunc(args as never);
  };
}

const gradient: Parameters<typeof tf.registerGradient>[0] = {
  kernelName: CONV2D_BIAS,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const conv = tf.getGradient('Conv2D');
    if (conv === undefined) throw new Error(`${CONV2D_BIAS}: no Conv2D gradient registered`);
    const g = conv.gradFunc(dy, saved, attrs);
    return { x: g.x, filter: g.filter, bias: () => tf.sum(dy as tf.Tensor, [0, 1, 2]) };
  },
};

/** Register the kernel (cpu, wasm) and its gradient (idempotent). */
export function registerConv2dBias(): void {
  for (const backendName of BACKENDS) {
    if (tf.getKernel(CONV2D_BIAS, backendName) === undefined) tf.registerKernel({ kernelName: CONV2D_BIAS, backendName, kernelFunc: delegate(backendName) as never });
  }
  tf.registerGradient(gradient);
}

/** Remove the kernel (conv2dPt then runs conv2d + add). */
export function unregisterConv2dBias(): void {
  for (const backendName of BACKENDS) if (tf.getKernel(CONV2D_BIAS, backendName) !== undefined) tf.unregisterKernel(CONV2D_BIAS, backendName);
}

/**
 * conv2d(x, w) + b with explicit padding through `SoteriaConv2DBias`.
 * @returns the output, or undefined when the active backend has no such kernel or an input is
 *   not float32 (the reference conv2d then rejects it with tfjs's own message). Caller owns returned tensors.
 */
export function conv2dBias(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, stride: number, padding: tf.backend_util.ExplicitPadding): tf.Tensor4D | undefined {
  if (tf.getKernel(CONV2D_BIAS, tf.getBackend()) === undefined) return undefined;
  if (x.dtype !== 'float32' || w.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const attrs = { strides: [stride, stride], pad: padding, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined, activation: 'linear' };
  return tf.engine().runKernel(CONV2D_BIAS, { x, filter: w, bias: b }, attrs as never) as tf.Tensor4D;
}
