import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { loadCifar10 } from './cifar10.js';

const root = mkdtempSync(join(tmpdir(), 'soteria-cifar-'));
const RECORD = 3073;

/** Byte value of record r, channel ch (0 R, 1 G, 2 B), pixel (y, x) in the files we write. */
function pixelByte(r: number, ch: number, y: number, x: number): number {
  return (r * 31 + ch * 97 + y * 5 + x * 3) % 256;
}

/** A batch file in the CIFAR-10 binary layout: label byte, then R, G, B planes row-major. */
function batchBytes(labels: number[], firstRecord: number): Uint8Array {
  const out = new Uint8Array(labels.length * RECORD);
  labels.forEach((label, i) => {
    out[i * RECORD] = label;
    for (let ch = 0; ch < 3; ch++)
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++) out[i * RECORD + 1 + ch * 1024 + y * 32 + x] = pixelByte(firstRecord + i, ch, y, x);
  });
  return out;
}

function makeDir(name: string, files: Record<string, Uint8Array>): string {
  const d = join(root, name);
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(d, file)), { recursive: true });
    writeFileSync(join(d, file), bytes);
  }
  return d;
}

describe('loadCifar10', () => {
  it('converts planar CHW records to NHWC in [0, 1]', () => {
    // Arrange
    const dataDir = makeDir('test-split', { 'test_batch.bin': batchBytes([3, 0, 9], 0) });
    // Act
    const ds = loadCifar10('test', { dataDir });
    // Assert
    expect(ds.shape).toEqual([32, 32, 3]);
    expect(ds.numClasses).toBe(10);
    expect(Array.from(ds.labels)).toEqual([3, 0, 9]);
    expect(ds.images.length).toBe(3 * 32 * 32 * 3);
    for (const [r, y, x] of [[0, 0, 0], [1, 5, 17], [2, 31, 31], [2, 0, 30]]) {
      for (let ch = 0; ch < 3; ch++) {
        expect(ds.images[((r * 32 + y) * 32 + x) * 3 + ch]).toBe(Math.fround(pixelByte(r, ch, y, x) / 255));
      }
    }
  });

  it('train split reads data_batch_1..5 in order, also inside cifar-10-batches-bin, honouring limit', () => {
    // Arrange
    const files: Record<string, Uint8Array> = {};
    for (let b = 1; b <= 5; b++) files[join('cifar-10-batches-bin', `data_batch_${b}.bin`)] = batchBytes([b, b + 1], 2 * (b - 1));
    const dataDir = makeDir('train-split', files);
    // Act
    const all = loadCifar10('train', { dataDir });
    const head = loadCifar10('train', { dataDir, limit: 3 });
    // Assert
    expect(Array.from(all.labels)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(all.images[(9 * 1024 + 40) * 3 + 2]).toBe(Math.fround(pixelByte(9, 2, 1, 8) / 255));
    expect(Array.from(head.labels)).toEqual([1, 2, 2]);
    expect(head.source.split(' ')).toHaveLength(2);
  });

  it('rejects a file that is not a whole number of records, naming it', () => {
    // Arrange
    const dataDir = makeDir('bad-length', { 'test_batch.bin': batchBytes([1, 2], 0).subarray(0, RECORD + 100) });
    const path = join(dataDir, 'test_batch.bin');
    // Act / Assert
    expect(() => loadCifar10('test', { dataDir })).toThrow(InputError);
    expect(() => loadCifar10('test', { dataDir })).toThrow(`${path}: file length is not a whole number of records`);
  });

  it('rejects a label >= 10, naming the file and record', () => {
    // Arrange
    const dataDir = makeDir('bad-label', { 'test_batch.bin': batchBytes([1, 10], 0) });
    const path = join(dataDir, 'test_batch.bin');
    // Act / Assert
    expect(() => loadCifar10('test', { dataDir })).toThrow(`${path}: label out of range in record 1 (got 10, expected 0..9)`);
  });

  it('missing data explains that --data-dir with the binary version is needed', () => {
    // Arrange
    const dataDir = makeDir('only-test', { 'test_batch.bin': batchBytes([1], 0) });
    // Act / Assert
    expect(() => loadCifar10('test')).toThrow(/no data directory given .*--data-dir .*binary version of CIFAR-10/);
    expect(() => loadCifar10('train', { dataDir })).toThrow(`${dataDir}: no train batch data_batch_1.bin file`);
  });
});
