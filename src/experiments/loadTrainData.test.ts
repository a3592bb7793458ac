import { describe, expect, it } from 'vitest';
import { makeSyntheticDataset } from '../sim/data/index.js';
import type { DataConfig } from './configSchema.js';
import { loadTrainData, pad28to32 } from './loadTrainData.js';

describe('pad28to32', () => {
  it('adds a zero border of 2 pixels and keeps every pixel in place', () => {
    // Arrange
    const ds = makeSyntheticDataset({ seed: 1, n: 3, shape: [28, 28, 1], numClasses: 2, kind: 'noise' });
    // Act
    const p = pad28to32(ds);
    // Assert
    expect(p.shape).toEqual([32, 32, 1]);
    expect(p.images.length).toBe(3 * 32 * 32);
    const at = (i: number, y: number, x: number): number => p.images[(i * 32 + y) * 32 + x];
    expect(at(2, 15, 20)).toBe(ds.images[(2 * 28 + 13) * 28 + 18]);
    expect([at(0, 0, 0), at(1, 1, 31), at(2, 31, 5), at(0, 10, 30)]).toEqual([0, 0, 0, 0]);
    const sum = (a: Float32Array): number => a.reduce((s, v) => s + v, 0);
    expect(sum(p.images)).toBeCloseTo(sum(ds.images), 2);
  });
});

describe('loadTrainData', () => {
  it('splits one synthetic draw into train and test (shared class prototypes)', () => {
    // Arrange
    const data: DataConfig = { dataset: 'synthetic', kind: 'blobs', trainSize: 30, testSize: 10, shape: [5, 5, 1], numClasses: 3 };
    // Act
    const { train, test } = loadTrainData(data, 7);
    const all = makeSyntheticDataset({ seed: 7, n: 40, shape: [5, 5, 1], numClasses: 3, kind: 'blobs' });
    // Assert
    expect(train.labels.length).toBe(30);
    expect(test.labels.length).toBe(10);
    expect(Array.from(test.labels)).toEqual(Array.from(all.labels.subarray(30)));
    expect(Array.from(train.images.subarray(0, 25))).toEqual(Array.from(all.images.subarray(0, 25)));
  });
});
