import { describe, expect, it } from 'vitest';
import { makeRng } from '../../tensor/rng.js';
import { TOL } from '../../tensor/tolerances.js';
import { matchReconstructions } from './matchReconstructions.js';
import { mse } from './mse.js';
import { ssim } from './ssim.js';
import type { ImageBatch } from './types.js';
import { imageAt } from './validateImages.js';

type Shape = [number, number, number, number];

function randomBatch(seed: number, shape: Shape): ImageBatch {
  const rng = makeRng(seed, 'metrics', 'matchReconstructions.test');
  return { data: Float64Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => rng.next()), shape };
}

/** recon[i] = truth[perm[i]] + small seeded noise. */
function permutedNoisy(truth: ImageBatch, perm: number[], seed: number): ImageBatch {
  const size = truth.data.length / truth.shape[0];
  const rng = makeRng(seed, 'noise');
  const data = new Float64Array(perm.length * size);
  perm.forEach((j, i) => {
    for (let k = 0; k < size; k++) data[i * size + k] = truth.data[j * size + k] + 0.05 * (rng.next() - 0.5);
  });
  return { data, shape: [perm.length, truth.shape[1], truth.shape[2], truth.shape[3]] };
}

describe('matchReconstructions', () => {
  it('recovers the permutation of noisy copies, by MSE and by SSIM', () => {
    // Arrange
    const truth = randomBatch(11, [4, 11, 11, 2]);
    const perm = [2, 0, 3, 1];
    const recon = permutedNoisy(truth, perm, 12);
    for (const metric of ['mse', 'ssim'] as const) {
      // Act
      const r = matchReconstructions(recon, truth, { space: 'pixels01', metric });
      // Assert
      expect(r.assignment).toEqual(perm);
      expect(r.metric).toBe(metric);
      expect(r.space).toBe('pixels01');
    }
  });

  it('scores each matched pair with the metric itself, one-to-one, with n ≤ m', () => {
    // Arrange: 2 reconstructions, both near truth 1 → one-to-one forces one of them elsewhere
    const truth = randomBatch(13, [3, 11, 12, 1]);
    const recon = permutedNoisy(truth, [1, 1], 14);
    // Act
    const r = matchReconstructions(recon, truth, { space: 'normalised' });
    // Assert
    expect(new Set(r.assignment).size).toBe(2);
    r.pairs.forEach((p) => {
      expect(Math.abs(p.score - mse(imageAt(recon, p.recon), imageAt(truth, p.truth), 'normalised').value)).toBeLessThan(TOL.float64);
    });
    expect(Math.abs(r.meanScore - (r.pairs[0].score + r.pairs[1].score) / 2)).toBeLessThan(TOL.float64);
    const s = matchReconstructions(recon, truth, { space: 'normalised', metric: 'ssim' });
    expect(Math.abs(s.pairs[0].score - ssim(imageAt(recon, 0), imageAt(truth, s.assignment[0]), { space: 'normalised' }).value)).toBeLessThan(TOL.float64);
  });

  it('rejects incompatible batches', () => {
    // Arrange
    const truth = randomBatch(15, [1, 11, 11, 1]);
    // Act / Assert
    expect(() => matchReconstructions(randomBatch(16, [2, 11, 11, 1]), truth, { space: 'pixels01' })).toThrow(/n ≤ m/);
    expect(() => matchReconstructions(randomBatch(16, [1, 11, 12, 1]), truth, { space: 'pixels01' })).toThrow(RangeError);
  });
});
