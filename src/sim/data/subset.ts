/**
 * Select samples of a `Dataset` by index (plain data; copies the selected images and labels).
 */
import { InputError } from '../../errors.js';
import type { Dataset } from './types.js';

/** Throw unless every index is an integer in [0, n). */
export function checkIndices(where: string, indices: readonly number[], n: number): void {
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    if (!Number.isSafeInteger(k) || k < 0 || k >= n) {
      throw new InputError(`${where}: index ${i} out of range (got ${k}, expected an integer in [0, ${n}))`);
    }
  }
}

/**
 * The samples of `ds` at `indices`, in that order (repeats allowed).
 * @returns a new `Dataset` with copied arrays; `source` notes that it is a subset.
 */
export function subset(ds: Dataset, indices: readonly number[]): Dataset {
  checkIndices(`subset of ${ds.name}`, indices, ds.labels.length);
  const size = ds.shape[0] * ds.shape[1] * ds.shape[2];
  const images = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  indices.forEach((k, i) => {
    images.set(ds.images.subarray(k * size, (k + 1) * size), i * size);
    labels[i] = ds.labels[k];
  });
  return { ...ds, images, labels, source: `${ds.source} (subset of ${indices.length})` };
}
