/**
 * Convolution gradients with PyTorch padding (`pad` zeros on every side, square stride) as plain
 * functions, for code that backpropagates by hand without a gradient tape (the attacks'
 * hand-derived double backprop): the filter gradient through the backend's
 * `Conv2DBackpropFilter` kernel (patched on wasm and cpu), the input gradient through the
 * polyphase correlation the wasm `Conv2DBackpropInput` patch also uses.
 */
import { tf } from './tf.js';
import { polyphaseFilterValues, polyphaseInputGrad } from './kernels/polyphaseConv.js';

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

const symmetric = (pad: number): Pad4 => [[0, 0], [pad, pad], [pad, pad], [0, 0]];

/** ∂L/∂W [k, k, in, out] of y = conv(x, W) given dy = ∂L/∂y. Caller owns returned tensors. */
export function conv2dFilterGradPt(x: tf.Tensor4D, dy: tf.Tensor4D, k: number, stride: number, pad: number): tf.Tensor4D {
  const attrs = { strides: [stride, stride], pad: symmetric(pad), dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: [k, k, x.shape[3], dy.shape[3]] };
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor4D;
}

/**
 * The polyphase filter of W for `conv2dInputGradPt`, from W's values (read once: pass the
 * values of a fixed parameter to reuse them). [⌈k/s⌉, ⌈k/s⌉, out, s·s·in]. Caller owns returned tensors.
 */
export function polyphaseFilterPt(values: Float32Array, shape: readonly number[], stride: number): tf.Tensor4D {
  const [kh, kw, ci, co] = shape;
  return tf.tensor4d(polyphaseFilterValues(values, shape, stride), [Math.ceil(kh / stride), Math.ceil(kw / stride), co, stride * stride * ci]);
}

/**
 * ∂L/∂x of y = conv(x, W) given dy: one stride-1 correlation with W's polyphase filter
 * (`polyphaseFilterPt`), phases interleaved. @param xShape - [N, H, W, in]. Caller owns returned tensors.
 */
export function conv2dInputGradPt(dy: tf.Tensor4D, wPoly: tf.Tensor4D, xShape: readonly number[], stride: number, pad: number): tf.Tensor4D {
  return polyphaseInputGrad(dy, wPoly, xShape, [stride, stride], pad, pad);
}
