/**
 * The part of config resolution that `train` and `attack` share: the image shape and class count a
 * data section produces, the model fields checked against them, and the CIFAR-10 data-dir rule.
 */
import { InputError } from '../errors.js';
import type { ModelConfig } from '../sim/types.js';

/** The data-section fields that decide the image shape (common to train and attack configs). */
export interface DataShapeSource {
  readonly dataset: string;
  readonly pad28to32?: boolean;
  readonly shape?: readonly number[];
  readonly numClasses?: number;
  readonly dataDir?: string;
}

/** Image shape [H, W, C] and number of classes the data section produces. */
export function dataShape(data: DataShapeSource): { shape: [number, number, number]; numClasses: number } {
  switch (data.dataset) {
    case 'mnist':
    case 'fashionMnist': return { shape: data.pad28to32 === true ? [32, 32, 1] : [28, 28, 1], numClasses: 10 };
    case 'cifar10': return { shape: [32, 32, 3], numClasses: 10 };
    case 'synthetic': return { shape: [...(data.shape ?? [])] as [number, number, number], numClasses: data.numClasses ?? 0 };
    default: throw new Error(`dataShape: unknown dataset (got ${JSON.stringify(data)})`);
  }
}

/**
 * Complete `model` with the data's input shape and class count, refusing a model that contradicts
 * the data and a CIFAR-10 section without a data directory.
 * @param source - where the config came from, for messages ('preset NAME' or '--config FILE').
 * @throws InputError naming the field and the accepted values.
 */
export function resolveModelForData<M extends ModelConfig>(model: M, data: DataShapeSource, source: string): M & { inputShape: [number, number, number]; numClasses: number } {
  const bad = (path: string, what: string): never => {
    throw new InputError(`${source}: ${path}: ${what}`);
  };
  const { shape, numClasses } = dataShape(data);
  if (model.inputShape !== undefined && model.inputShape.join('x') !== shape.join('x')) bad('model.inputShape', `does not match the data (got [${model.inputShape.join(', ')}], expected [${shape.join(', ')}] for ${data.dataset})`);
  if (model.numClasses !== undefined && model.numClasses !== numClasses) bad('model.numClasses', `does not match the data (got ${model.numClasses}, expected ${numClasses})`);
  if (data.dataset === 'cifar10' && data.dataDir === undefined) bad('data.dataDir', 'CIFAR-10 is not bundled (got nothing, expected --data-dir DIR holding the binary batches data_batch_1.bin … test_batch.bin, or their folder cifar-10-batches-bin)');
  return { ...model, inputShape: shape, numClasses };
}
