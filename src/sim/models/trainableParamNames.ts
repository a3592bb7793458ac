import type { Model } from '../types.js';

/**
 * Names of the parameters that training updates and that gradients, defenses and attacks cover,
 * in the model's forward order. Excludes buffers such as BatchNorm running statistics.
 */
export function trainableParamNames(model: Model): string[] {
  return model.params.filter((p) => p.trainable).map((p) => p.name);
}
