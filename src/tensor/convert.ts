/**
 * The only module that reads tensor values back to JS (`dataSync`). float32 tensors become
 * Float32Array or Float64Array copies; src/theory works on the float64 copies.
 */
import { tf } from './tf.js';

/** A float32 copy of the tensor's values (row-major, NHWC for images). */
export function readFloat32(t: tf.Tensor): Float32Array {
  const v = t.dataSync();
  return v instanceof Float32Array ? v.slice() : Float32Array.from(v as ArrayLike<number>);
}

/** A float64 copy of the tensor's values. */
export function toFloat64(t: tf.Tensor): Float64Array {
  return Float64Array.from(t.dataSync() as ArrayLike<number>);
}

/** Values as a plain number[] (row-major). */
export function toNumbers(t: tf.Tensor): number[] {
  return Array.from(t.dataSync() as ArrayLike<number>);
}

/** The value of a scalar (or size-1) tensor. */
export function toScalar(t: tf.Tensor): number {
  if (t.size !== 1) throw new Error(`toScalar: expected a tensor of size 1 (got shape [${t.shape.join(', ')}])`);
  return (t.dataSync() as ArrayLike<number>)[0];
}

/** float32 tensor from float64 data. Caller owns returned tensors. */
export function fromFloat64(values: ArrayLike<number>, shape: readonly number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(values), [...shape], 'float32');
}
