import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { encodeIdx, readIdx, readIdxImages, readIdxLabels } from './idx.js';

const dir = mkdtempSync(join(tmpdir(), 'soteria-idx-'));
const opts = { where: 'test-data', hint: 'make it with the test' };

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A header written byte by byte, independently of encodeIdx. */
function handHeader(magic: number, dims: number[]): Buffer {
  const b = Buffer.alloc(4 + 4 * dims.length);
  b.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
  return b;
}

/** Expect an InputError whose message names `path` and matches `pattern`. */
function expectInputError(fn: () => unknown, path: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InputError);
  expect((caught as Error).message).toContain(path);
  expect((caught as Error).message).toMatch(pattern);
  expect((caught as Error).message).not.toContain('\n');
}

const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256); // 3 images of 2×4
const labels = Uint8Array.from([0, 9, 4]);

describe('IDX round trip', () => {
  it('encodeIdx writes the standard header', () => {
    // Arrange / Act
    const encoded = encodeIdx([3, 2, 4], pixels);
    // Assert
    expect(Buffer.from(encoded)).toEqual(Buffer.concat([handHeader(0x803, [3, 2, 4]), Buffer.from(pixels)]));
  });

  for (const gz of [false, true]) {
    it(`reads back idx1 and idx3 files (${gz ? 'gzip' : 'raw'})`, () => {
      // Arrange
      const pack = (b: Uint8Array): Uint8Array => (gz ? gzipSync(b) : b);
      const imgPath = write(`rt-images${gz ? '.gz' : ''}`, pack(Buffer.concat([handHeader(0x803, [3, 2, 4]), pixels])));
      const lblPath = write(`rt-labels${gz ? '.gz' : ''}`, pack(Buffer.concat([handHeader(0x801, [3]), labels])));
      // Act
      const raw = readIdx(imgPath, 3, opts);
      const img = readIdxImages(imgPath, 2, 4, opts);
      const lbl = readIdxLabels(lblPath, 10, opts);
      const firstTwo = readIdxImages(imgPath, 2, 4, { ...opts, limit: 2 });
      // Assert
      expect(raw.dims).toEqual([3, 2, 4]);
      expect(Array.from(raw.data)).toEqual(Array.from(pixels));
      expect(img.count).toBe(3);
      expect(Array.from(img.images)).toEqual(Array.from(pixels, (p) => Math.fround(p / 255)));
      expect(Array.from(lbl)).toEqual([0, 9, 4]);
      expect(firstTwo.count).toBe(2);
      expect(firstTwo.total).toBe(3);
      expect(firstTwo.images.length).toBe(2 * 8);
    });
  }
});

describe('IDX corruption is an InputError naming the file', () => {
  const valid = Buffer.concat([handHeader(0x803, [3, 2, 4]), pixels]);

  it('bad magic number', () => {
    // Arrange
    const path = write('bad-magic', Buffer.concat([handHeader(0, [3, 2, 4]), pixels]));
    // Act / Assert
    expectInputError(() => readIdxImages(path, 2, 4, opts), path, /bad magic number 0x00000000 .*0x00000803/);
  });

  it('label file given where an image file is expected', () => {
    // Arrange
    const path = write('labels-as-images', Buffer.concat([handHeader(0x801, [3]), labels]));
    // Act / Assert
    expectInputError(() => readIdxImages(path, 2, 4, opts), path, /bad magic number 0x00000801/);
  });

  it('truncated data and truncated header', () => {
    // Arrange
    const short = write('truncated', valid.subarray(0, valid.length - 1));
    const header = write('truncated-header', valid.subarray(0, 6));
    const gzShort = write('truncated.gz', gzipSync(valid.subarray(0, valid.length - 5)));
    // Act / Assert
    expectInputError(() => readIdxImages(short, 2, 4, opts), short, /truncated file/);
    expectInputError(() => readIdxImages(header, 2, 4, opts), header, /truncated header/);
    expectInputError(() => readIdxImages(gzShort, 2, 4, opts), gzShort, /truncated file/);
  });

  it('trailing bytes', () => {
    // Arrange
    const path = write('trailing', Buffer.concat([valid, Buffer.from([1, 2])]));
    // Act / Assert
    expectInputError(() => readIdxImages(path, 2, 4, opts), path, /trailing bytes/);
  });

  it('label out of range', () => {
    // Arrange
    const path = write('bad-label', Buffer.concat([handHeader(0x801, [3]), Buffer.from([1, 10, 2])]));
    // Act / Assert
    expectInputError(() => readIdxLabels(path, 10, opts), path, /label out of range at index 1 \(got 10, expected 0\.\.9\)/);
  });

  it('wrong image size', () => {
    // Arrange
    const path = write('wrong-size', valid);
    // Act / Assert
    expectInputError(() => readIdxImages(path, 28, 28, opts), path, /wrong image size \(got 2x4, expected 28x28\)/);
  });

  it('missing file says how to get it', () => {
    // Arrange
    const path = join(dir, 'no-such-file.gz');
    // Act / Assert
    expectInputError(() => readIdxImages(path, 2, 4, opts), path, /file not found \(make it with the test\)/);
  });

  it('corrupt gzip', () => {
    // Arrange
    const path = write('corrupt.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5]));
    // Act / Assert
    expectInputError(() => readIdxImages(path, 2, 4, opts), path, /corrupt gzip/);
  });
});
