/**
 * Load an MNIST-layout dataset (a pair of idx3 image / idx1 label files per split) from a
 * directory. Shared by the MNIST and Fashion-MNIST loaders.
 */
import { InputError } from '../../errors.js';
import { readIdxImages, readIdxLabels } from './idx.js';
import { checkLimit, findDataFile } from './readDataFile.js';
import type { Dataset, Split } from './types.js';

/** What an MNIST-layout dataset looks like and how to get it. */
export interface IdxDatasetSpec {
  /** Dataset name, also the message prefix. */
  readonly name: string;
  /** Image height and width. */
  readonly rows: number;
  readonly cols: number;
  readonly numClasses: number;
  /** How to get the files, shown when they are missing. */
  readonly hint: string;
}

/** File names accepted for one split: LeCun's names, Kaggle's dotted names, each raw or .gz. */
export function idxFileNames(split: Split, part: 'images' | 'labels'): string[] {
  const prefix = split === 'train' ? 'train' : 't10k';
  const rank = part === 'images' ? 'idx3' : 'idx1';
  const bases = [`${prefix}-${part}-${rank}-ubyte`, `${prefix}-${part}.${rank}-ubyte`];
  return bases.flatMap((b) => [b, `${b}.gz`]);
}

/**
 * Load `split` of an MNIST-layout dataset from `dir`; pixels scaled to [0, 1] (pixel / 255).
 * @param limit keep only the first `limit` samples. @default all
 */
export function loadIdxDataset(spec: IdxDatasetSpec, dir: string, split: Split, limit?: number): Dataset {
  const { name: where, hint } = spec;
  checkLimit(where, limit);
  const imagePath = findDataFile(dir, idxFileNames(split, 'images'), where, `${split} images`, hint);
  const labelPath = findDataFile(dir, idxFileNames(split, 'labels'), where, `${split} labels`, hint);
  const { images, count, total } = readIdxImages(imagePath, spec.rows, spec.cols, { where, hint, limit });
  const allLabels = readIdxLabels(labelPath, spec.numClasses, { where, hint });
  if (allLabels.length !== total) {
    throw new InputError(
      `${where}: ${labelPath}: label count does not match ${imagePath} (got ${allLabels.length} labels, expected ${total})`,
    );
  }
  const labels = count === allLabels.length ? allLabels : allLabels.slice(0, count);
  return {
    name: where,
    images,
    labels,
    shape: [spec.rows, spec.cols, 1],
    numClasses: spec.numClasses,
    source: `${imagePath} ${labelPath}`,
  };
}
