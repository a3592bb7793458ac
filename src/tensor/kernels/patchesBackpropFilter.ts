/**
 * wasm Conv2DBackpropFilter for layers with few input taps K = kh·kw·Ci (first layers of CNNs on
 * grey images): the patches [N, Ho, Wo, K] are one conv2d of x with a 0/1 identity filter (an
 * exact copy), and dW = patchesᵀ · dy is one matMul. The general dilated form
 * (`dilatedBackpropFilter`) gives XNNPACK a K-pixel output and a 784-tap kernel there, which
 * runs at about 1–2 GMAC/s (FedAvg CNN conv1: 8–10 ms at batch 32).
 */
import { tf } from '../tf.js';
import { asTensor } from './kernelUtil.js';
import { dilatedBackpropFilter, pair } from './polyphaseConv.js';
import type { ConvAttrs } from './polyphaseConv.js';

type KernelArgs = { inputs: Record<string, unknown>; attrs?: unknown };

/** [kh, kw, Ci, K] filter whose output channel (i, j, c) copies input tap (i, j, c). */
function identityFilter(kh: number, kw: number, ci: number): tf.Tensor4D {
  const k = kh * kw * ci;
  const v = new Float32Array(k * k);
  for (let t = 0; t < k; t++) v[t * k + t] = 1;
  return tf.tensor4d(v, [kh, kw, ci, k]);
}

/** Use patches + matMul when the patch conv (K² MACs per output pixel) costs at most 2× the product (K·Co). */
export function patchesPay(filterShape: readonly number[]): boolean {
  const [kh, kw, ci, co] = filterShape;
  return kh * kw * ci <= 2 * co;
}

/** dW of a conv2d by identity-filter patches and one matMul; the dilated form otherwise. */
export function conv2dBackpropFilter(args: KernelArgs): tf.Tensor {
  const a = args.attrs as ConvAttrs;
  const fs = a.filterShape as [number, number, number, number];
  if (!patchesPay(fs)) return dilatedBackpropFilter(args);
  const [kh, kw, ci, co] = fs;
  return tf.tidy(() => {
    const x = asTensor<tf.Tensor4D>(args.inputs.x);
    const dy = asTensor<tf.Tensor4D>(args.inputs.dy);
    // Explicit padding: stock wasm Conv2D with 'same' returns zeros when k < stride (e.g. k 2, stride 3).
    const { top, bottom, left, right } = tf.backend_util.computeConv2DInfo(x.shape, fs, pair(a.strides), 1, a.pad as never, a.dimRoundingMode).padInfo;
    const patches = tf.conv2d(x, identityFilter(kh, kw, ci), pair(a.strides), [[0, 0], [top, bottom], [left, right], [0, 0]]);
    const rows = dy.shape[0] * dy.shape[1] * dy.shape[2];
    const dw = tf.matMul(tf.reshape(patches, [rows, kh * kw * ci]), tf.reshape(dy, [rows, co]), true, false);
    return tf.reshape(dw, [kh, kw, ci, co]);
  });
}
