import { describe, expect, it } from 'vitest';
import { TOL } from '../../../tensor/tolerances.js';
import { Lbfgs } from './lbfgs.js';
import { resolveLbfgsOptions } from './resolveLbfgsOptions.js';
import { quadratic, rosenbrock } from './testFunctions.js';
import type { Closure } from './types.js';

function counting(f: Closure): { f: Closure; calls: () => number } {
  let n = 0;
  return { f: (x) => { n += 1; return f(x); }, calls: () => n };
}

const halfSquaredNorm: Closure = (x) => ({ value: 0.5 * x.reduce((s, v) => s + v * v, 0), grad: x });

describe('resolveLbfgsOptions', () => {
  it('fills in PyTorch defaults, with maxEval = floor(maxIter·5/4)', () => {
    // Arrange / Act
    const d = resolveLbfgsOptions({});
    const e = resolveLbfgsOptions({ maxIter: 7 });
    // Assert
    expect(d).toEqual({ lr: 1, maxIter: 20, maxEval: 25, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearch: 'none' });
    expect(e.maxEval).toBe(8);
  });

  it('rejects invalid values', () => {
    // Arrange / Act / Assert
    expect(() => resolveLbfgsOptions({ lr: -1 })).toThrow(/lr must be a positive number/);
    expect(() => resolveLbfgsOptions({ historySize: 0 })).toThrow(/historySize must be a positive integer/);
    expect(() => resolveLbfgsOptions({ toleranceGrad: Number.NaN })).toThrow(/toleranceGrad must be non-negative/);
    expect(() => resolveLbfgsOptions({ lineSearch: 'armijo' as never })).toThrow(/unknown lineSearch/);
  });
});

describe('Lbfgs without line search', () => {
  it('evaluates once per inner iteration, skipping the last when maxIter is reached', () => {
    // Arrange
    const c = counting(quadratic([[3, 1], [1, 2]], [1, 1]));
    const opt = new Lbfgs([5, -4], { lr: 0.01, maxIter: 6, toleranceGrad: 0, toleranceChange: 0 });
    // Act
    const losses = [opt.step(c.f), opt.step(c.f)];
    // Assert: per step 1 initial + 5 re-evaluations (none after the 6th iteration)
    expect(opt.counters).toEqual({ steps: 2, iterations: 12, evaluations: 12 });
    expect(c.calls()).toBe(12);
    expect(losses[1]).toBeLessThan(losses[0]);
  });

  it('stops on toleranceGrad: on ½‖x‖² the second iteration lands on 0', () => {
    // Arrange: iteration 1 steps t = 1/‖g‖₁ along −g; then y = s, so H₀ = I and d = −g, t = 1
    const c = counting(halfSquaredNorm);
    const opt = new Lbfgs([3, -1, 2]);
    // Act
    opt.step(c.f);
    // Assert
    opt.x.forEach((v) => expect(Math.abs(v)).toBeLessThanOrEqual(TOL.float64));
    expect(opt.counters).toEqual({ steps: 1, iterations: 2, evaluations: 3 });
    expect(c.calls()).toBe(3);
  });

  it('stops on toleranceChange after one iteration when the change is below it', () => {
    // Arrange: gᵀd = −116 < −1, but ‖t·d‖∞ ≈ 7e-4 and |Δf| ≈ 8e-3 are below 1
    const opt = new Lbfgs([5, -4], { lr: 1e-3, toleranceChange: 1 });
    // Act
    opt.step(quadratic([[3, 1], [1, 2]], [1, 1]));
    // Assert
    expect(opt.counters).toEqual({ steps: 1, iterations: 1, evaluations: 2 });
  });

  it('respects maxEval', () => {
    // Arrange
    const c = counting(rosenbrock);
    const opt = new Lbfgs([-1.2, 1], { lr: 0.01, maxIter: 100, maxEval: 9, toleranceGrad: 0, toleranceChange: 0 });
    // Act
    opt.step(c.f);
    // Assert
    expect(c.calls()).toBe(9);
    expect(opt.counters.iterations).toBe(8);
  });

  it('returns the loss at the incoming x and does nothing at a stationary point', () => {
    // Arrange
    const x0 = [0.5, 0.7];
    const atZero = new Lbfgs([0, 0]);
    const opt = new Lbfgs(x0);
    // Act
    const loss = opt.step(rosenbrock);
    atZero.step(halfSquaredNorm);
    // Assert
    expect(loss).toBe(rosenbrock(Float64Array.from(x0)).value);
    expect(atZero.counters).toEqual({ steps: 1, iterations: 0, evaluations: 1 });
  });

  it('rejects a closure whose gradient has the wrong length', () => {
    // Arrange
    const opt = new Lbfgs([1, 2]);
    // Act / Assert
    expect(() => opt.step(() => ({ value: 0, grad: [1] }))).toThrow(/wrong length/);
  });
});

describe('Lbfgs history', () => {
  it('keeps at most historySize pairs', () => {
    // Arrange
    const opt = new Lbfgs([-1.2, 1, 0.5, -0.3], { lineSearch: 'strongWolfe', historySize: 3, toleranceGrad: 0, toleranceChange: 0 });
    // Act
    opt.step(rosenbrock);
    // Assert
    expect(opt.counters.iterations).toBeGreaterThan(4);
    expect(opt.historyLength).toBe(3);
  });
});
