import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRng, uniform } from '../tensor/index.js';
import { encodePng, pngDataUri, writePng } from './writePng.js';

const dir = mkdtempSync(join(tmpdir(), 'soteria-png-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** RGBA pixel (x, y) of a decoded PNG (pngjs always decodes to RGBA). */
const rgba = (png: PNG, x: number, y: number): number[] => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

describe('encodePng / writePng / pngDataUri', () => {
  it('round-trips a random RGB image through pngjs to within half a grey level', () => {
    // Arrange
    const [h, w] = [5, 7];
    const values = uniform(makeRng(1, 'test', 'png'), h * w * 3);
    // Act
    const png = PNG.sync.read(encodePng({ data: values, shape: [1, h, w, 3] }));
    // Assert
    expect([png.width, png.height]).toEqual([w, h]);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const got = rgba(png, x, y);
        for (let k = 0; k < 3; k++) expect(Math.abs(got[k] / 255 - values[(y * w + x) * 3 + k])).toBeLessThanOrEqual(0.5 / 255);
        expect(got[3]).toBe(255);
      }
    }
  });

  it('writes grayscale for one channel, clamps out-of-range values and renders NaN as black', () => {
    // Arrange: one row [−1, 0.5, 2, NaN]
    const image = { data: [-1, 0.5, 2, Number.NaN], shape: [1, 4, 1] as const };
    const file = join(dir, 'gray.png');
    // Act
    writePng(file, image);
    const bytes = readFileSync(file);
    const png = PNG.sync.read(bytes);
    // Assert: colour type byte of the IHDR chunk (offset 25) is 0 = grayscale
    expect(bytes[25]).toBe(0);
    expect([0, 1, 2, 3].map((x) => rgba(png, x, 0)[0])).toEqual([0, 128, 255, 0]);
  });

  it('upscales by an integer factor (nearest neighbour) and tiles a batch left to right', () => {
    // Arrange: two 2×1 grayscale images [0, 1] and [1, 0]
    const image = { data: [0, 1, 1, 0], shape: [2, 1, 2, 1] as const };
    // Act
    const png = PNG.sync.read(encodePng(image, { scale: 3 }));
    // Assert
    expect([png.width, png.height]).toEqual([12, 3]);
    const row = Array.from({ length: 12 }, (_, x) => rgba(png, x, 2)[0]);
    expect(row).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0]);
  });

  it('returns a base64 PNG data URI that decodes to the same image', () => {
    // Arrange
    const image = { data: [0.25, 0.75], shape: [1, 2, 1] as const };
    // Act
    const uri = pngDataUri(image);
    // Assert
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    const decoded = Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64');
    expect(decoded.equals(encodePng(image))).toBe(true);
  });

  it.each([
    [{ data: [0, 0], shape: [1, 1, 2] as const }, {}, /channel count \(got 2/],
    [{ data: [0], shape: [1, 2, 1] as const }, {}, /data length .*got 1, expected 2/],
    [{ data: [0], shape: [1, 1, 1] as const }, { scale: 1.5 }, /bad scale \(got 1.5/],
  ])('rejects bad input %#', (image, options, pattern) => {
    expect(() => encodePng(image, options)).toThrow(pattern);
  });
});
