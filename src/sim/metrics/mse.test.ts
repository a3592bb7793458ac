import { describe, expect, it } from 'vitest';
import { TOL } from '../../tensor/tolerances.js';
import { mse } from './mse.js';
import type { ImageBatch } from './types.js';

const batch = (values: number[], shape: [number, number, number, number]): ImageBatch => ({ data: Float64Array.from(values), shape });

describe('mse', () => {
  it('per image and mean, with the space carried through', () => {
    // Arrange: image 0 differs by 0.5 everywhere, image 1 by 1 in one of 4 entries
    const a = batch([0, 0, 0, 0, 1, 1, 1, 1], [2, 2, 2, 1]);
    const b = batch([0.5, 0.5, 0.5, 0.5, 1, 1, 1, 0], [2, 2, 2, 1]);
    // Act
    const r = mse(a, b, 'normalised');
    // Assert
    expect(r.perImage[0]).toBeCloseTo(0.25, 12);
    expect(r.perImage[1]).toBeCloseTo(0.25, 12);
    expect(r.value).toBeCloseTo(0.25, 12);
    expect(r.space).toBe('normalised');
  });

  it('accepts Float32Array data', () => {
    // Arrange
    const a: ImageBatch = { data: new Float32Array([0.25, 0.75]), shape: [1, 1, 2, 1] };
    const b: ImageBatch = { data: new Float32Array([0.75, 0.25]), shape: [1, 1, 2, 1] };
    // Act / Assert
    expect(Math.abs(mse(a, b, 'pixels01').value - 0.25)).toBeLessThan(TOL.float64);
  });

  it('rejects mismatched shapes, wrong data length and unknown spaces', () => {
    // Arrange
    const a = batch([0, 0], [1, 1, 2, 1]);
    // Act / Assert
    expect(() => mse(a, batch([0, 0], [1, 2, 1, 1]), 'pixels01')).toThrow(/shapes differ/);
    expect(() => mse(a, batch([0, 0, 0], [1, 1, 2, 1]), 'pixels01')).toThrow(/data length/);
    expect(() => mse(a, a, 'pixels' as never)).toThrow(/unknown space/);
  });
});
