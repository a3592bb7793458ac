/**
 * The training and test sets a train config names (nothing is downloaded; a missing dataset is
 * an InputError that says how to get it).
 */
import { loadCifar10, loadFashionMnist, loadMnist, makeSyntheticDataset, subset } from '../sim/data/index.js';
import type { Dataset } from '../sim/data/index.js';
import type { DataConfig } from './configSchema.js';

/** Zero-pad 28×28 images by 2 pixels per side to 32×32 (LeNet-sized MNIST, PAPER.md §4). */
export function pad28to32(ds: Dataset): Dataset {
  const [h, w, c] = ds.shape;
  const pad = 2;
  const H = h + 2 * pad;
  const W = w + 2 * pad;
  const n = ds.labels.length;
  const images = new Float32Array(n * H * W * c);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < h; y++) {
      const src = ((i * h + y) * w) * c;
      images.set(ds.images.subarray(src, src + w * c), ((i * H + y + pad) * W + pad) * c);
    }
  }
  return { ...ds, images, shape: [H, W, c], source: `${ds.source} (zero-padded to ${H}x${W})` };
}

/**
 * Load the train and test splits.
 * @param data - the data section (synthetic: `seed` set by `resolveTrainConfig`).
 * @param seed - the run seed (synthetic data without its own seed).
 */
export function loadTrainData(data: DataConfig, seed: number): { train: Dataset; test: Dataset } {
  switch (data.dataset) {
    case 'mnist':
    case 'fashionMnist': {
      const load = data.dataset === 'mnist' ? loadMnist : loadFashionMnist;
      const train = load('train', { dataDir: data.dataDir, limit: data.trainLimit });
      const test = load('test', { dataDir: data.dataDir, limit: data.testLimit });
      return data.pad28to32 === true ? { train: pad28to32(train), test: pad28to32(test) } : { train, test };
    }
    case 'cifar10':
      return { train: loadCifar10('train', { dataDir: data.dataDir, limit: data.trainLimit }), test: loadCifar10('test', { dataDir: data.dataDir, limit: data.testLimit }) };
    case 'synthetic': {
      // One draw of trainSize + testSize samples, so both splits share the class prototypes.
      const n = data.trainSize + data.testSize;
      const all = makeSyntheticDataset({ seed: data.seed ?? seed, n, shape: data.shape, numClasses: data.numClasses, kind: data.kind, noise: data.noise });
      const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
      return { train: subset(all, range(0, data.trainSize)), test: subset(all, range(data.trainSize, n)) };
    }
    default:
      throw new Error(`loadTrainData: unknown dataset (got ${JSON.stringify(data)})`);
  }
}
