import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_DEBIAN_DIR, loadFashionMnist } from './fashionMnist.js';
import { loadMnist } from './mnist.js';

describe('loadFashionMnist (Debian dataset-fashion-mnist)', () => {
  it('the Debian package is installed (CI installs it; no skipping)', () => {
    // Arrange / Act
    const present = existsSync(FASHION_MNIST_DEBIAN_DIR);
    // Assert
    expect(present, `${FASHION_MNIST_DEBIAN_DIR} is missing: run \`apt-get install dataset-fashion-mnist\``).toBe(true);
  });

  it('test split: 10000 28x28x1 images, 10 plausible classes, pixels in [0, 1], not MNIST', () => {
    // Arrange / Act
    const ds = loadFashionMnist('test');
    const digits = loadMnist('test', { limit: 10 });
    // Assert
    expect(ds.labels.length).toBe(10000);
    expect(ds.images.length).toBe(10000 * 784);
    expect(ds.shape).toEqual([28, 28, 1]);
    const counts = new Array<number>(10).fill(0);
    for (const l of ds.labels) counts[l]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(ds.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(ds.source).toContain('.gz'); // Debian ships gzipped IDX files
    expect(Array.from(ds.images.subarray(0, 7840))).not.toEqual(Array.from(digits.images));
  });

  it('train split loads with a limit', () => {
    // Arrange / Act
    const ds = loadFashionMnist('train', { limit: 100 });
    // Assert
    expect(ds.labels.length).toBe(100);
    expect(ds.images.length).toBe(100 * 784);
  });

  it('a missing directory says how to install the package or pass --data-dir', () => {
    // Arrange
    const dataDir = join(mkdtempSync(join(tmpdir(), 'soteria-fmnist-')), 'absent');
    // Act / Assert
    expect(() => loadFashionMnist('test', { dataDir })).toThrow(/apt-get install dataset-fashion-mnist.*--data-dir/);
  });
});
