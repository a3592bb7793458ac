import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { GS_CODE, GS_PAPER, resolveGsOptions } from './gsOptions.js';
import { MNIST_NORMALIZATION } from '../data/normalization.js';

describe('resolveGsOptions (inverting gradients presets)', () => {
  it('paper preset: 120 iterations, lr 0.1, signed, boxed to [0, 1], TV 1e-4, 1 restart, code milestones', () => {
    // Act
    const r = resolveGsOptions({ seed: 1 }, 3);
    // Assert: Python's 120 // 2.667, 120 // 1.6, 120 // 1.142 are 44, 74, 105
    expect(r).toMatchObject({ preset: 'paper', iterations: GS_PAPER.iterations, tvWeight: 1e-4, restarts: 1 });
    expect(r.adam).toMatchObject({ lr: 0.1, signed: true, gamma: 0.1, milestones: [44, 74, 105] });
    expect(r.adam.box).toEqual({ lo: [0, 0, 0], hi: [1, 1, 1] });
  });

  it("code preset: 24 000 iterations; 'fractions' milestones are ⌊3n/8⌋, ⌊5n/8⌋, ⌊7n/8⌋", () => {
    const code = resolveGsOptions({ seed: 1, preset: 'code' }, 1);
    const frac = resolveGsOptions({ seed: 1, iterations: 120, milestones: 'fractions' }, 1);
    expect(code.iterations).toBe(GS_CODE.iterations);
    expect(code.adam.milestones).toEqual([8998, 14999, 21015]);
    expect(frac.adam.milestones).toEqual([45, 75, 105]);
  });

  it('boxes to the normalised image of [0, 1]; explicit options override the preset', () => {
    // Act
    const r = resolveGsOptions({ seed: 2, normalization: MNIST_NORMALIZATION, iterations: 2, signed: false, tvWeight: 0, restarts: 3 }, 1);
    const unboxed = resolveGsOptions({ seed: 2, boxed: false }, 1);
    // Assert: milestone 0 (2 // 2.667) is dropped as PyTorch never reaches it; 2 // 1.6 = 2 // 1.142 = 1 twice
    const [m, s] = [MNIST_NORMALIZATION.mean[0], MNIST_NORMALIZATION.std[0]];
    expect(r.adam.box).toEqual({ lo: [-m / s], hi: [(1 - m) / s] });
    expect(r.adam.milestones).toEqual([1, 1]);
    expect(r).toMatchObject({ iterations: 2, tvWeight: 0, restarts: 3 });
    expect(r.adam.signed).toBe(false);
    expect(unboxed.adam.box).toBeUndefined();
  });

  it.each([
    [{ preset: 'fast' }, /preset/], [{ iterations: -1 }, /iterations/], [{ restarts: 0 }, /restarts/],
    [{ tvWeight: -1 }, /tvWeight/], [{ lr: 0 }, /lr/], [{ normalization: { mean: [0, 0], std: [1, 1] } }, /normalization.mean/],
  ])('rejects %o with an InputError', (bad, message) => {
    expect(() => resolveGsOptions({ seed: 1, ...(bad as object) }, 3)).toThrow(InputError);
    expect(() => resolveGsOptions({ seed: 1, ...(bad as object) }, 3)).toThrow(message);
  });
});
