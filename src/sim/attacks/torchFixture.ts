/**
 * Loader for the PyTorch reference fixtures written by tools/make-torch-fixtures.py
 * (developer-only generator; the JSON is committed). Converts PyTorch layouts to tfjs ones:
 * images NCHW → NHWC, conv weights [out,in,kh,kw] → [kh,kw,in,out], and the FC weight that reads
 * a (c,h,w)-flattened representation [out, C·H·W] → [(h,w,c), out].
 */
import { readFileSync } from 'node:fs';
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';

interface Stored { shape: number[]; values: number[] }

/** The fixture as stored (PyTorch layouts). */
export interface TorchDlgFixture {
  readonly seed: number;
  readonly torch: string;
  readonly params: Record<string, Stored>;
  readonly targets: Record<string, Stored>;
  readonly label: number;
  readonly xTrue: Stored;
  readonly x: Stored;
  readonly z: Stored;
  readonly D: number;
  readonly gradX: Stored;
  readonly gradZ: Stored;
}

/** Read a fixture file. */
export function readTorchFixture(path: string): TorchDlgFixture {
  return JSON.parse(readFileSync(path, 'utf8')) as TorchDlgFixture;
}

/** An NCHW image batch as NHWC. Caller owns returned tensors. */
export function torchImageToTf(s: Stored): tf.Tensor4D {
  return tf.tidy(() => tf.transpose(tf.tensor4d(s.values, s.shape as [number, number, number, number], 'float32'), [0, 2, 3, 1]));
}

/**
 * One PyTorch parameter (or its gradient) in tfjs layout. `fcInput` gives the [C, H, W] of the
 * representation a dense weight reads (needed to permute its rows). Caller owns returned tensors.
 */
export function torchParamToTf(s: Stored, fcInput?: readonly [number, number, number]): tf.Tensor {
  return tf.tidy(() => {
    const t = tf.tensor(s.values, s.shape, 'float32');
    if (s.shape.length === 4) return tf.transpose(t, [2, 3, 1, 0]);
    if (s.shape.length === 2 && fcInput !== undefined) {
      const [c, h, w] = fcInput;
      return tf.reshape(tf.transpose(tf.reshape(t, [s.shape[0], c, h, w]), [2, 3, 1, 0]), [h * w * c, s.shape[0]]);
    }
    if (s.shape.length === 2) return tf.transpose(t);
    return t;
  });
}

/** A named PyTorch state (params or gradients) in tfjs layout. Caller owns returned tensors. */
export function torchStateToTf(state: Record<string, Stored>, fcName: string, fcInput: readonly [number, number, number]): ParamMap {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, s] of Object.entries(state)) out[name] = torchParamToTf(s, name === `${fcName}.weight` ? fcInput : undefined);
  return out;
}
