import { describe, expect, it } from 'vitest';
import { psnr } from './psnr.js';
import type { ImageBatch } from './types.js';

const batch = (values: number[], shape: [number, number, number, number]): ImageBatch => ({ data: Float64Array.from(values), shape });

describe('psnr', () => {
  it('equals −20·log10(d) for a constant difference d at range 1, and +Infinity at MSE 0', () => {
    // Arrange
    const d = 0.1;
    const a = batch([0.2, 0.4, 0.6, 0.8, 0.5, 0.5, 0.5, 0.5], [2, 2, 2, 1]);
    const b = batch([0.2 + d, 0.4 + d, 0.6 + d, 0.8 + d, 0.5, 0.5, 0.5, 0.5], [2, 2, 2, 1]);
    // Act
    const r = psnr(a, b, { space: 'pixels01' });
    // Assert
    expect(r.perImage[0]).toBeCloseTo(-20 * Math.log10(d), 9);
    expect(r.perImage[1]).toBe(Infinity);
    expect(r.value).toBe(Infinity);
    expect(r).toMatchObject({ space: 'pixels01', dataRange: 1 });
  });

  it('averages per-image PSNR (not the PSNR of the batch MSE) and scales with dataRange', () => {
    // Arrange: MSEs 0.01 and 0.0001 → PSNR 20 and 40 dB; batch MSE 0.00505 would give ≈ 22.97
    const a = batch([0, 0], [2, 1, 1, 1]);
    const b = batch([0.1, 0.01], [2, 1, 1, 1]);
    // Act
    const r1 = psnr(a, b, { space: 'pixels01' });
    const r255 = psnr(a, b, { space: 'pixels01', dataRange: 255 });
    // Assert
    expect(r1.value).toBeCloseTo(30, 9);
    expect(r255.value - r1.value).toBeCloseTo(20 * Math.log10(255), 9);
    expect(() => psnr(a, b, { space: 'pixels01', dataRange: 0 })).toThrow(RangeError);
  });
});
