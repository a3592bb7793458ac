import { describe, expect, it } from 'vitest';
import { TOL } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { psnr } from '../metrics/psnr.js';
import {
  CIFAR10_NORMALIZATION, MNIST_NORMALIZATION, defaultNormalization, denormalizeImage, normalisedPsnrRange,
  normalizationBox, normalizeImage, validateNormalization,
} from './normalization.js';

describe('normalization (inversefed dataset constants)', () => {
  it('has the constants the paper quotes, to 4 decimals', () => {
    expect(CIFAR10_NORMALIZATION.mean.map((v) => v.toFixed(4))).toEqual(['0.4915', '0.4823', '0.4468']);
    expect(CIFAR10_NORMALIZATION.std.map((v) => v.toFixed(4))).toEqual(['0.2470', '0.2435', '0.2616']);
    expect([MNIST_NORMALIZATION.mean[0].toFixed(4), MNIST_NORMALIZATION.std[0].toFixed(4)]).toEqual(['0.1307', '0.3081']);
    expect(defaultNormalization(3)).toBe(CIFAR10_NORMALIZATION);
    expect(defaultNormalization(1)).toBe(MNIST_NORMALIZATION);
    expect(() => defaultNormalization(2)).toThrow(InputError);
  });

  it('normalises per channel (index mod C) and de-normalises back, clamping to [0, 1]', () => {
    // Arrange: two HWC pixels of 3 channels
    const px = [0, 0.5, 1, 0.25, 0.75, 0.1];
    // Act
    const n = normalizeImage(px, CIFAR10_NORMALIZATION, 3);
    const back = denormalizeImage(n, CIFAR10_NORMALIZATION, 3);
    const clamped = denormalizeImage([-100, 100, 0], CIFAR10_NORMALIZATION, 3);
    // Assert
    n.forEach((v, i) => expect(Math.abs(v - (px[i] - CIFAR10_NORMALIZATION.mean[i % 3]) / CIFAR10_NORMALIZATION.std[i % 3])).toBeLessThan(TOL.float64));
    back.forEach((v, i) => expect(Math.abs(v - px[i])).toBeLessThan(TOL.float64));
    expect(clamped[0]).toBe(0);
    expect(clamped[1]).toBe(1);
  });

  it('the box is the normalised image of 0 and 1', () => {
    const box = normalizationBox(CIFAR10_NORMALIZATION, 3);
    const zeros = normalizeImage([0, 0, 0], CIFAR10_NORMALIZATION, 3);
    const ones = normalizeImage([1, 1, 1], CIFAR10_NORMALIZATION, 3);
    box.lo.forEach((v, c) => expect(Math.abs(v - zeros[c])).toBeLessThan(TOL.float64));
    box.hi.forEach((v, c) => expect(Math.abs(v - ones[c])).toBeLessThan(TOL.float64));
  });

  it("normalisedPsnrRange reproduces the code's psnr(factor = 1/ds): mean_c 10·log10((1/s_c)²/MSE)", () => {
    // Arrange: two normalised 1×2×2×3 images
    const a = { data: Float64Array.from([0.1, -0.3, 0.5, 1, 0.2, -1, 0, 0, 0.4, 0.3, 0.2, 0.1]), shape: [1, 2, 2, 3] as const };
    const b = { data: Float64Array.from([0, -0.1, 0.6, 0.8, 0.2, -0.7, 0.1, 0.2, 0.4, 0.1, 0.1, 0.3]), shape: [1, 2, 2, 3] as const };
    const m = a.data.reduce((s, v, i) => s + (v - b.data[i]) ** 2, 0) / 12;
    const code = CIFAR10_NORMALIZATION.std.reduce((s, sc) => s + 10 * Math.log10(1 / sc ** 2 / m), 0) / 3;
    // Act
    const p = psnr(a, b, { space: 'normalised', dataRange: normalisedPsnrRange(CIFAR10_NORMALIZATION, 3) });
    // Assert
    expect(Math.abs(p.value - code)).toBeLessThan(TOL.float64 * Math.abs(code));
  });

  it('validateNormalization rejects wrong lengths and non-positive std', () => {
    expect(() => validateNormalization('t', { mean: [0, 0], std: [1] }, 3)).toThrow(/normalization.mean/);
    expect(() => validateNormalization('t', { mean: [0], std: [0] }, 1)).toThrow(/positive/);
    expect(() => validateNormalization('t', MNIST_NORMALIZATION, 3)).not.toThrow();
  });
});
