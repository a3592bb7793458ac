import { describe, expect, it } from 'vitest';
import { TOL } from '../../tensor/index.js';
import { checkLrSchedule, learningRate, stepsPerRound } from './learningRate.js';

describe('learningRate', () => {
  it('constant ignores round and step', () => {
    // Arrange
    const s = { kind: 'constant', eta: 0.01 } as const;
    // Act
    const values = [learningRate(s, 0, 0), learningRate(s, 7, 300), learningRate(s, 199, 1e6)];
    // Assert
    expect(new Set(values)).toEqual(new Set([0.01]));
  });

  it('inverseRound is eta0 / (1 + round), constant within a round', () => {
    // Arrange
    const s = { kind: 'inverseRound', eta0: 0.1 } as const;
    // Act / Assert
    for (const r of [0, 1, 4, 99]) {
      expect(learningRate(s, r, 0) * (1 + r)).toBeCloseTo(0.1, 12);
      expect(learningRate(s, r, 12345)).toBe(learningRate(s, r, 0));
    }
    expect(learningRate(s, 0, 0)).toBe(0.1);
  });

  it('strongConvex: 1/eta_t is affine in the global step t with slope mu/2 and intercept mu*gamma/2', () => {
    // Arrange
    const mu = 1e-2;
    const gamma = 40;
    const s = { kind: 'strongConvex', mu, gamma } as const;
    // Act
    const inv = [0, 1, 2, 50, 1000].map((t) => [t, 1 / learningRate(s, 3, t)] as const);
    // Assert
    for (const [t, v] of inv) expect(Math.abs(v - (mu / 2) * (gamma + t)) / v).toBeLessThan(TOL.float64);
    expect(learningRate(s, 0, 10)).toBe(learningRate(s, 9, 10)); // depends on t only, not the round
  });

  it('rejects invalid schedules and counters', () => {
    // Arrange / Act / Assert
    expect(() => checkLrSchedule({ kind: 'constant', eta: 0 })).toThrow(/eta must be finite and > 0 \(got 0\)/);
    expect(() => checkLrSchedule({ kind: 'strongConvex', mu: 1, gamma: Number.NaN })).toThrow(/gamma/);
    expect(() => learningRate({ kind: 'constant', eta: 1 }, -1, 0)).toThrow(/round/);
    expect(() => learningRate({ kind: 'constant', eta: 1 }, 0, 1.5)).toThrow(/t must be/);
  });
});

describe('stepsPerRound', () => {
  it('is E times the batches of the largest device (last partial batch kept)', () => {
    // Arrange: 200 samples at B = 32 is 6 full batches + 1 partial = 7 batches.
    const sizes = [200, 150, 0];
    // Act / Assert
    expect(stepsPerRound(sizes, 1, 32)).toBe(7);
    expect(stepsPerRound(sizes, 5, 32)).toBe(35);
    expect(stepsPerRound([64], 1, 32)).toBe(2);
  });
});
