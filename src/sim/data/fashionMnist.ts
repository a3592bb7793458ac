/**
 * Fashion-MNIST (Xiao et al. 2017), 28×28×1, 10 classes, from Debian's `dataset-fashion-mnist`
 * package (gzipped IDX files in /usr/share/datasets/fashion-mnist) or a directory of IDX files.
 */
import { loadIdxDataset } from './loadIdxDataset.js';
import type { IdxDatasetSpec } from './loadIdxDataset.js';
import type { Dataset, LoadOptions, Split } from './types.js';

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

const FASHION_MNIST: IdxDatasetSpec = {
  name: 'fashion-mnist',
  rows: 28,
  cols: 28,
  numClasses: 10,
  hint: 'run `apt-get install dataset-fashion-mnist`, or pass --data-dir DIR holding the Fashion-MNIST IDX files',
};

/**
 * Load a Fashion-MNIST split with pixels scaled to [0, 1].
 * @param split `train` (60000 images) or `test` (10000).
 * @param opts `dataDir` (default: /usr/share/datasets/fashion-mnist) and `limit`.
 */
export function loadFashionMnist(split: Split, opts: LoadOptions = {}): Dataset {
  return loadIdxDataset(FASHION_MNIST, opts.dataDir ?? FASHION_MNIST_DEBIAN_DIR, split, opts.limit);
}
