import { InputError } from '../../errors.js';
import type { CommonModelOptions } from '../types.js';

/** Throws an InputError unless `v` is an integer ≥ `min`. */
export function checkInt(where: string, field: string, v: number, min = 1): void {
  if (!Number.isInteger(v) || v < min) throw new InputError(`${where}: ${field} must be an integer >= ${min} (got ${v})`);
}

/**
 * Fill and validate the options every model takes.
 * @param defaultShape - the model's default [H, W, C].
 */
export function resolveCommonOptions(
  where: string, opts: CommonModelOptions, defaultShape: readonly [number, number, number],
): { inputShape: readonly [number, number, number]; numClasses: number } {
  const inputShape = opts.inputShape ?? defaultShape;
  if (!Array.isArray(inputShape) || inputShape.length !== 3) {
    throw new InputError(`${where}: inputShape must be [H, W, C] (got ${JSON.stringify(inputShape)})`);
  }
  inputShape.forEach((v, i) => checkInt(where, `inputShape[${i}]`, v));
  const numClasses = opts.numClasses ?? 10;
  checkInt(where, 'numClasses', numClasses, 2);
  return { inputShape: [inputShape[0], inputShape[1], inputShape[2]], numClasses };
}
