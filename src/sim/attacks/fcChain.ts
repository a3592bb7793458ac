import { InputError } from '../../errors.js';
import type { Model } from '../types.js';
import { lastLayer } from './lastLayer.js';

/**
 * The consecutive fully connected layers that end the model, top-down (last layer first), e.g.
 * ['fc3', 'fc2', 'fc1'] for mlp3, ['fc'] for lenetDlg, ['fc2', 'fc1'] for fedAvgCnn. A layer
 * belongs to the chain when its dense weight [in, out] is the trainable weight just before the
 * current one in forward order and its `out` equals the current layer's `in` (Soteria arXiv
 * 2012.06043 §3.2: representation inference walks down the FC layers).
 * @param maxLayers - keep at most this many layers. @default all of them
 * @throws InputError when `maxLayers` is not a positive integer or the model has no last dense layer.
 */
export function fcChain(model: Model, maxLayers?: number): string[] {
  if (maxLayers !== undefined && !(Number.isInteger(maxLayers) && maxLayers >= 1)) {
    throw new InputError(`fcChain: maxLayers must be a positive integer (got ${maxLayers})`);
  }
  const weights = model.params.filter((p) => p.trainable && p.name.endsWith('.weight'));
  const top = `${lastLayer(model)}.weight`;
  let i = weights.findIndex((p) => p.name === top);
  const chain = [weights[i]];
  while (i > 0 && chain.length < (maxLayers ?? Number.POSITIVE_INFINITY)) {
    const prev = weights[i - 1];
    if (prev.shape.length !== 2 || prev.shape[1] !== weights[i].shape[0]) break;
    chain.push(prev);
    i--;
  }
  return chain.map((p) => p.name.slice(0, -'.weight'.length));
}
