import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { makeSyntheticDataset } from './synthetic.js';
import type { Dataset } from './types.js';

/** Accuracy of a nearest-class-mean classifier fitted on samples [0, split) and tested on the rest. */
function nearestMeanAccuracy(ds: Dataset, split: number): number {
  const size = ds.images.length / ds.labels.length;
  const means = Array.from({ length: ds.numClasses }, () => new Float64Array(size));
  const counts = new Array<number>(ds.numClasses).fill(0);
  for (let i = 0; i < split; i++) {
    counts[ds.labels[i]]++;
    for (let j = 0; j < size; j++) means[ds.labels[i]][j] += ds.images[i * size + j];
  }
  means.forEach((m, c) => m.forEach((v, j) => (m[j] = v / counts[c])));
  let correct = 0;
  for (let i = split; i < ds.labels.length; i++) {
    const dist = means.map((m) => m.reduce((s, v, j) => s + (v - ds.images[i * size + j]) ** 2, 0));
    if (dist.indexOf(Math.min(...dist)) === ds.labels[i]) correct++;
  }
  return correct / (ds.labels.length - split);
}

describe('makeSyntheticDataset', () => {
  for (const kind of ['blobs', 'noise'] as const) {
    it(`${kind}: shape, range, balanced labels, determinism`, () => {
      // Arrange
      const config = { seed: 7, n: 103, shape: [6, 5, 3] as const, numClasses: 4, kind };
      // Act
      const a = makeSyntheticDataset(config);
      const b = makeSyntheticDataset(config);
      const c = makeSyntheticDataset({ ...config, seed: 8 });
      // Assert
      expect(a.images.length).toBe(103 * 6 * 5 * 3);
      expect(a.shape).toEqual([6, 5, 3]);
      expect(a.images.every((v) => v >= 0 && v <= 1)).toBe(true);
      const counts = [0, 1, 2, 3].map((k) => a.labels.filter((l) => l === k).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(Array.from(b.images)).toEqual(Array.from(a.images));
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(Array.from(c.images)).not.toEqual(Array.from(a.images));
      expect(a.source).toContain('seed=7');
    });

    it(`${kind}: learnable by a nearest-class-mean classifier`, () => {
      // Arrange
      const ds = makeSyntheticDataset({ seed: 3, n: 300, shape: [8, 8, 1], numClasses: 10, kind, noise: 0.2 });
      // Act
      const accuracy = nearestMeanAccuracy(ds, 100);
      // Assert: chance is 0.1
      expect(accuracy).toBeGreaterThan(0.9);
    });
  }

  it('rejects bad parameters with InputError', () => {
    // Arrange
    const ok = { seed: 1, n: 10, shape: [4, 4, 1] as const, numClasses: 2, kind: 'blobs' as const };
    // Act / Assert
    expect(() => makeSyntheticDataset({ ...ok, n: 0 })).toThrow(InputError);
    expect(() => makeSyntheticDataset({ ...ok, numClasses: 300 })).toThrow(/numClasses/);
    expect(() => makeSyntheticDataset({ ...ok, shape: [4, 0, 1] })).toThrow(/shape/);
    expect(() => makeSyntheticDataset({ ...ok, noise: -1 })).toThrow(/noise/);
  });
});
