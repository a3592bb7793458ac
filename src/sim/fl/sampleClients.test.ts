import { describe, expect, it } from 'vitest';
import { makeRng, TOL } from '../../tensor/index.js';
import { sampleClients } from './sampleClients.js';

/** Pearson's chi-square statistic of observed counts against expected probabilities. */
function chiSquare(counts: readonly number[], probs: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.reduce((s, c, i) => s + (c - n * probs[i]) ** 2 / (n * probs[i]), 0);
}

/** Upper 0.1 % point of the chi-square distribution with 4 degrees of freedom (statistical table). */
const CHI2_DF4_P001 = 18.467;

describe('sampleClients: uniform (McMahan)', () => {
  it('draws K distinct devices and weights them n_k / sum over the selection', () => {
    // Arrange
    const sizes = [10, 20, 30, 40, 50, 60];
    // Act
    const s = sampleClients('uniform', sizes, 4, makeRng(3, 'round', 0, 'sample'));
    // Assert
    expect(new Set(s.draws).size).toBe(4);
    expect(s.clients).toEqual([...s.draws].sort((a, b) => a - b));
    const total = s.clients.reduce((a, c) => a + sizes[c], 0);
    s.clients.forEach((c, i) => expect(s.weights[i]).toBeCloseTo(sizes[c] / total, 12));
    expect(Math.abs(s.weightSum - 1)).toBeLessThan(TOL.float64);
  });

  it('includes each device equally often, whatever its size', () => {
    // Arrange
    const sizes = [1, 1, 1, 1, 96];
    const counts = [0, 0, 0, 0, 0];
    // Act
    for (let r = 0; r < 4000; r++) for (const c of sampleClients('uniform', sizes, 2, makeRng(11, 'round', r, 'sample')).clients) counts[c]++;
    // Assert
    expect(chiSquare(counts, [0.2, 0.2, 0.2, 0.2, 0.2])).toBeLessThan(CHI2_DF4_P001);
  });

  it('is deterministic in the stream and rejects K > N', () => {
    // Arrange / Act
    const a = sampleClients('uniform', [5, 5, 5], 2, makeRng(1, 'x'));
    const b = sampleClients('uniform', [5, 5, 5], 2, makeRng(1, 'x'));
    // Assert
    expect(a).toEqual(b);
    expect(() => sampleClients('uniform', [5, 5, 5], 4, makeRng(1))).toThrow(/clientsPerRound out of range for uniform \(got 4, expected 1\.\.3\)/);
  });
});

describe('sampleClients: with replacement by p_k (schemeI, eq13)', () => {
  const sizes = [10, 20, 30, 40, 100];
  const p = sizes.map((n) => n / 200);

  it.each(['schemeI', 'eq13'] as const)('%s draws devices with frequencies proportional to p_k (chi-square)', (scheme) => {
    // Arrange
    const counts = [0, 0, 0, 0, 0];
    // Act
    const s = sampleClients(scheme, sizes, 20000, makeRng(5, 'round', 0, 'sample'));
    for (const d of s.draws) counts[d]++;
    // Assert: consistent with p, and clearly inconsistent with uniform inclusion (the test has power)
    expect(chiSquare(counts, p)).toBeLessThan(CHI2_DF4_P001);
    expect(chiSquare(counts, [0.2, 0.2, 0.2, 0.2, 0.2])).toBeGreaterThan(CHI2_DF4_P001);
  });

  it('schemeI weights are multiplicity / K and sum to 1', () => {
    // Arrange / Act
    const s = sampleClients('schemeI', sizes, 7, makeRng(9));
    // Assert
    s.clients.forEach((c, i) => expect(s.weights[i] * 7).toBeCloseTo(s.draws.filter((d) => d === c).length, 12));
    expect(Math.abs(s.weightSum - 1)).toBeLessThan(TOL.float64);
  });

  it('eq13 weights sum to (N/K) * sum of p over the draws, which is not 1 for unbalanced p', () => {
    // Arrange
    const k = 3;
    // Act
    const s = sampleClients('eq13', sizes, k, makeRng(2));
    // Assert
    const expected = (sizes.length / k) * s.draws.reduce((a, d) => a + p[d], 0);
    expect(s.weightSum).toBeCloseTo(expected, 12);
    expect(Math.abs(s.weightSum - 1)).toBeGreaterThan(0.05);
  });

  it('eq13 weight sum has mean N * sum p_k^2 > 1 over rounds (inflation in expectation)', () => {
    // Arrange
    const rounds = 4000;
    // Act
    let mean = 0;
    for (let r = 0; r < rounds; r++) mean += sampleClients('eq13', sizes, 4, makeRng(7, 'round', r, 'sample')).weightSum / rounds;
    // Assert: N Σ p² = 5 · 0.3 = 1.5 here; the sampling error of the mean is ≈ 0.01.
    const target = sizes.length * p.reduce((a, q) => a + q * q, 0);
    expect(target).toBeGreaterThan(1.4);
    expect(Math.abs(mean - target)).toBeLessThan(0.05);
  });

  it('eq13 equals schemeI for balanced devices', () => {
    // Arrange
    const balanced = [50, 50, 50, 50];
    // Act
    const a = sampleClients('eq13', balanced, 3, makeRng(4));
    const b = sampleClients('schemeI', balanced, 3, makeRng(4));
    // Assert
    expect(a.draws).toEqual(b.draws);
    a.weights.forEach((w, i) => expect(w).toBeCloseTo(b.weights[i], 12));
  });

  it('never draws an empty device', () => {
    // Arrange / Act
    const s = sampleClients('schemeI', [0, 5, 0, 5], 500, makeRng(8));
    // Assert
    expect(new Set(s.draws)).toEqual(new Set([1, 3]));
  });
});
