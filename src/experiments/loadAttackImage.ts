/**
 * The one image an attack config names: image `index` of a dataset split (loading only the
 * first index + 1 images), zero-padded when asked; nothing is downloaded.
 */
import { InputError } from '../errors.js';
import { loadCifar10, loadFashionMnist, loadMnist, makeSyntheticDataset } from '../sim/data/index.js';
import type { Dataset } from '../sim/data/index.js';
import type { AttackDataConfig } from './attackConfigSchema.js';
import { pad28to32 } from './loadTrainData.js';

/** One attacked image: H·W·C pixels in [0, 1] (NHWC), its label and where it came from. */
export interface AttackImage {
  readonly pixels: Float32Array;
  readonly label: number;
  /** [H, W, C] after any padding. */
  readonly shape: readonly [number, number, number];
  readonly index: number;
  /** Dataset name and split, e.g. 'mnist test'. */
  readonly dataset: string;
  /** Files or generator parameters, for provenance. */
  readonly source: string;
}

function loadFirst(data: AttackDataConfig, count: number, seed: number): { ds: Dataset; split: string } {
  switch (data.dataset) {
    case 'mnist':
    case 'fashionMnist': {
      const load = data.dataset === 'mnist' ? loadMnist : loadFashionMnist;
      const ds = load(data.split, { dataDir: data.dataDir, limit: count });
      return { ds: data.pad28to32 ? pad28to32(ds) : ds, split: data.split };
    }
    case 'cifar10':
      return { ds: loadCifar10(data.split, { dataDir: data.dataDir, limit: count }), split: data.split };
    case 'synthetic':
      return { ds: makeSyntheticDataset({ seed: data.seed ?? seed, n: data.size, shape: data.shape, numClasses: data.numClasses, kind: data.kind, noise: data.noise }), split: 'generated' };
    default:
      throw new Error(`loadAttackImage: unknown dataset (got ${JSON.stringify(data)})`);
  }
}

/**
 * Load image `index` of the split a data section names.
 * @param data - the resolved data section.
 * @param index - image index (0-based).
 * @param seed - the run seed (synthetic data without its own seed).
 * @returns the image, its label and provenance.
 * @throws InputError when the index is past the end of the split (stating the range) or the data is missing.
 */
export function loadAttackImage(data: AttackDataConfig, index: number, seed: number): AttackImage {
  const { ds, split } = loadFirst(data, index + 1, seed);
  const n = ds.labels.length;
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new InputError(`--image: out of range (got ${index}, expected 0..${n - 1} for ${ds.name} ${split})`);
  }
  const size = ds.shape[0] * ds.shape[1] * ds.shape[2];
  return {
    pixels: ds.images.slice(index * size, (index + 1) * size), label: ds.labels[index], shape: ds.shape,
    index, dataset: `${ds.name} ${split}`, source: ds.source,
  };
}
