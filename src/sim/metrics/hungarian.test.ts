import { describe, expect, it } from 'vitest';
import { makeRng } from '../../tensor/rng.js';
import { hungarian } from './hungarian.js';

const total = (cost: number[][], asg: number[]): number => asg.reduce((s, j, i) => s + cost[i][j], 0);

/** Minimum total cost over all injective row → column maps, by enumeration. */
function bruteForceMin(cost: number[][]): number {
  const m = cost[0]?.length ?? 0;
  const go = (i: number, used: Set<number>): number => {
    if (i === cost.length) return 0;
    let best = Infinity;
    for (let j = 0; j < m; j++) {
      if (used.has(j)) continue;
      used.add(j);
      best = Math.min(best, cost[i][j] + go(i + 1, used));
      used.delete(j);
    }
    return best;
  };
  return go(0, new Set());
}

describe('hungarian', () => {
  it('solves a worked 3×3 example whose optimum is off the diagonal', () => {
    // Arrange: optimum 0→1, 1→0, 2→2 with cost 1 + 2 + 2 = 5
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    // Act
    const asg = hungarian(cost);
    // Assert
    expect(asg).toEqual([1, 0, 2]);
  });

  it('matches brute force on seeded random square and rectangular matrices', () => {
    for (let trial = 0; trial < 200; trial++) {
      // Arrange
      const rng = makeRng(7, 'hungarian.test', trial);
      const n = 1 + rng.nextInt(6);
      const m = n + rng.nextInt(2);
      const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => (trial % 2 ? rng.nextInt(4) : rng.next() * 10 - 5)));
      // Act
      const asg = hungarian(cost);
      // Assert
      expect(new Set(asg).size).toBe(n);
      expect(asg.every((j) => j >= 0 && j < m)).toBe(true);
      expect(total(cost, asg)).toBeCloseTo(bruteForceMin(cost), 9);
    }
  });

  it('handles the empty matrix and rejects bad input', () => {
    // Act / Assert
    expect(hungarian([])).toEqual([]);
    expect(() => hungarian([[1], [2]])).toThrow(/more rows than columns/);
    expect(() => hungarian([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => hungarian([[Infinity]])).toThrow(/not finite/);
  });
});
