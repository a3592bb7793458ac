import { InputError } from '../../errors.js';
import type { Model } from '../types.js';

/**
 * Name of the layer that produces the logits: the last trainable dense weight [in, numClasses]
 * in forward order (e.g. 'fc' for lenetDlg and logReg, 'fc3' for mlp3).
 * @throws InputError when the model has no such layer.
 */
export function lastLayer(model: Model): string {
  const w = [...model.params].reverse().find((p) => p.trainable && p.name.endsWith('.weight') && p.shape.length === 2 && p.shape[1] === model.numClasses);
  if (w === undefined) throw new InputError(`lastLayer: ${model.name} has no dense weight with ${model.numClasses} output columns`);
  return w.name.slice(0, -'.weight'.length);
}
