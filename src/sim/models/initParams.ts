import { tf, makeRng } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { uniform } from '../../tensor/samplers.js';
import type { ParamSpec } from '../types.js';

/**
 * Draw every parameter from its spec. Parameter `p` of model `m` uses the stream
 * `makeRng(seed, 'init', m, p)`, so a tensor's values depend only on (seed, model, name, shape):
 * adding a layer or changing an unrelated option never changes the others.
 * @param seed - non-negative safe integer.
 * @returns One float32 tensor per spec. Caller owns returned tensors.
 */
export function initParams(modelName: string, specs: readonly ParamSpec[], seed: number): ParamMap {
  makeRng(seed, 'init', modelName); // validates the seed even when every init is constant
  const out: Record<string, tf.Tensor> = {};
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    let values: Float32Array;
    if (spec.init.kind === 'constant') {
      values = new Float32Array(size).fill(spec.init.value);
    } else {
      values = Float32Array.from(uniform(makeRng(seed, 'init', modelName, spec.name), size, spec.init.low, spec.init.high));
    }
    out[spec.name] = tf.tensor(values, [...spec.shape], 'float32');
  }
  return out;
}
