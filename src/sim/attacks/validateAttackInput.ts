import { InputError } from '../../errors.js';
import type { AttackInput } from './types.js';

/**
 * Check an {@link AttackInput} at an attack's entry: batch size, declared labels, and that the
 * parameters and the shared gradients of `names` exist with the model's shapes.
 * @throws InputError naming the first problem found.
 */
export function validateAttackInput(where: string, input: AttackInput, names: readonly string[]): void {
  const { model, params, shared, knowledge } = input;
  const b = knowledge.batchSize;
  if (!Number.isInteger(b) || b < 1) throw new InputError(`${where}: knowledge.batchSize must be a positive integer (got ${b}, expected ≥ 1)`);
  const labels = knowledge.labels;
  if (labels !== undefined) {
    if (labels.length !== b) throw new InputError(`${where}: knowledge.labels has ${labels.length} entries (expected batchSize = ${b})`);
    const bad = labels.find((l) => !Number.isInteger(l) || l < 0 || l >= model.numClasses);
    if (bad !== undefined) throw new InputError(`${where}: knowledge.labels contains ${bad} (expected integers in [0, ${model.numClasses}))`);
  }
  for (const spec of model.params) {
    const p = params[spec.name];
    if (p === undefined || p.shape.join(',') !== spec.shape.join(',')) {
      throw new InputError(`${where}: params['${spec.name}'] ${p === undefined ? 'missing' : `has shape [${p.shape.join(', ')}]`} (expected [${spec.shape.join(', ')}])`);
    }
  }
  for (const n of names) {
    const g = shared.grads[n];
    const want = params[n].shape;
    if (g === undefined || g.shape.join(',') !== want.join(',')) {
      throw new InputError(`${where}: shared.grads['${n}'] ${g === undefined ? 'missing' : `has shape [${g.shape.join(', ')}]`} (expected [${want.join(', ')}])`);
    }
  }
}
