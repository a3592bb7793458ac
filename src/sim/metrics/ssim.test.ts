import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../tensor/rng.js';
import { TOL } from '../../tensor/tolerances.js';
import { ssim, SSIM_VARIANT } from './ssim.js';
import type { ImageBatch } from './types.js';

type Shape = [number, number, number, number];

function randomBatch(seed: number, shape: Shape, scale = 1): ImageBatch {
  const rng = makeRng(seed, 'metrics', 'ssim.test');
  const data = new Float64Array(shape.reduce((p, d) => p * d, 1));
  for (let i = 0; i < data.length; i++) data[i] = scale * rng.next();
  return { data, shape };
}

/** Direct 2-D SSIM (Wang 2004 eq. 13) with an explicit 11×11 window, one channel of one image. */
function naiveChannelSsim(a: ImageBatch, b: ImageBatch, img: number, ch: number, L: number): number {
  const [, h, w, c] = a.shape;
  const g = Array.from({ length: 11 }, (_, k) => Math.exp(-((k - 5) ** 2) / (2 * 1.5 * 1.5)));
  const gs = g.reduce((s, x) => s + x, 0);
  const at = (x: ImageBatch, y: number, xx: number): number => x.data[((img * h + y) * w + xx) * c + ch];
  let total = 0;
  for (let y0 = 0; y0 + 11 <= h; y0++) {
    for (let x0 = 0; x0 + 11 <= w; x0++) {
      let [mx, my, sxx, syy, sxy] = [0, 0, 0, 0, 0];
      for (let p = 0; p < 11; p++) {
        for (let q = 0; q < 11; q++) {
          const wt = (g[p] * g[q]) / (gs * gs);
          const [u, v] = [at(a, y0 + p, x0 + q), at(b, y0 + p, x0 + q)];
          [mx, my, sxx, syy, sxy] = [mx + wt * u, my + wt * v, sxx + wt * u * u, syy + wt * v * v, sxy + wt * u * v];
        }
      }
      const [c1, c2] = [(0.01 * L) ** 2, (0.03 * L) ** 2];
      const cov = sxy - mx * my;
      total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (sxx - mx * mx + syy - my * my + c2));
    }
  }
  return total / ((h - 10) * (w - 10));
}

describe('ssim', () => {
  it('agrees with a direct double-loop computation on random images', () => {
    // Arrange
    const shape: Shape = [2, 13, 14, 3];
    const a = randomBatch(1, shape);
    const b = randomBatch(2, shape);
    // Act
    const r = ssim(a, b, { space: 'pixels01' });
    // Assert
    for (let i = 0; i < 2; i++) {
      const expected = [0, 1, 2].reduce((s, ch) => s + naiveChannelSsim(a, b, i, ch, 1), 0) / 3;
      expect(Math.abs(r.perImage[i] - expected)).toBeLessThan(TOL.float64);
    }
    expect(r).toMatchObject({ space: 'pixels01', dataRange: 1, variant: SSIM_VARIANT });
  });

  it('agrees with skimage (gaussian_weights, sigma 1.5, population covariance) on the fixture', () => {
    // Arrange
    const fx = JSON.parse(readFileSync(new URL('./fixtures/ssim-skimage.json', import.meta.url), 'utf8')) as {
      cases: { shape: Shape; dataRange: number; a: number[]; b: number[]; perImage: number[] }[];
    };
    for (const k of fx.cases) {
      // Act
      const r = ssim({ data: Float64Array.from(k.a), shape: k.shape }, { data: Float64Array.from(k.b), shape: k.shape }, { space: 'pixels01', dataRange: k.dataRange });
      // Assert
      r.perImage.forEach((v, i) => expect(Math.abs(v - k.perImage[i])).toBeLessThan(TOL.float64));
    }
  });

  it('is 1 on identical inputs, symmetric and at most 1', () => {
    // Arrange
    const shape: Shape = [1, 12, 11, 2];
    const a = randomBatch(3, shape);
    const b = randomBatch(4, shape);
    // Act
    const ab = ssim(a, b, { space: 'normalised' }).value;
    const ba = ssim(b, a, { space: 'normalised' }).value;
    const aa = ssim(a, a, { space: 'normalised' }).value;
    // Assert
    expect(Math.abs(aa - 1)).toBeLessThan(TOL.float64);
    expect(Math.abs(ab - ba)).toBeLessThan(TOL.float64);
    expect(ab).toBeLessThan(1);
  });

  it('on constant images x ≡ s, y ≡ t equals (2st + C1) / (s² + t² + C1)', () => {
    // Arrange
    const [s, t, L] = [0.3, 0.7, 1];
    const shape: Shape = [1, 11, 12, 1];
    const a: ImageBatch = { data: new Float64Array(132).fill(s), shape };
    const b: ImageBatch = { data: new Float64Array(132).fill(t), shape };
    const c1 = (0.01 * L) ** 2;
    // Act
    const r = ssim(a, b, { space: 'pixels01', dataRange: L });
    // Assert
    expect(Math.abs(r.value - (2 * s * t + c1) / (s * s + t * t + c1))).toBeLessThan(TOL.float64);
  });

  it('throws a RangeError naming the shape when H or W < 11', () => {
    // Arrange
    const a = randomBatch(5, [1, 10, 20, 1]);
    // Act / Assert
    expect(() => ssim(a, a, { space: 'pixels01' })).toThrow(/\[1, 10, 20, 1\]/);
    expect(() => ssim(a, a, { space: 'pixels01' })).toThrow(RangeError);
  });
});
